using System.Collections.Concurrent;
using Microsoft.Playwright;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>
/// The projector and the console draw each vote's tally in the browser, from the hub (js/live.js, a watcher), and the
/// server no longer redraws them over the page's circuit for every vote (issue 20: that was a third of a calm vote's
/// CPU). A browser that cannot watch leaves the server drawing, and the room sees every vote either way.
/// </summary>
[Collection(BrowserCollection.Name)]
public class BrowserTallyTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(realPort: true);

    public async ValueTask InitializeAsync() => await _app.OrganiserAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IPage> SignedInAsync(string path, int width, int height, ConcurrentQueue<int>? circuitFrames = null, bool blockHubClient = false)
    {
        var page = await browser.ScreenAsync(width, height);
        if (circuitFrames is not null)
        {
            // What the server sends down the page's circuit (Blazor's WebSocket): render batches are tens of bytes or more.
            page.WebSocket += (_, socket) =>
            {
                if (socket.Url.Contains("/_blazor", StringComparison.Ordinal))
                {
                    socket.FrameReceived += (_, frame) => circuitFrames.Enqueue(frame.Binary?.Length ?? frame.Text?.Length ?? 0);
                }
            };
        }

        if (blockHubClient)
        {
            await page.RouteAsync("**/lib/signalr/**", route => route.AbortAsync());
        }

        await page.GotoAsync($"{_app.BaseUrl}{path}");
        await page.SignInAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await page.WaitForInteractiveAsync();
        return page;
    }

    [Fact]
    public async Task TheProjectorAndConsole_DrawEachVote_FromTheHub_WithoutARenderOverTheCircuit()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync();
        var people = await _app.Core.JoinAsync(session.JoinCode, 3);
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var frames = new ConcurrentQueue<int>();
        var projector = await SignedInAsync($"/projector/{session.Id}", 1280, 720, frames);
        var console = await SignedInAsync($"/facilitate/{session.Id}", 1440, 900);
        await Expect(projector.Locator("html")).ToHaveAttributeAsync("data-live-tally", "browser");
        await Expect(console.Locator("html")).ToHaveAttributeAsync("data-live-tally", "browser");
        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("0 votes in");
        await Task.Delay(500);
        frames.Clear();

        await _app.Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Marry);
        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("1 vote in");
        await Expect(console.GetByTestId("votes-in")).ToHaveTextAsync("1");
        await _app.Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Avoid);
        await _app.Core.Voting.CastVoteAsync(people[2], scenarios[0].Id, Choice.Avoid);
        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("3 votes in");
        await Expect(console.GetByTestId("votes-in")).ToHaveTextAsync("3");
        await Expect(console.GetByTestId("preview").GetByTestId("total")).ToHaveTextAsync("3 votes in");
        await Expect(console.GetByTestId("private-split").Locator("[data-count=Avoid]")).ToHaveTextAsync("2");
        await Expect(console.GetByTestId("private-split").Locator(".result-row.avoid .result-figures")).ToHaveTextAsync("2 · 67%");
        (await console.GetByTestId("private-split").Locator(".result-row.avoid .result-fill").EvaluateAsync<string>("fill => fill.style.width")).Should().Be("67%");
        await Task.Delay(300);

        frames.Where(size => size > 40).Should().BeEmpty("the projector's tally was drawn from the hub, not by a render over its circuit");

        // The room moves on: the server draws the slide, with the figures it has, and the browser goes on from there.
        await _app.Core.Scenarios.CloseAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await _app.Core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("3 votes");
        await Expect(projector.Locator(".result-row.avoid .result-figures")).ToHaveTextAsync("2 · 67%");
        await projector.SaveScreenshotAsync("projector-720p-browser-tally", fullPage: false);
    }

    [Fact]
    public async Task AProjectorThatLosesTheHub_IsDrawnByTheServerAgain_AndShowsTheVotesItMissed()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync();
        var people = await _app.Core.JoinAsync(session.JoinCode, 2);
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var projector = await browser.ScreenAsync(1280, 720);
        IWebSocketRoute? watching = null;
        var lost = false;
        await projector.RouteWebSocketAsync("**/hubs/session**", socket =>
        {
            if (Volatile.Read(ref lost))
            {
                _ = socket.CloseAsync();
                return;
            }

            watching = socket;
            socket.ConnectToServer();
        });
        await projector.GotoAsync($"{_app.BaseUrl}/projector/{session.Id}");
        await projector.SignInAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await projector.WaitForInteractiveAsync();
        await Expect(projector.Locator("html")).ToHaveAttributeAsync("data-live-tally", "browser");

        // The venue's network drops the hub's WebSocket, and every try to open it again; the page's circuit stays.
        Volatile.Write(ref lost, true);
        await watching!.CloseAsync();
        await Expect(projector.Locator("html")).ToHaveAttributeAsync("data-live-tally", "server");
        await _app.Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Marry);
        await _app.Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Snog);

        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("2 votes in");
    }

    [Fact]
    public async Task AProjectorThatCannotWatch_IsDrawnByTheServer_AndShowsEveryVote()
    {
        var (session, scenarios) = await _app.Core.LiveSessionAsync();
        var people = await _app.Core.JoinAsync(session.JoinCode, 2);
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, TestCore.Owner);
        var projector = await SignedInAsync($"/projector/{session.Id}", 1280, 720, blockHubClient: true);
        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("0 votes in");

        await _app.Core.Voting.CastVoteAsync(people[0], scenarios[0].Id, Choice.Marry);
        await _app.Core.Voting.CastVoteAsync(people[1], scenarios[0].Id, Choice.Snog);

        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("2 votes in");
        (await projector.Locator("html").GetAttributeAsync("data-live-tally")).Should().BeNull("the browser never watched");
    }
}
