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
    public async Task ThroughTheDocumentedYarpConfiguration_PhonesAndTheProjectorWork()
    {
        await using var proxy = await YarpProxy.StartAsync(_servers.A.BaseUrl, _servers.B.BaseUrl);
        var (session, scenarios) = await _servers.A.Core.LiveSessionAsync(1, "Behind YARP", Actor.System);
        await _servers.A.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        var projector = await browser.ScreenAsync(1280, 720);
        await projector.GotoAsync($"{proxy.BaseUrl}/projector/{session.Id}");
        await projector.SignInAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await projector.WaitForInteractiveAsync();

        foreach (var choice in new[] { "Avoid", "Avoid", "Marry", "Avoid" })
        {
            var phone = await browser.PhoneAsync("Pixel 7");
            await phone.GotoAsync($"{proxy.BaseUrl}/join/{session.JoinCode}");
            await phone.WaitForInteractiveAsync();
            await phone.GetByRole(AriaRole.Button, new() { Name = choice }).ClickAsync();
            await Expect(phone.GetByText($"Vote received: {choice}")).ToBeVisibleAsync();
        }

        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("4 votes in");
        await _servers.A.Core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, Actor.System);
        await Expect(projector.Locator("[data-count=Avoid]")).ToHaveTextAsync("3");
    }
}
