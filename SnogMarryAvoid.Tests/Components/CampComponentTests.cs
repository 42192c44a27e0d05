using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Components.Pages.Facilitate;
using SnogMarryAvoid.Web.Components.Pages.Reports;
using SnogMarryAvoid.Web.Components.Shared;
using Console = SnogMarryAvoid.Web.Components.Pages.Facilitate.Console;

namespace SnogMarryAvoid.Tests.Components;

/// <summary>The camps' components (issue 18): set-up, the split on the console and the projector, the report's tables, the filter.</summary>
public class CampComponentTests : ComponentTest
{
    private static readonly Guid ScenarioId = Guid.NewGuid();

    private CampService Camps => Core.Services.GetRequiredService<CampService>();

    private static CampSplitView Split(string hostile = "Online") =>
        CampSplit.Of(ScenarioId, [CampRules.Defaults[0], new Camp("A charity", "Charities"), new Camp(hostile, hostile)],
            new Dictionary<Camp, ScenarioResults>
            {
                [CampRules.Defaults[0]] = new(ScenarioId, 0, 3, 0),
                [new Camp(hostile, hostile)] = new(ScenarioId, 1, 0, 3),
                [new Camp("A charity", "Charities")] = new(ScenarioId, 1, 0, 0),
            },
            new ScenarioResults(ScenarioId, 4, 3, 3));

    [Fact]
    public void TheSplitTable_ShowsShownCampsFigures_FoldsTheSmallOnes_AndRendersHostileNamesAsText()
    {
        var cut = Render<CampSplitTable>(p => p.Add(c => c.Split, Split("<b>Online</b>")));

        cut.Find("tr[data-camp='Public bodies']").TextContent.Should().Contain("100 %").And.Contain("3");
        cut.Find("tr[data-camp='Charities']").TextContent.Should().Contain("Fewer than 3: counted in the room only");
        cut.Find("tr[data-camp=others]").TextContent.Should().Contain("3", "the charity's one and the two who gave no camp");
        cut.Find("[data-testid=camp-gap]").TextContent.Should().Be("Widest gap: Public bodies: marry 100 % · <b>Online</b>: avoid 75 %");
        cut.FindAll("b").Should().BeEmpty("a camp's name is text");
    }

    [Fact]
    public void TheProjector_AtTheReveal_ShowsTheSplitBesideTheRoom_WithTheWidestGap_AndOnlyShownCamps()
    {
        var split = Split();
        var snapshot = new RoomView(Guid.NewGuid(), "Room", "KX7PM", SessionPhase.Live, new ScenarioView(ScenarioId, 1, "NHS trust", "blogger", null, ScenarioState.Revealed, null),
            1, 10, 4, new ScenarioResults(ScenarioId, 4, 3, 3), false, false, [], ResultsVisible: true, VerdictText: "The room says: snog!");

        var cut = Render<ProjectorView>(p => p.Add(c => c.Snapshot, snapshot).Add(c => c.Results, snapshot.RevealedResults).Add(c => c.Split, split));

        cut.Find("[data-testid=camp-gap]").TextContent.Should().Be("Public bodies: marry 100 % · Online: avoid 75 %");
        cut.FindAll(".camp-row").Select(r => r.GetAttribute("data-camp")).Should().Equal("Public bodies", "Online");
        cut.Find(".reveal-room [data-testid=total]").TextContent.Should().Be("10 votes");
    }

    [Fact]
    public async Task TheCampPanel_SavesTheCamps_AndShowsCoresRefusal_KeepingWhatWasTyped()
    {
        var (session, _) = await Core.LiveSessionAsync(1);
        _ = Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<Console>(p => p.Add(c => c.SessionId, session.Id));
        cut.WaitForAssertion(() => cut.Find("[data-interactive]").GetAttribute("data-interactive").Should().Be("true"));

        cut.Find("input[data-testid=camp-ask]").Change(true);
        cut.FindAll("input[data-testid=camp-name]").Should().HaveCount(4, "the workshop's four to start with");
        cut.FindAll("input[data-testid=camp-name]")[1].Change("A public body");
        cut.Find("[data-testid=camp-panel] form").Submit();

        cut.WaitForAssertion(() => cut.Find("[data-testid=camp-error]").TextContent.Should().Be("\"A public body\" is there twice: each camp needs its own name."));
        cut.FindAll("input[data-testid=camp-name]")[1].GetAttribute("value").Should().Be("A public body", "nothing typed is lost");
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).CampSettings.Ask.Should().BeFalse();

        cut.FindAll("input[data-testid=camp-name]")[1].Change("Campaigners");
        cut.Find("[data-testid=camp-panel] form").Submit();

        cut.WaitForAssertion(async () => (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).CampSettings.Camps[1].Name.Should().Be("Campaigners"));
        (await Core.Sessions.GetAsync(session.Id, TestCore.Owner)).Room.Camps.Should().Equal("A public body", "Campaigners", "Online: blogger, activist, creator", "Somewhere else");
    }

    [Fact]
    public async Task TheConsole_ShowsTheLiveSplitByCamp_AndSaysWhenNoCampHasEnoughVotes()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        await Camps.SetAsync(session.Id, TestCore.Owner, CampSettings.Off with { Ask = true });
        var people = await Core.JoinAsync(session.JoinCode, 6);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        _ = Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<Console>(p => p.Add(c => c.SessionId, session.Id));
        cut.WaitForAssertion(() => cut.Find("[data-interactive]").GetAttribute("data-interactive").Should().Be("true"));
        cut.Find("[data-testid=camps-too-few]").TextContent.Should().StartWith("No camp has 3 votes of its own yet");

        for (var i = 0; i < 6; i++)
        {
            await Camps.ChooseAsync(people[i], i < 3 ? 0 : 2);
            await Core.Voting.CastVoteAsync(people[i], scenarios[0].Id, i < 3 ? Choice.Marry : Choice.Avoid);
        }

        cut.WaitForAssertion(() => cut.Find("[data-testid=live-camps] [data-testid=camp-gap]").TextContent.Should().Be("Widest gap: Public bodies: marry 100 % · Online: avoid 100 %"));
        cut.Find("[data-testid=live-camps] tr[data-camp='Online']").TextContent.Should().Contain("3");
    }

    [Fact]
    public async Task TheConsole_ShowsWhatTheRoomSaid_AsReasonsArrive()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        var people = await Core.JoinAsync(session.JoinCode, 2);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        _ = Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<Console>(p => p.Add(c => c.SessionId, session.Id));
        cut.WaitForAssertion(() => cut.Find("[data-interactive]").GetAttribute("data-interactive").Should().Be("true"));
        cut.Find("[data-testid=live-words]").TextContent.Should().Contain("No words yet");

        foreach (var person in people)
        {
            await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Snog);
            await Core.Voting.SetReasonAsync(person, scenarios[0].Id, "<i>Reach</i> matters");
        }

        cut.WaitForAssertion(() => cut.Find("[data-testid=live-words] [data-choice=Snog]").TextContent.Should().Contain("reach").And.Contain("2"), TimeSpan.FromSeconds(10));
        cut.FindAll("[data-testid=live-words] i").Should().BeEmpty();
    }

    [Fact]
    public async Task TheReport_HasATablePerCamp_AndTheAcrossSessionsPage_FiltersByCamp_AndPlacesPairingsInTheTriangle()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(1);
        await Camps.SetAsync(session.Id, TestCore.Owner, CampSettings.Off with { Ask = true });
        var people = await Core.JoinAsync(session.JoinCode, 6);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        for (var i = 0; i < 6; i++)
        {
            await Camps.ChooseAsync(people[i], i < 3 ? 0 : 2);
            await Core.Voting.CastVoteAsync(people[i], scenarios[0].Id, i < 3 ? Choice.Marry : Choice.Snog);
        }

        var report = Render<SessionReportPage>(p => p.Add(c => c.SessionId, session.Id));
        var tables = report.Find("[data-testid=camp-tables]");
        tables.QuerySelectorAll("table").Should().HaveCount(4);
        tables.QuerySelector("table[data-camp='Public bodies'] tbody tr")!.TextContent.Should().Contain("100 %");
        report.FindAll("[data-testid=camp-tables] table")[1].QuerySelector("tbody tr")!.TextContent.Should().Contain("Too few to show on their own");

        Services.GetRequiredService<NavigationManager>().NavigateTo("/reports?camp=A%20public%20body");
        var across = Render<AcrossSessionsPage>();
        across.Find("[data-testid=camp-filter]").QuerySelectorAll("a").Select(a => a.TextContent).Should().Equal("Everyone", "A charity or campaign", "A public body", "Online: blogger, activist, creator", "Somewhere else");
        across.Find("[data-testid=camp-filter] a[aria-current=true]").TextContent.Should().Be("A public body");
        across.Find("td[data-cell='Public body 1|Activist 1']").TextContent.Should().Contain("3 votes", "only the public bodies' votes");
        across.Find("[data-testid=ternary] tbody tr").TextContent.Should().Contain("Public body 1 meets Activist 1").And.Contain("100 %");
    }
}
