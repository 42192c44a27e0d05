using Microsoft.Playwright;
using SnogMarryAvoid.Core.Decks;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>
/// A whole workshop as it happens in a room: the facilitator works from the keyboard only (no mouse),
/// the projector runs in its own browser, and three phones vote, change their minds and give reasons.
/// The projector is checked at every step.
/// </summary>
[Collection(BrowserCollection.Name)]
public class WholeWorkshopTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Email = "facilitator@example.org";
    // The address a real room would be shown (the docs' screenshots come from here); the browsers use the real port.
    private readonly AppFactory _app = new(realPort: true, settings: new() { ["PublicBaseUrl"] = "https://vote.example.org" });

    public async ValueTask InitializeAsync() => await _app.CreateFacilitatorAsync(Email);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static async Task SignInByKeyboardAsync(IPage page)
    {
        await page.WaitForURLAsync("**/account/login**");
        await page.GetByLabel("Email").FocusAsync();
        await page.Keyboard.TypeAsync(Email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(AppFactory.FacilitatorPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));
    }

    private static async Task PressAsync(IPage console, string key)
    {
        await console.Locator("body").FocusAsync();
        await console.Keyboard.PressAsync(key);
    }

    private static Task<double> FontSizeAsync(IPage page, string selector) =>
        page.Locator(selector).First.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");

    [Fact]
    public async Task Facilitator_RunsThreeScenariosFromTheKeyboard_WithAProjectorAndThreePhones()
    {
        var url = _app.BaseUrl;
        var deck = BuiltInDeck.Entries;
        string Title(int i) => $"{deck[i].PublicBody} meets {deck[i].Counterpart}";

        // Sign in and create a session from the built-in deck, keyboard only.
        var console = await browser.ScreenAsync(1440, 900);
        await console.GotoAsync($"{url}/facilitate");
        await SignInByKeyboardAsync(console);
        await console.WaitForInteractiveAsync();
        await console.GetByLabel("New session title").FocusAsync();
        await console.Keyboard.TypeAsync("Social Media Week, London");
        await console.Keyboard.PressAsync("Enter");
        await console.WaitForURLAsync("**/facilitate/*-*");
        await console.WaitForInteractiveAsync();
        await Expect(console.Locator(".deck-item")).ToHaveCountAsync(deck.Count);
        var sessionId = Guid.Parse(console.Url.Split('/').Last());
        var code = await console.GetByTestId("join-code").First.InnerTextAsync();

        // The projector, in its own browser context, signed in too.
        var projector = await browser.ScreenAsync(1920, 1080);
        await projector.GotoAsync($"{url}/projector/{sessionId}");
        await SignInByKeyboardAsync(projector);
        await projector.WaitForInteractiveAsync();
        await Expect(projector.Locator("h1")).ToHaveTextAsync("Social Media Week, London");
        await Expect(projector.GetByTestId("join-code")).ToHaveTextAsync(code);
        await Expect(projector.Locator(".qr svg")).ToBeVisibleAsync();

        // Three phones join: two by link, one by typing the code.
        var phones = new List<IPage>();
        foreach (var device in new[] { "Pixel 7", "iPhone 13" })
        {
            var phone = await browser.PhoneAsync(device);
            await phone.GotoAsync($"{url}/join/{code}");
            await phone.WaitForInteractiveAsync();
            phones.Add(phone);
        }

        var typed = await browser.ScreenAsync(360, 800);
        await typed.GotoAsync(url);
        await typed.GetByLabel("Join code").FillAsync(code.ToLowerInvariant());
        await typed.GetByLabel("Join code").PressAsync("Enter");
        await typed.WaitForInteractiveAsync();
        phones.Add(typed);
        await Expect(projector.GetByTestId("room-count")).ToHaveTextAsync("3 in the room");

        async Task VoteAsync(int phone, string choice)
        {
            await phones[phone].GetByRole(AriaRole.Button, new() { Name = choice, Exact = true }).ClickAsync();
            await Expect(phones[phone].GetByRole(AriaRole.Button, new() { Name = choice, Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        }

        // ---- Scenario 1: start, open (reveal-only), votes with a change of mind and reasons, a spotlight.
        await PressAsync(console, "s");
        await Expect(console.GetByTestId("phase")).ToHaveTextAsync("Live");
        // The clicker shows the scenario first, so the room reads and argues before it votes.
        await Expect(console.GetByTestId("next-step")).ToHaveTextAsync($"Show: {Title(0)}");
        await PressAsync(console, "PageDown");
        await Expect(projector.GetByTestId("scenario")).ToHaveTextAsync(Title(0));
        await Expect(projector.GetByTestId("state")).ToHaveTextAsync("Talk it over: voting opens soon.");
        await Expect(projector.GetByTestId("total")).ToHaveCountAsync(0);
        await Expect(phones[0].GetByTestId("before-voting")).ToHaveTextAsync("Talk it over: voting opens soon.");
        await Expect(phones[0].GetByRole(AriaRole.Button, new() { Name = "Snog", Exact = true })).ToHaveCountAsync(0);
        await Expect(console.GetByTestId("next-step")).ToHaveTextAsync("Open voting");
        await Expect(console.GetByTestId("presenter-notes")).ToContainTextAsync(deck[0].Notes!);
        await console.SaveScreenshotAsync("console-show-first", fullPage: false);
        await projector.SaveScreenshotAsync("projector-before-voting");
        await phones[1].SaveScreenshotAsync("phone-before-voting-390");
        await phones[2].SetViewportSizeAsync(320, 568);
        await Expect(phones[2].GetByTestId("before-voting")).ToBeVisibleAsync();
        (await phones[2].EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth")).Should().BeTrue("nothing scrolls sideways on a 320 px phone");
        await phones[2].SaveScreenshotAsync("phone-before-voting-320");
        foreach (var (width, height) in new[] { (1280, 720), (3840, 2160), (1920, 1080) })
        {
            await projector.SetViewportSizeAsync(width, height);
            await projector.SaveScreenshotAsync($"projector-before-voting-{height}p", fullPage: false);
        }

        await PressAsync(console, "PageDown");
        await Expect(projector.GetByTestId("state")).ToContainTextAsync("Voting is open");
        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("0 votes in");

        await VoteAsync(0, "Snog");
        await VoteAsync(1, "Marry");
        await VoteAsync(2, "Marry");
        await VoteAsync(0, "Marry");
        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("3 votes in");
        await Expect(projector.Locator(".result-row")).ToHaveCountAsync(0);

        await phones[1].GetByLabel("Why? (optional)").FillAsync("A blogger with 40k readers reaches people the trust never does.");
        await phones[1].GetByRole(AriaRole.Button, new() { Name = "Add reason" }).ClickAsync();
        await phones[2].GetByLabel("Why? (optional)").FillAsync("<b>Only</b> if they are paid for it");
        await phones[2].GetByRole(AriaRole.Button, new() { Name = "Add reason" }).ClickAsync();
        await Expect(console.Locator(".reason-item")).ToHaveCountAsync(2);

        // Reveal-only: the room sees only the count, the facilitator alone the split, and the talking points.
        await Expect(console.GetByTestId("private-split").Locator("[data-count=Marry]")).ToHaveTextAsync("3");
        await Expect(console.GetByTestId("presenter-notes")).ToContainTextAsync(deck[0].Notes!);
        (await projector.Locator("body").InnerTextAsync()).Should().NotContain(deck[0].Notes![..30], "the projector never shows presenter notes");

        var spotlight = console.Locator(".reason-item", new() { HasText = "40k readers" }).GetByRole(AriaRole.Button, new() { Name = "Spotlight" });
        await spotlight.FocusAsync();
        await console.Keyboard.PressAsync("Enter");
        await Expect(projector.Locator(".spotlights blockquote")).ToHaveTextAsync("A blogger with 40k readers reaches people the trust never does.");

        await console.SaveScreenshotAsync("console-running", fullPage: false);
        await projector.SaveScreenshotAsync("projector-voting");
        await console.ExpectNoSeriousAxeViolationsAsync();
        await projector.ExpectNoSeriousAxeViolationsAsync();

        await PressAsync(console, "PageDown");
        await Expect(projector.GetByTestId("state")).ToContainTextAsync("Voting is closed.");
        await PressAsync(console, "PageDown");
        await Expect(projector.GetByTestId("verdict")).ToHaveTextAsync("The room says: marry!");
        await Expect(projector.Locator("[data-count=Marry]")).ToHaveTextAsync("3");
        await Expect(projector.Locator("[data-count=Snog]")).ToHaveTextAsync("0");
        await Expect(phones[0].Locator(".result-row.mine")).ToHaveAttributeAsync("data-choice", "Marry");
        await projector.SaveScreenshotAsync("projector-revealed");

        // Readable from the back of the room: scenario and counts at least 32 px on a 1080p screen.
        (await FontSizeAsync(projector, "[data-testid=scenario]")).Should().BeGreaterThanOrEqualTo(32);
        (await FontSizeAsync(projector, ".result-figures")).Should().BeGreaterThanOrEqualTo(32);

        // And on a 720p projector the scenario is still large, and the verdict fits on the screen.
        await projector.SetViewportSizeAsync(1280, 720);
        (await FontSizeAsync(projector, "[data-testid=scenario]")).Should().BeGreaterThanOrEqualTo(32);
        var verdict = await projector.GetByTestId("verdict").BoundingBoxAsync();
        (verdict!.Y + verdict.Height).Should().BeLessThanOrEqualTo(720);
        await projector.SaveScreenshotAsync("projector-720p", fullPage: false);
        await projector.SetViewportSizeAsync(1920, 1080);
        await phones[1].SaveScreenshotAsync("phone-revealed");

        // ---- Scenario 2: shown, blank and unblank, then opened with results live.
        await PressAsync(console, "PageDown");
        await Expect(projector.GetByTestId("scenario")).ToHaveTextAsync(Title(1));
        await Expect(projector.Locator(".spotlights")).ToHaveCountAsync(0);
        await PressAsync(console, "b");
        await Expect(projector.Locator(".projector-view")).ToHaveAttributeAsync("data-blanked", "true");
        await Expect(projector.Locator("h1")).ToHaveCountAsync(0);
        await Expect(phones[2].Locator(".paused")).ToBeVisibleAsync();
        await PressAsync(console, ".");
        await Expect(projector.GetByTestId("scenario")).ToHaveTextAsync(Title(1));

        await PressAsync(console, "l");
        await PressAsync(console, "PageDown");
        await Expect(projector.GetByTestId("state")).ToContainTextAsync("Voting is open");
        await VoteAsync(0, "Avoid");
        await VoteAsync(1, "Avoid");
        await VoteAsync(2, "Snog");
        await Expect(projector.Locator("[data-count=Avoid]")).ToHaveTextAsync("2");
        await Expect(projector.Locator("[data-count=Snog]")).ToHaveTextAsync("1");

        // The clicker's Page Up with votes in asks before moving the room; Esc keeps it where it is.
        await PressAsync(console, "PageUp");
        await Expect(console.Locator(".mud-dialog")).ToContainTextAsync("Voting on scenario 2 is open, with 3 votes in.");
        await console.WaitForFunctionAsync("() => document.activeElement?.closest('.mud-dialog') != null"); // the question takes the keyboard
        await console.Keyboard.PressAsync("Escape");
        await Expect(console.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(projector.GetByTestId("scenario")).ToHaveTextAsync(Title(1));
        await PressAsync(console, "PageDown");
        await PressAsync(console, "PageDown");
        await Expect(projector.GetByTestId("verdict")).ToHaveTextAsync("The room says: avoid!");

        // ---- Scenario 3: with a 30-second countdown, and "showing opens voting" for speed; the room splits.
        await PressAsync(console, "l");
        await PressAsync(console, "t");
        await console.GetByLabel("Showing opens voting").ClickAsync();
        await Expect(console.GetByTestId("next-step")).ToHaveTextAsync($"Next: {Title(2)}");
        await console.Keyboard.PressAsync("PageDown");
        await Expect(projector.GetByTestId("scenario")).ToHaveTextAsync(Title(2));
        await Expect(projector.GetByTestId("countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0:(30|2[0-9])$"));
        await Expect(phones[0].Locator(".phone-countdown")).ToBeVisibleAsync();
        await VoteAsync(0, "Snog");
        await VoteAsync(1, "Marry");
        await VoteAsync(2, "Avoid");
        await Expect(projector.GetByTestId("total")).ToHaveTextAsync("3 votes in");
        await PressAsync(console, "PageDown");
        await PressAsync(console, "PageDown");
        await Expect(projector.GetByTestId("verdict")).ToHaveTextAsync("The room is split.");

        // The help overlay lists every shortcut.
        await PressAsync(console, "?");
        await Expect(console.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Keyboard and clicker shortcuts");
        await console.SaveScreenshotAsync("console-shortcuts", fullPage: false);
        await PressAsync(console, "Escape");
        await Expect(console.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        // What the database holds matches what the room saw.
        var results = await _app.Core.Voting.GetResultsAsync((await _app.Core.Sessions.GetAsync(sessionId, SnogMarryAvoid.Core.Accounts.Actor.System)).Scenarios[0].Id);
        results.Marry.Should().Be(3);
    }
}
