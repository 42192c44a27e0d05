using System.Text;
using SnogMarryAvoid.Core;
using SnogMarryAvoid.Core.Decks;
using SnogMarryAvoid.Tests.Support;

namespace SnogMarryAvoid.Tests.Core;

public class DeckFileTests : CoreTest
{
    private static readonly DeckEntry[] Hostile =
    [
        new("=HYPERLINK(\"http://evil\")", "+blogger, \"quoted\"", "-line one\nline two 🙂"),
        new("@council", "مجموعة فيسبوك محلية", null),
        new("<script>alert(1)</script>", "normal", "commas, everywhere, here", "=cmd|' /C calc'!A0 and <b>notes</b>,\nwith a second line"),
    ];

    private static IReadOnlyList<DeckEntry> Read(string name, string text) => DeckFile.Read(name, Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("deck.json")]
    [InlineData("deck.csv")]
    public void Export_ThenImport_RoundTripsHostileText(string name)
    {
        var text = name.EndsWith(".json", StringComparison.Ordinal) ? DeckFile.ToJson(Hostile) : DeckFile.ToCsv(Hostile);

        Read(name, text).Should().Equal(Hostile);
    }

    [Fact]
    public void Csv_NeutralisesFormulaCells()
    {
        var csv = DeckFile.ToCsv(Hostile);

        csv.Should().Contain("'=HYPERLINK").And.Contain("\"'+blogger, \"\"quoted\"\"\"").And.Contain("'@council");
        csv.Split('\n').Skip(1).Where(l => l.Length > 0).Should().OnlyContain(l => !"=+-@".Contains(l[0]));
    }

    [Theory]
    [InlineData("deck.json", "{\"scenarios\": [", "Line 1: this is not valid JSON")]
    [InlineData("deck.json", "{\"scenarios\": [\n {\"publicBody\": \"Trust\", \"counterpart\": \"Blogger\"},\n {\"publicBody\": \"Council\"}\n]}", "Scenario 2: Counterpart is required.")]
    [InlineData("deck.json", "[1, 2]", "The JSON needs a \"scenarios\" list")]
    [InlineData("deck.csv", "body,who\nTrust,Blogger", "Line 1: the first line must be the header public_body,counterpart,context,notes.")]
    [InlineData("deck.csv", "public_body,counterpart,context\nTrust,Blogger,\nCouncil,,Context", "Line 3: Counterpart is required.")]
    [InlineData("deck.csv", "public_body,counterpart,context,notes\nTrust,Blogger,a,b,c", "Line 2: 5 columns")]
    [InlineData("deck.txt", "whatever", "Choose a .json or .csv file.")]
    [InlineData("deck.csv", "public_body,counterpart,context\n", "The file has no scenarios.")]
    public void Read_BadFiles_SayWhereTheProblemIs(string name, string text, string message)
    {
        var act = () => Read(name, text);

        act.Should().Throw<DomainException>().Which.Message.Should().StartWith(message);
    }

    [Theory]
    [InlineData("public_body,counterpart,context\nTrust,Blogger,\"Unclosed context\nCouncil,Facebook group,Fine", 2)]
    [InlineData("public_body,counterpart,context\nTrust,Blogger,\"A \"\"quoted\"\" word,\nand more\"\nCouncil,\"Facebook\ngroup,Fine\n", 4)]
    [InlineData("public_body,counterpart,context\r\n\"Trust,Blogger,\r\n", 2)]
    public void Read_ACsvWithAnUnclosedQuote_IsRefused_NamingTheLine_NotMergedIntoOneScenario(string text, int line)
    {
        var act = () => Read("deck.csv", text);

        act.Should().Throw<DomainException>().Which.Message.Should().StartWith($"Line {line}: a quote opens here and is never closed");
    }

    [Fact]
    public void PresenterNotes_TravelInBothFormats_AndADeckFromBeforeNotesStillReads()
    {
        var json = Read("deck.json", "{\"scenarios\": [{\"publicBody\": \"Trust\", \"counterpart\": \"Blogger\", \"notes\": \"Ask who gains.\"}]}");
        var csv = Read("deck.csv", "public_body,counterpart,context,notes\nTrust,Blogger,,Ask who gains.\n");
        var old = Read("deck.csv", "public_body,counterpart,context\nTrust,Blogger,A context\n");

        json.Should().Equal(new DeckEntry("Trust", "Blogger", null, "Ask who gains."));
        csv.Should().Equal(json);
        old.Should().Equal(new DeckEntry("Trust", "Blogger", "A context"));
        DeckFile.ToCsv(json).Split('\n')[0].Trim().Should().Be("public_body,counterpart,context,notes");
    }

    [Fact]
    public void TooLongNotes_AreRefused_NamingTheLine()
    {
        var act = () => Read("deck.csv", $"public_body,counterpart,context,notes\nTrust,Blogger,,{new string('n', 2001)}\n");

        act.Should().Throw<DomainException>().Which.Message.Should().StartWith("Line 2: Notes");
    }

    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndLineBreaks_StillWork()
    {
        var entries = Read("deck.csv", "public_body,counterpart,context\nTrust,\"Blogger, \"\"the\"\" one\",\"Two\nlines\"\nCouncil,Group,\n");

        entries.Should().Equal(new DeckEntry("Trust", "Blogger, \"the\" one", "Two\nlines"), new DeckEntry("Council", "Group", null));
    }

    [Fact]
    public async Task Import_ACsvWithAnUnclosedQuote_AddsNothing()
    {
        var session = await Core.Sessions.CreateAsync("Room", TestCore.Owner);
        var unclosed = Encoding.UTF8.GetBytes("public_body,counterpart,context\nTrust,Blogger,\"Unclosed\nCouncil,Group,x\nPolice,Neighbours,y");

        var act = () => Core.Decks.ImportAsync(session.Id, TestCore.Owner, "deck.csv", unclosed);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().StartWith("Line 2:");
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Scenarios.Should().BeEmpty();
    }

    [Fact]
    public void Read_NotUtf8_OrTooBig_IsRefused()
    {
        var notUtf8 = () => DeckFile.Read("deck.csv", [0xff, 0xfe, 0x00, 0x41]);
        var tooBig = () => DeckFile.Read("deck.csv", new byte[DeckFile.MaxBytes + 1]);

        notUtf8.Should().Throw<DomainException>().WithMessage("The file is not UTF-8 text.");
        tooBig.Should().Throw<DomainException>().WithMessage("The file is 256 KB; the limit is 256 KB.");
    }

    [Fact]
    public async Task Import_AppendsTheFilesScenarios_AndABadFileAddsNothing()
    {
        var session = await Core.Sessions.CreateAsync("Room", TestCore.Owner);
        var good = Encoding.UTF8.GetBytes(DeckFile.ToCsv(BuiltInDeck.Entries.Take(3)));
        var bad = Encoding.UTF8.GetBytes("public_body,counterpart,context\nTrust,,x");

        await Core.Decks.ImportAsync(session.Id, TestCore.Owner, "deck.csv", good);
        var act = () => Core.Decks.ImportAsync(session.Id, TestCore.Owner, "deck.csv", bad);

        await act.Should().ThrowAsync<DomainException>();
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Scenarios.Should().HaveCount(3);
    }
}
