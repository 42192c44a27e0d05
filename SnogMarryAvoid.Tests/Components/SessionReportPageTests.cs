using Bunit;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Components.Pages.Reports;

namespace SnogMarryAvoid.Tests.Components;

public class SessionReportPageTests : ComponentTest
{
    [Fact]
    public async Task Report_ShowsTheNumbersTheVotesProduced_AndReasonsAsText()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        var people = await Core.JoinAsync(session.JoinCode, 3);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Avoid);
        await Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Snog);
        await Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Snog);
        await Core.Voting.CastVoteAsync(people[2], scenarios[0].Id, Choice.Marry);
        await Core.Voting.SetReasonAsync(people[2], scenarios[0].Id, "<script>alert(1)</script> for the long run");

        var cut = Render<SessionReportPage>(p => p.Add(c => c.SessionId, session.Id));

        cut.Find("[data-testid=report-participants]").TextContent.Should().Be("3");
        var first = cut.Find("[data-scenario='1']");
        first.QuerySelector("[data-count=Snog]")!.TextContent.Should().Be("2");
        first.QuerySelector("[data-testid=polarisation]")!.TextContent.Should().Be(Polarisation.Describe(Polarisation.Of(new ScenarioResults(scenarios[0].Id, 2, 1, 0))));
        first.QuerySelector("[data-testid=how-divided]")!.TextContent.Should().StartWith("How divided: 0.58 (leaned one way)");
        first.QuerySelector("[data-testid=switches]")!.TextContent.Should().Be("1 moved from avoid to snog");
        first.QuerySelector(".report-reasons li")!.TextContent.Should().Be("<script>alert(1)</script> for the long run");
        cut.FindAll("script").Should().BeEmpty();
        cut.Find("[data-scenario='2']").TextContent.Should().Contain("Not voted on.");
    }

    [Fact]
    public async Task Report_ShowsWhatTheRoomSaidInWords_AndEachScenarioInTheTriangle_WithTheSameInText()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(2);
        var people = await Core.JoinAsync(session.JoinCode, 3);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        foreach (var (person, reason) in people.Zip(new[] { "Trust the blogger", "They reach readers we never do: trust", "<b>readers</b> first" }))
        {
            await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry);
            await Core.Voting.SetReasonAsync(person, scenarios[0].Id, reason);
        }

        var cut = Render<SessionReportPage>(p => p.Add(c => c.SessionId, session.Id));

        var words = cut.Find("[data-testid=room-words][data-choice=Marry]");
        words.QuerySelectorAll("li").Select(li => li.TextContent.Trim()).Should().Equal("readers 2", "trust 2", "blogger 1", "first 1", "never 1", "reach 1");
        words.QuerySelectorAll("li").Select(li => li.GetAttribute("style")).Should().Equal("--weight: 1.00", "--weight: 1.00", "--weight: 0.00", "--weight: 0.00", "--weight: 0.00", "--weight: 0.00");
        cut.FindAll("b").Should().BeEmpty("a reason's markup is text");
        var triangle = cut.Find("[data-testid=ternary]");
        triangle.QuerySelectorAll(".ternary-dot").Select(d => d.GetAttribute("data-order")).Should().Equal(["1"], "a scenario nobody voted on has no place");
        triangle.QuerySelector(".ternary-dot circle")!.GetAttribute("cx").Should().Be("0.5");
        triangle.QuerySelector(".ternary-dot circle")!.GetAttribute("cy").Should().Be("0", "all marry is the top corner");
        triangle.QuerySelectorAll("tbody tr").Single().TextContent.Should().Contain("0 %").And.Contain("100 %");
    }

    [Fact]
    public async Task Report_DrawsMudBlazorCharts_OfTheVotedScenarios()
    {
        var (session, scenarios) = await Core.LiveSessionAsync(3);
        var people = await Core.JoinAsync(session.JoinCode, 2);
        foreach (var scenario in scenarios.Take(2))
        {
            await Core.Scenarios.OpenAsync(session.Id, scenario.Id, TestCore.Owner);
            await Core.Voting.CastVoteAsync(people[0], scenario.Id, Choice.Snog);
            await Core.Voting.CastVoteAsync(people[1], scenario.Id, Choice.Avoid);
        }

        var cut = Render<SessionReportPage>(p => p.Add(c => c.SessionId, session.Id));

        var chart = cut.Find("[data-testid=session-chart]");
        chart.QuerySelectorAll("path.mud-chart-bar").Should().HaveCount(6, "three choices stacked for each of the two voted scenarios");
        chart.QuerySelectorAll(".mud-charts-xaxis text").Select(t => t.TextContent).Should().Equal("1. Public body 1", "2. Public body 2");
        cut.FindAll("[data-testid=scenario-donut] svg").Should().HaveCount(2, "only voted scenarios get a donut");
    }
}
