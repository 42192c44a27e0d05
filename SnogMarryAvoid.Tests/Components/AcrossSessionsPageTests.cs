using Bunit;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Components.Pages.Reports;

namespace SnogMarryAvoid.Tests.Components;

public class AcrossSessionsPageTests : ComponentTest
{
    private async Task TwoRoomsVoteOnTheSameScenarioAsync()
    {
        foreach (var choice in new[] { Choice.Marry, Choice.Avoid })
        {
            var (session, scenarios) = await Core.LiveSessionAsync(1);
            var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
            await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
            await Core.Voting.CastVoteAsync(person, scenarios[0].Id, choice);
        }
    }

    [Fact]
    public async Task Page_ShowsTheMatrixAndTheComparison()
    {
        await TwoRoomsVoteOnTheSameScenarioAsync();

        var cut = Render<AcrossSessionsPage>();

        var cell = cut.Find("td[data-cell='Public body 1|Activist 1']");
        cell.ClassList.Should().Contain("split");
        cell.TextContent.Should().Contain("2 votes");
        cut.FindAll("[data-comparison='Public body 1|Activist 1'] .comparison-room").Should().HaveCount(2);
    }

    [Fact]
    public async Task TwoRoomsWithTheSameTitle_AreToldApartByTimeAndCode_AndHowDividedIsInWordsWithItsMeaningOneClickAway()
    {
        await TwoRoomsVoteOnTheSameScenarioAsync();
        var codes = (await Core.Sessions.ListAsync(TestCore.Owner)).Select(s => s.JoinCode).ToList();

        var cut = Render<AcrossSessionsPage>();

        var rooms = cut.FindAll("[data-testid=room-when]").Select(e => e.TextContent).ToList();
        rooms.Should().HaveCount(2);
        rooms.Should().OnlyContain(r => r.Contains("UTC · code "));
        codes.Should().OnlyContain(code => rooms.Any(r => r.EndsWith(code, StringComparison.Ordinal)));
        cut.Find("td[data-cell='Public body 1|Activist 1']").TextContent.Should().Contain("how divided: 0.63 (divided)");
        cut.Markup.Should().NotContain("split 0.");

        cut.FindAll(".how-divided-definition").Should().BeEmpty();
        await cut.InvokeAsync(() => cut.Find("button.how-divided-help.wide").Click());
        cut.Find(".how-divided-definition").TextContent.Should().Be(SnogMarryAvoid.Core.Reports.Polarisation.Definition);
    }

    [Fact]
    public async Task AnotherFacilitator_SeesNoneOfIt()
    {
        await TwoRoomsVoteOnTheSameScenarioAsync();
        SignIn(TestCore.OtherFacilitator);

        var cut = Render<AcrossSessionsPage>();

        cut.Markup.Should().Contain("No votes yet.").And.Contain("No scenario has run in more than one session yet.");
        cut.FindAll("td.cell").Should().BeEmpty();
    }
}
