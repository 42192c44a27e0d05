using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>Two servers on PostgreSQL and Redis: phones on server A, the projector on server B.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScaleOutBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private TwoServers _servers = default!;

    public async ValueTask InitializeAsync() => _servers = await TwoServers.StartAsync();

    public ValueTask DisposeAsync() => _servers.DisposeAsync();

    [Fact]
    public async Task PhonesOnA_VoteLive_AndTheProjectorOnB_ShowsEveryVote_ThenTheReveal()
    {
        var (session, scenarios) = await _servers.A.Core.LiveSessionAsync(1, "Two servers, one room", Actor.System);
        await _servers.A.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);

        var projector = await browser.ScreenAsync(1920, 1080);
        await projector.GotoAsync($"{_servers.B.BaseUrl}/projector/{session.Id}");
        await projector.SignInAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await projector.WaitForInteractiveAsync();
        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("0 votes in");

        var phones = new List<IPage>();
        foreach (var (device, choice) in new[] { ("Pixel 7", "Snog"), ("iPhone 13", "Marry"), ("Pixel 7", "Snog") })
        {
            var phone = await browser.PhoneAsync(device);
            await phone.GotoAsync($"{_servers.A.BaseUrl}/join/{session.JoinCode}");
            await phone.WaitForInteractiveAsync();
            await phone.GetByRole(AriaRole.Button, new() { Name = choice }).ClickAsync();
            await Expect(phone.GetByText($"Vote received: {choice}")).ToBeVisibleAsync();
            phones.Add(phone);
        }

        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("3 votes in");
        await Expect(projector.GetByTestId("room-count")).ToHaveTextAsync("3 in the room");

        await _servers.A.Core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, Actor.System);
        await Expect(projector.Locator("[data-count=Snog]")).ToHaveTextAsync("2");
        await Expect(projector.Locator("[data-count=Marry]")).ToHaveTextAsync("1");
        await Expect(phones[1].Locator(".result-row.mine")).ToHaveAttributeAsync("data-choice", "Marry");
        await projector.SaveScreenshotAsync("scale-out-projector-on-b");
    }

    [Fact]
    public async Task ThroughTheDocumentedYarpConfiguration_SignInConsoleProjectorAndPhonesWork_AllOnTheProxysOrigin()
    {
        await using var proxy = await YarpProxy.StartAsync(_servers.A.BaseUrl, _servers.B.BaseUrl);

        await WorkshopThroughAsync(proxy.BaseUrl, "Behind YARP");
    }

    /// <summary>
    /// A whole small workshop through a proxy: the organiser signs in, runs the console and the projector,
    /// four phones vote, the console closes and reveals. Every request each browser makes, WebSockets
    /// included, goes to the proxy's origin: nothing (a redirect, a script, a hub) leaves it for a server.
    /// </summary>
    internal static async Task WorkshopThroughAsync(BrowserFixture browser, TwoServers servers, string origin, string title, string screenshot)
    {
        var (session, _) = await servers.A.Core.LiveSessionAsync(1, title, Actor.System);
        var elsewhere = new System.Collections.Concurrent.ConcurrentBag<string>();
        var sockets = new System.Collections.Concurrent.ConcurrentBag<string>();
        async Task<IPage> OpenAsync(BrowserNewContextOptions options)
        {
            options.IgnoreHTTPSErrors = true;
            var page = await (await browser.Browser.NewContextAsync(options)).NewPageAsync();
            page.Request += (_, request) => Note(request.Url);
            page.WebSocket += (_, socket) =>
            {
                sockets.Add(socket.Url);
                Note(socket.Url);
            };
            return page;
        }

        void Note(string url)
        {
            var bare = url.Replace("wss://", "https://", StringComparison.Ordinal).Replace("ws://", "http://", StringComparison.Ordinal);
            if (!bare.StartsWith(origin + "/", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("about:", StringComparison.Ordinal))
            {
                elsewhere.Add(url);
            }
        }

        var console = await OpenAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        await console.GotoAsync($"{origin}/facilitate/{session.Id}");
        await console.SignInAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await console.WaitForInteractiveAsync();
        var projector = await OpenAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        await projector.GotoAsync($"{origin}/projector/{session.Id}");
        await projector.SignInAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await projector.WaitForInteractiveAsync();

        await console.GetByTestId("next-step").ClickAsync(); // show the scenario
        await Expect(console.GetByTestId("next-step")).ToHaveTextAsync("Open voting");
        await console.GetByTestId("next-step").ClickAsync();
        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("0 votes in");

        foreach (var choice in new[] { "Avoid", "Avoid", "Marry", "Avoid" })
        {
            var phone = await OpenAsync(browser.Playwright.Devices["Pixel 7"]);
            await phone.GotoAsync($"{origin}/join/{session.JoinCode}");
            await phone.WaitForInteractiveAsync();
            await phone.GetByRole(AriaRole.Button, new() { Name = choice }).ClickAsync();
            await Expect(phone.GetByText($"Vote received: {choice}")).ToBeVisibleAsync();
        }

        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("4 votes in");
        await Expect(console.GetByTestId("next-step")).ToHaveTextAsync("Close voting");
        await console.GetByTestId("next-step").ClickAsync();
        await Expect(console.GetByTestId("next-step")).ToHaveTextAsync("Reveal");
        await console.GetByTestId("next-step").ClickAsync();
        await Expect(projector.Locator("[data-count=Avoid]")).ToHaveTextAsync("3");
        await projector.SaveScreenshotAsync(screenshot, fullPage: false);

        elsewhere.Should().BeEmpty($"every request stays on the proxy's origin, {origin}");
        sockets.Should().Contain(url => url.Contains("/_blazor", StringComparison.Ordinal), "the console's and the projector's circuits are WebSockets through the proxy");
        sockets.Should().Contain(url => url.Contains("/hubs/session", StringComparison.Ordinal), "the phones' hub connections are WebSockets through the proxy");
    }

    private Task WorkshopThroughAsync(string origin, string title) => WorkshopThroughAsync(browser, _servers, origin, title, "yarp-projector");
}
