using System.Text;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Decks;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

/// <summary>
/// Bilingual scenarios and rooms (issue 19): a scenario's Welsh beside its English, checked as every text is,
/// carried by deck files and the built-in deck, copied with the session; the room's languages.
/// </summary>
public class TranslationTests : CoreTest
{
    private static readonly Dictionary<string, ScenarioText> Welsh = new() { ["cy"] = new("Heddlu", "grŵp cymunedol lleol", "Mae'r grŵp yn enwi pobl.") };

    private static readonly string[] Codes = ["en", "cy"];

    [Fact]
    public async Task AScenario_KeepsItsWelsh_ShowsItToTheRoom_AndTheCopyKeepsItToo()
    {
        var session = await Core.Sessions.CreateAsync("Gweithdy", Actor.System);
        var added = (await Core.Decks.AddAsync(session.Id, Actor.System, [new DeckEntry("Police force", "local group", "They name suspects.", null, Welsh)]))[0];

        added.Translations.Should().BeEquivalentTo(Welsh);
        ScenarioTexts.In(added, "cy", "{publicBody} yn cwrdd â {counterpart}").Should().Be(
            new ScenarioWording("Heddlu yn cwrdd â grŵp cymunedol lleol", "cy", "Mae'r grŵp yn enwi pobl.", "cy"));
        ScenarioTexts.In(added, "en", "ignored").Should().Be(new ScenarioWording("Police force meets local group", "en", "They name suspects.", "en"));
        ScenarioTexts.In(added, "gd", "{publicBody} {counterpart}").TitleLanguage.Should().Be("en", "a language it has no text in reads the English");

        await Core.Sessions.StartAsync(session.Id, Actor.System);
        await Core.Scenarios.GoToAsync(session.Id, added.Id, Actor.System);
        var room = await Core.Sessions.GetRoomViewAsync(session.Id, Actor.System);
        room.Current!.Translations.Should().BeEquivalentTo(Welsh, "phones are sent every language, and each shows its participant's");

        var copy = await Core.Sessions.DuplicateAsync(session.Id, Actor.System);
        copy.Scenarios.Single().Translations.Should().BeEquivalentTo(Welsh);
    }

    [Fact]
    public async Task CorrectingTheEnglish_KeepsTheWelsh_AndAFullEdit_ChangesItAndMarksAnOpenedScenarioEdited()
    {
        var session = await Core.Sessions.CreateAsync("Gweithdy", Actor.System);
        var added = (await Core.Decks.AddAsync(session.Id, Actor.System, [new DeckEntry("Police", "group", null, null, Welsh)]))[0];

        await Core.Decks.EditAsync(session.Id, added.Id, Actor.System, "Police force", "local group", null);
        (await Core.Sessions.GetAsync(session.Id, Actor.System)).Scenarios.Single().Translations.Should().BeEquivalentTo(Welsh);

        await Core.Sessions.StartAsync(session.Id, Actor.System);
        await Core.Scenarios.OpenAsync(session.Id, added.Id, Actor.System);
        await Core.Decks.EditAsync(session.Id, added.Id, Actor.System, new DeckEntry("Police force", "local group", null, null,
            new Dictionary<string, ScenarioText> { ["cy"] = new("Heddlu", "grŵp lleol", null) }));
        var item = (await Core.Sessions.GetAsync(session.Id, Actor.System)).Deck.Single();
        item.Scenario.Translations!["cy"].Counterpart.Should().Be("grŵp lleol");
        item.EditedAt.Should().NotBeNull("a change to the Welsh of an opened scenario is an edit the report notes");
    }

    [Theory]
    [InlineData("cy", "Heddlu", null, null, "Give both the public body and the counterpart in \"cy\", or neither: the title needs both.")]
    [InlineData("en", "Police", "group", null, "\"en\" is not a language a scenario can be translated into")]
    [InlineData("Welsh", "Heddlu", "grŵp", null, "\"Welsh\" is not a language")]
    [InlineData("cy", "Heddlu", "grŵp", "long", "Context (cy) is 1001 characters; the limit is 1000.")]
    public async Task ABadTranslation_IsRefusedWithItsFieldAndLanguage_AndNothingIsAdded(string code, string body, string? counterpart, string? context, string message)
    {
        var session = await Core.Sessions.CreateAsync("Gweithdy", Actor.System);
        var text = new ScenarioText(body, counterpart, context == "long" ? new string('a', Scenario.MaxContextLength + 1) : context);

        var adding = () => Core.Decks.AddAsync(session.Id, Actor.System, [new DeckEntry("Police", "group", null, null, new Dictionary<string, ScenarioText> { [code] = text })]);

        (await adding.Should().ThrowAsync<DomainException>()).Which.Message.Should().StartWith(message);
        (await Core.Sessions.GetAsync(session.Id, Actor.System)).Deck.Should().BeEmpty();
    }

    [Fact]
    public void ATranslation_IsCleanedAsEveryText_AndAnEmptyOneIsDropped()
    {
        var clean = ScenarioTexts.Clean(new Dictionary<string, ScenarioText>
        {
            ["cy"] = new("  Heddlu\u200B ", "grŵp", "  "),
            ["gd"] = new(" ", null, "\u200B"),
        });

        clean.Should().BeEquivalentTo(new Dictionary<string, ScenarioText> { ["cy"] = new("Heddlu", "grŵp", null) });
        ScenarioTexts.Clean(new Dictionary<string, ScenarioText> { ["cy"] = new(null, null, null) }).Should().BeNull();
    }

    [Theory]
    [InlineData("deck.json")]
    [InlineData("deck.csv")]
    public void DeckFiles_CarryTheWelsh_ThereAndBack(string name)
    {
        DeckEntry[] entries = [new("Police force", "local group", "Context, with commas", "Notes", Welsh), new("Council", "=blogger", null)];

        var text = name.EndsWith(".json", StringComparison.Ordinal) ? DeckFile.ToJson(entries) : DeckFile.ToCsv(entries);
        var read = DeckFile.Read(name, Encoding.UTF8.GetBytes(text));

        read.Should().BeEquivalentTo(entries, o => o.WithStrictOrdering());
        if (name.EndsWith(".csv", StringComparison.Ordinal))
        {
            text.Split('\n')[0].TrimEnd('\r').Should().Be("public_body,counterpart,context,notes,public_body_cy,counterpart_cy,context_cy");
        }
        else
        {
            text.Should().Contain("\"translations\": {").And.Contain("\"cy\": {").And.Contain("\"publicBody\": \"Heddlu\"");
        }
    }

    [Theory]
    [InlineData("public_body,counterpart,title_cy\nA,B,C\n", "Line 1: the column \"title_cy\" is not one a deck has")]
    [InlineData("public_body,counterpart,context_cy,context_cy\nA,B,C,D\n", "Line 1: the column \"context_cy\" is there twice.")]
    [InlineData("public_body,counterpart,public_body_cy\nA,B,Heddlu\n", "Line 2: Give both the public body and the counterpart in \"cy\"")]
    public void ACsvDeck_WithABadTranslatedColumn_IsRefusedWithItsLine(string csv, string message)
    {
        var reading = () => DeckFile.Read("deck.csv", Encoding.UTF8.GetBytes(csv));

        reading.Should().Throw<DomainException>().Which.Message.Should().StartWith(message);
    }

    [Fact]
    public void AJsonDeck_WithTranslationsThatAreNotAnObjectByLanguage_IsRefused()
    {
        var reading = () => DeckFile.Read("deck.json", Encoding.UTF8.GetBytes("""{"scenarios": [{"publicBody": "A", "counterpart": "B", "translations": ["cy"]}]}"""));

        reading.Should().Throw<DomainException>().Which.Message.Should().StartWith("Scenario 1: \"translations\" must be an object by language");
    }

    [Fact]
    public void TheBuiltInDeck_IsInWelshToo_EveryScenarioWholly()
    {
        BuiltInDeck.Entries.Should().OnlyContain(e => e.Translations != null && e.Translations["cy"].HasTitle && e.Translations["cy"].Context != null);
        BuiltInDeck.Entries.Select(e => ScenarioTexts.Clean(e.Translations)).Should().OnlyContain(t => t != null, "every Welsh text passes the checks");

        // Welsh after "â" mutates c, p and t (â chyngor) and takes "ag" before a vowel: the deck's Welsh needs neither.
        BuiltInDeck.Entries.Select(e => e.Translations!["cy"].Counterpart!).Should().OnlyContain(c => !"cptaeiouwyâêîôûŵŷ".Contains(char.ToLowerInvariant(c[0])));
    }

    [Fact]
    public async Task TheRoomsLanguages_AreEnglishByDefault_WelshOrBilingualWhenChosen_AndCheckedAgainstTheAppsLanguages()
    {
        var session = await Core.Sessions.CreateAsync("Gweithdy", Actor.System);
        (await Core.Sessions.GetRoomViewAsync(session.Id, Actor.System)).Languages.Should().BeNull("English alone is the default, and costs the wire nothing");
        session.Room.ShownIn.Should().Equal("en");

        var room = await Core.Sessions.SetRoomLanguagesAsync(session.Id, Actor.System, ["cy", "en"], Codes);
        room.ShownIn.Should().Equal("cy", "en");
        (await Core.Sessions.GetRoomViewAsync(session.Id, Actor.System)).Languages.Should().Equal("cy", "en");
        (await Core.Sessions.DuplicateAsync(session.Id, Actor.System)).Room.ShownIn.Should().Equal("cy", "en");
        (await Core.Sessions.SetRoomLanguagesAsync(session.Id, Actor.System, ["en"], Codes)).Languages.Should().BeNull();

        foreach (var (codes, message) in new (string[], string)[]
        {
            ([], "Choose one language for the room, or two for a bilingual room."),
            (["cy", "en", "gd"], "Choose one language for the room, or two for a bilingual room."),
            (["fr"], "There is no language \"fr\": choose from en, cy."),
            (["cy", "cy"], "A bilingual room needs two different languages."),
        })
        {
            var setting = () => Core.Sessions.SetRoomLanguagesAsync(session.Id, Actor.System, codes, Codes);
            (await setting.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be(message);
        }

        await Core.Sessions.StartAsync(session.Id, Actor.System);
        await Core.Sessions.EndAsync(session.Id, Actor.System);
        (await Core.Sessions.SetRoomLanguagesAsync(session.Id, Actor.System, ["cy"], Codes)).ShownIn.Should().Equal(["cy"], "the recap can still be shown in another language");
    }
}
