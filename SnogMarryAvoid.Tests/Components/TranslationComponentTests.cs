using Bunit;
using SnogMarryAvoid.Core.Decks;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Components.Pages.Facilitate;
using SnogMarryAvoid.Web.Components.Shared;

namespace SnogMarryAvoid.Tests.Components;

/// <summary>
/// The console's side of bilingual scenarios and rooms (issue 19): the Welsh fields beside the English, Core's
/// refusal under the Welsh field it names, and the projector's view marked with the room's languages.
/// </summary>
public class TranslationComponentTests : ComponentTest
{
    [Fact]
    public void TheAddForm_SendsTheWelshWithTheEnglish_AndPutsAWelshRefusalUnderTheWelshField()
    {
        DeckEntry? sent = null;
        var cut = Render<AddScenarioForm>(p => p.Add(c => c.OnAdd, e =>
        {
            sent = e;
            return Task.FromResult<string?>("Counterpart (cy) is 201 characters; the limit is 200.");
        }));

        cut.Find("[data-testid=translation-cy] summary").TextContent.Should().Be("In Cymraeg (optional)");
        cut.Find("input[data-testid=public-body-cy]").GetAttribute("lang").Should().Be("cy-GB", "what is typed there is Welsh");
        cut.FindAll("input")[0].Change("Police force");
        cut.FindAll("input")[1].Change("local group");
        cut.Find("input[data-testid=public-body-cy]").Change("Heddlu");
        cut.Find("input[data-testid=counterpart-cy]").Change("grŵp lleol");
        cut.Find("form").Submit();

        sent!.Translations!["cy"].Should().Be(new ScenarioText("Heddlu", "grŵp lleol", null));
        var welsh = cut.Find("[data-testid=translation-cy]");
        welsh.HasAttribute("open").Should().BeTrue("a refused translation stays open");
        welsh.TextContent.Should().Contain("Counterpart (cy) is 201 characters");
        cut.FindAll(".mud-alert").Should().BeEmpty("the refusal is under its field, not in a banner");
        cut.FindAll(".mud-input-helper-text.mud-input-error").Should().ContainSingle();
    }

    [Fact]
    public void TheEditor_OpensWithTheScenariosWelsh_AndABothOrNeitherRefusal_GoesInTheBanner()
    {
        var scenario = new ScenarioView(Guid.NewGuid(), 1, "Police force", "local group", null, ScenarioState.Pending, null,
            new Dictionary<string, ScenarioText> { ["cy"] = new("Heddlu", "grŵp lleol", "Cyd-destun") });
        var item = new DeckItem(scenario, false, ScenarioRules.ActionsFor(SessionPhase.Draft, scenario, false, 1), null, null);
        var cut = Render<ScenarioEditor>(p => p.Add(c => c.Item, item)
            .Add(c => c.OnSave, _ => Task.FromResult<string?>("Give both the public body and the counterpart in \"cy\", or neither: the title needs both.")));

        cut.Find("[data-testid=translation-cy]").HasAttribute("open").Should().BeTrue("a scenario with Welsh shows it");
        cut.Find("input[data-testid=public-body-cy]").GetAttribute("value").Should().Be("Heddlu");
        cut.Find("form").Submit();

        cut.Find(".mud-alert").TextContent.Should().Contain("Give both the public body and the counterpart");
    }

    [Fact]
    public void TheRoomLanguageChoice_ShowsTheRoomsLanguages_AndSendsTheChosenOnes_OtherLanguageFirst()
    {
        IReadOnlyList<string>? chosen = null;
        var cut = Render<RoomLanguageSelect>(p => p.Add(c => c.Current, ["cy", "en"]).Add(c => c.OnChange, codes => chosen = codes));

        cut.FindAll("option").Select(o => (o.GetAttribute("value"), o.TextContent)).Should().Equal(("en", "English"), ("cy", "Cymraeg"), ("cy,en", "Cymraeg + English"));
        cut.Find("option[selected]").GetAttribute("value").Should().Be("cy,en", "the room's languages now");
        cut.Find("select").Change("cy,en");
        chosen.Should().BeNull("choosing what is already chosen changes nothing");
        cut.Find("select").Change("cy");

        chosen.Should().Equal("cy");
    }

    [Fact]
    public void AWelshRoomsProjector_IsMarkedWelsh_AndAnUntranslatedScenario_IsMarkedEnglish()
    {
        var view = new RoomView(Guid.NewGuid(), "Gweithdy", "KX7PM", SessionPhase.Live,
            new ScenarioView(Guid.NewGuid(), 1, "Library service", "<b>book-tok</b> reviewers", null, ScenarioState.Pending, null),
            1, 0, 3, null, false, false, [], Languages: ["cy"]);

        var cut = Render<ProjectorView>(p => p.Add(c => c.Snapshot, view).Add(c => c.ShortJoinUrl, "vote.example.org/join"));

        cut.Find(".projector-view").GetAttribute("lang").Should().Be("cy-GB");
        cut.FindAll(".said-second").Should().BeEmpty("a Welsh room speaks Welsh alone");
        var title = cut.Find("[data-testid=scenario] span");
        title.GetAttribute("lang").Should().Be("en-GB");
        title.TextContent.Should().Be("Library service meets <b>book-tok</b> reviewers", "hostile text stays text");
        cut.Find("[data-testid=state]").TextContent.Trim().Should().Be("Trafodwch: bydd y pleidleisio'n agor cyn hir.");
        cut.Find("[data-testid=room-count]").TextContent.Should().Be("0 yn yr ystafell");
    }
}
