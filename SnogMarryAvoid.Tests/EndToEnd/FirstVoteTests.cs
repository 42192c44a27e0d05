using Microsoft.Playwright;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>The foundation's whole path in a real browser: console → phones → projector, live.</summary>
[Collection(BrowserCollection.Name)]
public class FirstVoteTests(BrowserFixture browser) : IAsyncLifetime
{
    // The address a real room would be shown (the docs' screenshots come from here); the browsers use the real port.
    private readonly AppFactory _app = new(realPort: true, settings: new() { ["PublicBaseUrl"] = "https://vote.example.org" });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task FacilitatorOpensAScenario_TwoPhonesVote_ProjectorShowsBothWithoutAReload()
    {
        var host = await _app.CreateFacilitatorAsync("host@example.org");
        var session = await _app.Core.Sessions.CreateAsync("Social Media Week, London", host);
        await _app.Core.Decks.AddAsync(session.Id, host, "NHS mental health trust", "mental health blogger with 40k followers",
            "The blogger offers to co-host a Q&A about waiting times.");
        await _app.Core.Decks.AddAsync(session.Id, host, "Council communications team", "local Facebook group", null);
        var url = _app.BaseUrl;

        // The facilitator signs in on the way to the console...
        var console = await browser.ScreenAsync(1280, 800);
        await console.GotoAsync($"{url}/facilitate/{session.Id}");
        await console.SignInAsync("host@example.org", AppFactory.FacilitatorPassword);
        await console.WaitForInteractiveAsync();

        // ...and opens the projector in a second window, up before anything happens; it must follow
        // along without a reload.
        var projector = await console.Context.NewPageAsync();
        await projector.SetViewportSizeAsync(1920, 1080);
        await projector.GotoAsync($"{url}/projector/{session.Id}");
        await projector.WaitForInteractiveAsync();
        await projector.EvaluateAsync("window.__sameDocument = true");
        await Expect(projector.GetByTestId("join-code")).ToHaveTextAsync(session.JoinCode);

        await console.GetByRole(AriaRole.Button, new() { Name = "Start session" }).ClickAsync();
        await console.GetByTestId("next-step").ClickAsync();
        await Expect(projector.Locator("h1")).ToHaveTextAsync("NHS mental health trust meets mental health blogger with 40k followers");
        await console.GetByRole(AriaRole.Button, new() { Name = "Open voting" }).ClickAsync();
        await Expect(projector.GetByTestId("state")).ToContainTextAsync("Voting is open");

        // Phone A follows the link; phone B types the code, lower case, on the home page.
        var phoneA = await browser.PhoneAsync("Pixel 7");
        await phoneA.GotoAsync($"{url}/join/{session.JoinCode}");
        await phoneA.WaitForInteractiveAsync();
        await phoneA.GetByRole(AriaRole.Button, new() { Name = "Snog" }).ClickAsync();
        await Expect(phoneA.GetByText("Vote received: Snog")).ToBeVisibleAsync();
        await Expect(phoneA.GetByRole(AriaRole.Button, new() { Name = "Snog" })).ToHaveAttributeAsync("aria-pressed", "true");

        var phoneB = await browser.PhoneAsync("iPhone 13");
        await phoneB.GotoAsync(url);
        await phoneB.GetByLabel("Join code").FillAsync(session.JoinCode.ToLowerInvariant());
        await phoneB.GetByLabel("Join code").PressAsync("Enter");
        await phoneB.WaitForURLAsync($"**/join/{session.JoinCode}");
        await phoneB.WaitForInteractiveAsync();
        await phoneB.GetByRole(AriaRole.Button, new() { Name = "Marry" }).ClickAsync();
        await Expect(phoneB.GetByRole(AriaRole.Button, new() { Name = "Marry" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(phoneB.GetByRole(AriaRole.Button, new() { Name = "Snog" })).ToHaveAttributeAsync("aria-pressed", "false");

        // Both votes reach the projector, live; reveal-only is the default, so it shows how many
        // voted but not the split.
        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("2 votes in");
        await Expect(projector.Locator("[data-count=Snog]")).ToHaveCountAsync(0);
        await Expect(projector.GetByTestId("room-count")).ToHaveTextAsync("2 in the room");
        (await projector.EvaluateAsync<bool>("window.__sameDocument === true")).Should().BeTrue("the projector must update without a reload");

        await phoneA.SaveScreenshotAsync("phone-voted");
        await console.SaveScreenshotAsync("console-live", fullPage: false);
        await projector.SaveScreenshotAsync("projector-live");

        // Reveal: the verdict shows on the projector and on the phones.
        await console.GetByRole(AriaRole.Button, new() { Name = "Close voting" }).ClickAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Reveal" }).ClickAsync();
        await Expect(projector.GetByTestId("verdict")).ToHaveTextAsync("The room is split.");
        await Expect(projector.Locator("[data-count=Snog]")).ToHaveTextAsync("1");
        await Expect(projector.Locator("[data-count=Marry]")).ToHaveTextAsync("1");
        await Expect(phoneB.Locator(".verdict")).ToHaveTextAsync("The room is split.");
        await Expect(phoneB.Locator(".result-row.mine")).ToHaveAttributeAsync("data-choice", "Marry");
        await phoneB.SaveScreenshotAsync("phone-revealed");
        await projector.SaveScreenshotAsync("projector-revealed");
    }
}
