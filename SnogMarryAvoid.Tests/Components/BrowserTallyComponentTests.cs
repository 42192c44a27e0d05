using Bunit;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using SnogMarryAvoid.Web.Components.Pages;
using SnogMarryAvoid.Web.Components.Shared;

namespace SnogMarryAvoid.Tests.Components;

/// <summary>
/// While a staff page's browser draws the tallies from the hub (js/live.js; the browser end is in
/// EndToEnd/BrowserTallyTests), the server does not redraw them for a vote; it still applies every tally, draws what the
/// browser cannot (the console's pace) now and then, and marks each figure with what js/live.js needs to draw it.
/// </summary>
public class BrowserTallyComponentTests : ComponentTest
{
    [Fact]
    public async Task WhileTheBrowserDraws_AVoteDoesNotRedrawTheProjector_AndWhenItStops_TheServerDrawsWhatItMissed()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var cut = Render<Projector>(p => p.Add(c => c.SessionId, session.Id));
        cut.WaitForAssertion(() => cut.Find("[data-interactive]").GetAttribute("data-interactive").Should().Be("true"));
        var follower = cut.FindComponents<LiveRegion>()[0].Instance.Follower;
        await cut.InvokeAsync(() => follower.BrowserDrawsTallies(true));

        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry);
        await Until(() => follower.Results?.Total == 1);
        await Task.Delay(SessionFollower.RedrawInterval * 4, Xunit.TestContext.Current.CancellationToken);
        cut.Find("[data-testid=total]").TextContent.Should().Be("0 votes in", "the browser draws the vote; the server does not");

        await cut.InvokeAsync(() => follower.BrowserDrawsTallies(false));

        cut.WaitForAssertion(() => cut.Find("[data-testid=total]").TextContent.Should().Be("1 vote in"));
        var total = cut.Find("[data-testid=total]");
        total.GetAttribute("data-live").Should().Be("count");
        total.GetAttribute("data-live-scenario").Should().Be(scenarios[0].Id.ToString());
        total.GetAttribute("data-live-sequence").Should().Be(follower.ResultsSequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        follower.ResultsSequence.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task TheProjectorsCountedTally_CarriesEachLanguagesWordsForOneAndForMany()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        await Core.Sessions.SetRoomLanguagesAsync(session.Id, TestCore.Owner, ["en", "cy"], ["en", "cy"]);
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var cut = Render<Projector>(p => p.Add(c => c.SessionId, session.Id));

        var words = cut.FindAll("[data-testid=total] [data-one]");
        words.Select(w => (w.GetAttribute("lang"), w.GetAttribute("data-one"), w.GetAttribute("data-many"), w.TextContent)).Should().Equal(
            ("en-GB", "{count} vote in", "{count} votes in", "0 votes in"),
            ("cy-GB", "{count} bleidlais i mewn", "{count} o bleidleisiau i mewn", "0 o bleidleisiau i mewn"));
        words[1].ClassList.Should().Contain("said-second");
        cut.Find("[data-testid=total]").TextContent.Should().Be("0 votes in0 o bleidleisiau i mewn");
    }

    [Fact]
    public async Task WhileTheBrowserDraws_AVoteStillRedrawsTheConsolesPace_WithinASecond()
    {
        var (session, scenarios) = await Core.LiveSessionAsync();
        var person = (await Core.JoinAsync(session.JoinCode, 1))[0];
        await Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var cut = Render<SnogMarryAvoid.Web.Components.Pages.Facilitate.Console>(p => p.Add(c => c.SessionId, session.Id));
        cut.WaitForAssertion(() => cut.Find("[data-interactive]").GetAttribute("data-interactive").Should().Be("true"));
        var follower = cut.FindComponents<LiveRegion>()[0].Instance.Follower;
        await cut.InvokeAsync(() => follower.BrowserDrawsTallies(true));

        await Core.Voting.CastVoteAsync(person, scenarios[0].Id, Choice.Marry);

        cut.WaitForAssertion(() => cut.Find("[data-testid=votes-per-minute]").TextContent.Should().Be("1"), SessionFollower.BrowserDrawnRedrawInterval * 3);
        cut.Find("[data-testid=votes-in]").GetAttribute("data-live").Should().Be("number");
    }
}
