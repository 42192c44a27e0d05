using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>The phone page as people get it: every state accessible, small screens, big text, light weight.</summary>
[Collection(BrowserCollection.Name)]
public class PhoneExperienceTests(BrowserFixture browser)
{
    private static ILocator Button(IPage phone, string name) => phone.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static Task<bool> FitsWidthAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    [Fact]
    public async Task EveryState_HasNoSeriousAccessibilityProblems_AndFitsA320PixelScreen()
    {
        await using var app = new AppFactory(realPort: true);
        var (session, scenarios) = await app.Core.LiveSessionAsync(2);

        var home = await browser.ScreenAsync(360, 800);
        await home.GotoAsync(app.BaseUrl);
        await home.ExpectNoSeriousAxeViolationsAsync();
        await home.GetByLabel("Join code").FillAsync("nope!");
        await home.GetByLabel("Join code").PressAsync("Enter");
        await Expect(home.GetByRole(AriaRole.Alert)).ToContainTextAsync("doesn't look like a join code");
        await Expect(home.GetByLabel("Join code")).ToHaveValueAsync("nope!");
        await home.ExpectNoSeriousAxeViolationsAsync();

        var phone = await browser.ScreenAsync(320, 640);
        await phone.GotoAsync($"{app.BaseUrl}/join/{session.JoinCode}");
        await phone.WaitForInteractiveAsync();
        async Task CheckAsync(string state)
        {
            await Expect(phone.Locator(".vote-page")).ToHaveAttributeAsync("data-state", state);
            await phone.ExpectNoSeriousAxeViolationsAsync();
            (await FitsWidthAsync(phone)).Should().BeTrue($"the {state} screen fits 320 px");
        }

        await CheckAsync("Waiting");
        await app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System, TimeSpan.FromMinutes(5));
        await Expect(Button(phone, "Snog")).ToBeVisibleAsync();
        await CheckAsync("Voting");
        foreach (var name in new[] { "Snog", "Marry", "Avoid" })
        {
            (await Button(phone, name).BoundingBoxAsync())!.Height.Should().BeGreaterThanOrEqualTo(48, "buttons are thumb-sized");
        }

        await Button(phone, "Snog").ClickAsync();
        await phone.GetByLabel("Why? (optional)").FillAsync("Worth one try");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Add reason" }).ClickAsync();
        await Expect(phone.GetByText("Reason saved.")).ToBeVisibleAsync();
        await CheckAsync("Voting");
        await phone.SaveScreenshotAsync("phone-320-voted");

        // Big system text: the page still fits and nothing is cut off.
        await phone.EvaluateAsync("document.documentElement.style.fontSize = '200%'");
        (await FitsWidthAsync(phone)).Should().BeTrue("the page fits with text at 200 %");
        await Button(phone, "Avoid").ScrollIntoViewIfNeededAsync();
        await Expect(Button(phone, "Avoid")).ToBeInViewportAsync();
        (await Button(phone, "Avoid").BoundingBoxAsync())!.Width.Should().BeLessThanOrEqualTo(320);
        await phone.EvaluateAsync("document.documentElement.style.fontSize = ''");

        await app.Core.Sessions.SetBlankedAsync(session.Id, Actor.System, true);
        await Expect(phone.Locator(".paused")).ToBeVisibleAsync();
        await phone.ExpectNoSeriousAxeViolationsAsync();
        await app.Core.Sessions.SetBlankedAsync(session.Id, Actor.System, false);

        await app.Core.Scenarios.CloseAsync(session.Id, scenarios[0].Id, Actor.System);
        await Expect(phone.Locator(".status")).ToContainTextAsync("Voting is closed. You voted Snog.");
        await CheckAsync("Voting");
        await app.Core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, Actor.System);
        await Expect(phone.Locator(".verdict")).ToBeVisibleAsync();
        await CheckAsync("Voting");
        await app.Core.Sessions.EndAsync(session.Id, Actor.System);
        await CheckAsync("Ended");
        await Expect(phone.GetByTestId("summary")).ToHaveTextAsync("You voted on 1 of 2 scenarios.");
    }

    [Fact]
    public async Task ConnectionDropped_ThePageSaysSo_AndRejoinsByItselfAsTheSameParticipant()
    {
        await using var app = new AppFactory(realPort: true);
        var (session, scenarios) = await app.Core.LiveSessionAsync(1);
        await app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        var phone = await browser.PhoneAsync("Pixel 7");
        var offline = false;
        IWebSocketRoute? live = null;
        IWebSocketRoute? server = null;
        await phone.RouteWebSocketAsync("**/hubs/session**", async ws =>
        {
            if (offline)
            {
                await ws.CloseAsync();
                return;
            }

            live = ws;
            server = ws.ConnectToServer();
        });
        await phone.GotoAsync($"{app.BaseUrl}/join/{session.JoinCode}");
        await phone.WaitForInteractiveAsync();
        await phone.EvaluateAsync("window.__sameDocument = true");
        await Button(phone, "Marry").ClickAsync();
        await Expect(phone.GetByText("Vote received: Marry")).ToBeVisibleAsync();
        var seenBefore = await LastSeenAsync(app);

        // The phone drops off: the page says so, and the buttons stay: a tap now is kept for when it is back.
        offline = true;
        await phone.Context.SetOfflineAsync(true);
        await server!.CloseAsync();
        await live!.CloseAsync();
        await Expect(phone.Locator(".connection")).ToHaveTextAsync("Reconnecting… Your votes so far are safe.");
        await Expect(Button(phone, "Snog")).ToBeEnabledAsync();
        await phone.ExpectNoSeriousAxeViolationsAsync();
        await phone.SaveScreenshotAsync("phone-reconnecting");
        await Task.Delay(TimeSpan.FromSeconds(3));
        offline = false;
        await phone.Context.SetOfflineAsync(false);

        // Back by itself, without a reload: it joined again with its token and found its vote.
        await Expect(phone.Locator(".connection")).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Expect(Button(phone, "Marry")).ToHaveAttributeAsync("aria-pressed", "true");
        for (var i = 0; i < 100 && await LastSeenAsync(app) == seenBefore; i++)
        {
            await Task.Delay(100);
        }

        (await LastSeenAsync(app)).Should().BeAfter(seenBefore, "the page joined again as the same participant");
        await Button(phone, "Snog").ClickAsync();
        await Expect(Button(phone, "Snog")).ToHaveAttributeAsync("aria-pressed", "true");
        (await phone.EvaluateAsync<bool>("window.__sameDocument === true")).Should().BeTrue("no reload was needed");
        (await app.Core.Voting.GetResultsAsync(scenarios[0].Id)).Should().Be(new ScenarioResults(scenarios[0].Id, 1, 0, 0));
    }

    private static async Task<DateTime> LastSeenAsync(AppFactory app)
    {
        await using var ctx = await app.Services.GetRequiredService<SnogMarryAvoid.Core.Persistence.DbWork>().ReadAsync();
        return await ctx.Participants.Select(p => p.LastSeenAt).SingleAsync();
    }

    [Fact]
    public async Task FirstLoad_UpToTheFirstVote_StaysWithinTheBudget()
    {
        await using var app = new AppFactory(realPort: true);
        var (session, scenarios) = await app.Core.LiveSessionAsync(1);
        await app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        var phone = await browser.PhoneAsync("Pixel 7");
        long http = 0, frames = 0;
        var responses = new List<IResponse>();
        phone.Response += (_, r) => responses.Add(r);
        phone.WebSocket += (_, ws) =>
        {
            ws.FrameReceived += (_, f) => Interlocked.Add(ref frames, f.Binary?.Length ?? Encoding.UTF8.GetByteCount(f.Text ?? ""));
            ws.FrameSent += (_, f) => Interlocked.Add(ref frames, f.Binary?.Length ?? Encoding.UTF8.GetByteCount(f.Text ?? ""));
        };

        await phone.GotoAsync($"{app.BaseUrl}/join/{session.JoinCode}");
        await phone.WaitForInteractiveAsync();
        await Button(phone, "Snog").ClickAsync();
        await Expect(Button(phone, "Snog")).ToHaveAttributeAsync("aria-pressed", "true");
        foreach (var response in responses.ToList())
        {
            var sizes = await response.Request.SizesAsync();
            http += sizes.ResponseBodySize + sizes.ResponseHeadersSize + sizes.RequestBodySize + sizes.RequestHeadersSize;
        }

        var total = http + Interlocked.Read(ref frames);
        var folder = Path.Combine(AppContext.BaseDirectory, "measurements");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "phone-weight.json"), JsonSerializer.Serialize(new
        {
            httpBytes = http,
            webSocketFrameBytes = Interlocked.Read(ref frames),
            totalBytes = total,
            requests = responses.Select(r => r.Url.Replace(app.BaseUrl, "", StringComparison.Ordinal)).ToList(),
        }));
        responses.Should().NotContain(r => r.Url.Contains("/negotiate", StringComparison.Ordinal), "the phone opens its WebSocket at once, without a negotiate round trip");
        responses.Should().NotContain(r => r.Url.Contains("_framework/", StringComparison.Ordinal) || r.Url.Contains("staff.", StringComparison.Ordinal) || r.Url.Contains(".styles.css", StringComparison.Ordinal),
            "the phone loads nothing it does not use: no Blazor script, no staff styles");
        foreach (var file in responses.Where(r => r.Url.EndsWith(".js", StringComparison.Ordinal) || r.Url.EndsWith(".css", StringComparison.Ordinal)))
        {
            // Labelled gzip is not enough: under dotnet run the files went out "gzipped" at no compression.
            var sent = (await file.Request.SizesAsync()).ResponseBodySize;
            var size = (await file.BodyAsync()).Length;
            sent.Should().BeLessThan(size / 2, $"{file.Url} is sent compressed ({sent:N0} bytes on the wire for {size:N0})");
        }

        total.Should().BeLessThanOrEqualTo(60 * 1024, $"the phone's first load up to a vote is {total / 1024.0:F1} KB (HTTP {http}, frames {frames})");
    }
}
