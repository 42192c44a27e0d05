using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>The server is killed (SIGKILL, no shutdown) and started again: phones and the projector recover by themselves.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ServerKillTests(BrowserFixture browser)
{
    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task AfterASigkill_PhonesAndTheProjectorRecoverWithoutAReload_AndEveryVoteIsThere()
    {
        var port = AppFactory.FreePort();
        var server = await ServerProcess.StartAsync(port: port);
        Guid sessionId, scenarioId;
        string code;
        await using (var core = await server.CoreAsync())
        {
            var (session, scenarios) = await core.LiveSessionAsync(1);
            await core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System, TimeSpan.FromMinutes(10));
            (sessionId, scenarioId, code) = (session.Id, scenarios[0].Id, session.JoinCode);
        }

        var projector = await browser.ScreenAsync(1280, 720);
        await projector.GotoAsync($"{server.Url}/projector/{sessionId}");
        await projector.SignInAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await projector.WaitForInteractiveAsync();
        var phones = new List<IPage>();
        foreach (var choice in new[] { "Snog", "Avoid" })
        {
            var phone = await browser.PhoneAsync("Pixel 7");
            await phone.GotoAsync($"{server.Url}/join/{code}");
            await phone.WaitForInteractiveAsync();
            await Button(phone, choice).ClickAsync();
            await Expect(phone.GetByText($"Vote received: {choice}")).ToBeVisibleAsync();
            await phone.EvaluateAsync("window.__sameDocument = true");
            phones.Add(phone);
        }

        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("2 votes in");

        await server.KillAsync();
        server.Forget();
        await server.DisposeAsync();
        await using var restarted = await ServerProcess.StartAsync(dataFolder: server.DataFolder, port: port);

        // Nobody reloads: each phone page reconnects to the hub and joins again with its token; the
        // projector's page finds its circuit gone and rebuilds itself.
        foreach (var (phone, choice) in phones.Zip(new[] { "Snog", "Avoid" }))
        {
            await Expect(phone.Locator(".connection")).ToBeHiddenAsync(new() { Timeout = 60_000 });
            await Expect(Button(phone, choice)).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = 60_000 });
            (await phone.EvaluateAsync<bool>("window.__sameDocument === true")).Should().BeTrue("the phone page recovered without a reload");
        }

        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("2 votes in", new() { Timeout = 60_000 });
        await Button(phones[0], "Marry").ClickAsync();
        await Expect(Button(phones[0], "Marry")).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = 30_000 });
        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("2 votes in");
        await using var after = await restarted.CoreAsync();
        (await after.Voting.GetResultsAsync(scenarioId)).Should().Be(new ScenarioResults(scenarioId, 0, 1, 1));
    }
}
