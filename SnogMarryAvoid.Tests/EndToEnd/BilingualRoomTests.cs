using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>
/// A bilingual room (issue 19): the facilitator makes the room Welsh and English from the console; the projector
/// speaks Welsh first and English beside it, marked with lang, and still fits 720p, 1080p and 4K, from the lobby
/// to the recap; a Welsh phone and an English phone each read the built-in deck's scenario in their own language.
/// Axe on every screen, no key shown instead of a text, screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class BilingualRoomTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Email = "dwyieithog@example.org";
    private readonly AppFactory _app = new(realPort: true, settings: new() { ["PublicBaseUrl"] = "https://vote.example.org" });
    private Actor _host = default!;

    public async ValueTask InitializeAsync() => _host = await _app.CreateFacilitatorAsync(Email);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    public static TheoryData<int, int> Screens => new() { { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 } };

    // What does not fit the screen: elements past the view's edges, a page that scrolls, a view that overflows.
    private const string WhatDoesNotFit = """
        () => {
          const view = document.querySelector('.projector-view[data-fit]');
          const box = view.getBoundingClientRect();
          const shown = [...view.querySelectorAll('h1, p, li, span, .result-row, .qr')].filter(e => e.offsetParent !== null && !e.closest('[hidden]'));
          const out = shown.filter(e => { const r = e.getBoundingClientRect(); return r.bottom > box.bottom + 1 || r.right > box.right + 1; })
            .map(e => 'clipped: ' + e.className + ': ' + e.textContent.slice(0, 40));
          if (document.documentElement.scrollHeight > innerHeight + 1 || document.documentElement.scrollWidth > innerWidth + 1) out.push('the page scrolls');
          if (view.scrollHeight > view.clientHeight + 1) out.push('the view overflows');
          return out;
        }
        """;

    private static async Task ExpectFitsAsync(IPage page, string what)
    {
        await page.WaitForFunctionAsync("() => document.querySelector('.projector-view[data-fit]')?.dataset.fitted");
        // The fitter runs at the animation frame after each redraw (app.js), so a screen just drawn is given a
        // moment to be fitted; what still does not fit after it is the failure.
        try
        {
            await page.WaitForFunctionAsync($"() => ({WhatDoesNotFit})().length === 0", null, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
        }

        var problems = await page.EvaluateAsync<string[]>(WhatDoesNotFit);
        problems.Should().BeEmpty($"the bilingual {what} fits the screen");
    }

    private static async Task ExpectNoKeysShownAsync(IPage page)
    {
        var text = await page.Locator("body").InnerTextAsync();
        Key().Matches(text).Select(m => m.Value).Should().BeEmpty($"{page.Url} shows texts, not their keys");
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task TheBilingualProjector_SpeaksWelshFirst_AndFits_FromTheLobbyToTheRecap(int width, int height)
    {
        var session = await _app.Core.Sessions.CreateAsync("Gweithdy Caerdydd · Cardiff workshop", _host);
        var deck = await _app.Core.Decks.AddBuiltInAsync(session.Id, _host);
        await _app.Core.Sessions.SetRoomLanguagesAsync(session.Id, _host, ["cy", "en"], ["en", "cy"]);
        await _app.Core.Sessions.StartAsync(session.Id, _host);
        var page = await browser.ScreenAsync(width, height);
        await page.GotoAsync($"{_app.BaseUrl}/projector/{session.Id}");
        await page.SignInAsync(Email, AppFactory.FacilitatorPassword);
        await page.WaitForInteractiveAsync();

        var view = page.Locator(".projector-view");
        await Expect(view).ToHaveAttributeAsync("lang", "cy-GB");
        await Expect(page.GetByTestId("room-count")).ToHaveTextAsync(new Regex("^0 yn yr ystafell\\s*0 in the room$"));
        await Expect(page.Locator(".lobby-next .said-second")).ToHaveAttributeAsync("lang", "en-GB");
        await ExpectFitsAsync(page, "lobby");
        await page.ExpectNoSeriousAxeViolationsAsync();
        await page.SaveScreenshotAsync($"bilingual-projector-lobby-{height}p", fullPage: false);

        // A scenario, voting open: its Welsh title first, the English below; the state line in both.
        var first = deck[0];
        await _app.Core.Scenarios.OpenAsync(session.Id, first.Id, _host, TimeSpan.FromMinutes(2));
        var title = page.GetByTestId("scenario");
        await Expect(title).ToContainTextAsync("Ymddiriedolaeth iechyd meddwl y GIG yn cwrdd â blogiwr iechyd meddwl â 40,000 o ddilynwyr");
        await Expect(title.Locator(".said-second")).ToHaveTextAsync("NHS mental health trust meets mental health blogger with 40,000 followers");
        await Expect(title.Locator(".said-second")).ToHaveAttributeAsync("lang", "en-GB");
        await Expect(page.GetByTestId("state")).ToContainTextAsync("Mae'r pleidleisio ar agor");
        await Expect(page.GetByTestId("state")).ToContainTextAsync("Voting is open");
        var people = await _app.Core.JoinAsync(session.JoinCode, 5);
        for (var i = 0; i < people.Count; i++)
        {
            await _app.Core.Voting.CastVoteAsync(people[i], first.Id, i < 3 ? Choice.Marry : Choice.Snog);
        }

        await Expect(page.GetByTestId("total")).ToContainTextAsync("5 o bleidleisiau i mewn");
        await ExpectFitsAsync(page, "open scenario");
        await ExpectNoKeysShownAsync(page);
        await page.ExpectNoSeriousAxeViolationsAsync();
        await page.SaveScreenshotAsync($"bilingual-projector-open-{height}p", fullPage: false);

        // The reveal: the verdict and the choices' names in both languages.
        await _app.Core.Scenarios.RevealAsync(session.Id, first.Id, _host);
        await Expect(page.GetByTestId("verdict")).ToContainTextAsync("Mae'r ystafell yn dweud: priodi!");
        await Expect(page.GetByTestId("verdict").Locator(".said-second")).ToHaveTextAsync("The room says: marry!");
        await Expect(page.Locator(".result-row.marry .result-label")).ToContainTextAsync("Priodi");
        await Expect(page.Locator(".result-row.marry .result-label .said-second")).ToHaveTextAsync("Marry");
        await ExpectFitsAsync(page, "reveal");
        await ExpectNoKeysShownAsync(page);
        await page.ExpectNoSeriousAxeViolationsAsync();
        await page.SaveScreenshotAsync($"bilingual-projector-revealed-{height}p", fullPage: false);

        // The recap of the whole deck: every scenario revealed, the end in both languages.
        foreach (var scenario in deck.Skip(1))
        {
            await _app.Core.Scenarios.OpenAsync(session.Id, scenario.Id, _host);
            await _app.Core.Voting.CastVoteAsync(people[0], scenario.Id, Choice.Avoid);
            await _app.Core.Scenarios.RevealAsync(session.Id, scenario.Id, _host);
        }

        await _app.Core.Sessions.EndAsync(session.Id, _host);
        await Expect(page.Locator(".recap-head h1")).ToContainTextAsync("Diolch am gymryd rhan!");
        await Expect(page.Locator(".recap-head h1 .said-second")).ToHaveTextAsync("Thank you for taking part!");
        await ExpectFitsAsync(page, "recap");
        await ExpectNoKeysShownAsync(page);
        await page.ExpectNoSeriousAxeViolationsAsync();
        await page.SaveScreenshotAsync($"bilingual-projector-recap-{height}p", fullPage: false);
        var more = page.Locator("[data-more]");
        if (await more.IsVisibleAsync())
        {
            await Expect(more).ToHaveTextAsync(new Regex(@"^\+\d+ senario arall\s*(more scenarios?)$"), new() { Timeout = 1000 });
        }
    }

    [Fact]
    public async Task TheConsoleMakesTheRoomBilingual_AndEachPhoneReadsTheScenarioInItsOwnLanguage()
    {
        var session = await _app.Core.Sessions.CreateAsync("Gweithdy", _host);
        var deck = await _app.Core.Decks.AddBuiltInAsync(session.Id, _host);
        await _app.Core.Sessions.StartAsync(session.Id, _host);

        // The facilitator chooses the room's languages on the console.
        var console = await browser.ScreenAsync(1440, 900);
        await console.GotoAsync($"{_app.BaseUrl}/facilitate/{session.Id}");
        await console.SignInAsync(Email, AppFactory.FacilitatorPassword);
        await console.WaitForInteractiveAsync();
        await console.GetByLabel("Room language").SelectOptionAsync(new SelectOptionValue { Label = "Cymraeg + English" });
        await Expect(console.Locator(".console-preview .projector-view")).ToHaveAttributeAsync("lang", "cy-GB");
        (await _app.Core.Sessions.GetAsync(session.Id, _host)).Room.ShownIn.Should().Equal("cy", "en");
        await console.ExpectNoSeriousAxeViolationsAsync();
        await console.SaveScreenshotAsync("bilingual-console", fullPage: false);

        var welsh = await (await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 320, Height = 640 }, Locale = "cy-GB", HasTouch = true, IsMobile = true })).NewPageAsync();
        var english = await (await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, Locale = "en-GB", HasTouch = true, IsMobile = true })).NewPageAsync();
        foreach (var phone in new[] { welsh, english })
        {
            await phone.GotoAsync($"{_app.BaseUrl}/join/{session.JoinCode}");
            await phone.WaitForInteractiveAsync();
        }

        await _app.Core.Scenarios.OpenAsync(session.Id, deck[4].Id, _host);
        await Expect(welsh.Locator(".scenario-title")).ToHaveTextAsync("Tîm cyfathrebu'r cyngor yn cwrdd â grŵp Facebook lleol â 12,000 o drigolion");
        await Expect(welsh.Locator(".scenario-title")).ToHaveAttributeAsync("lang", "cy-GB");
        await Expect(welsh.Locator(".scenario-context")).ToContainTextAsync("Mae gweinyddwyr y grŵp");
        await Expect(english.Locator(".scenario-title")).ToHaveTextAsync("Council communications team meets local Facebook group with 12,000 residents");
        await Expect(english.Locator(".scenario-context")).ToHaveAttributeAsync("lang", "en-GB");
        foreach (var (phone, name) in new[] { (welsh, "cy-320"), (english, "en-390") })
        {
            await ExpectNoKeysShownAsync(phone);
            await phone.ExpectNoSeriousAxeViolationsAsync();
            (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth")).Should().BeTrue();
            await phone.SaveScreenshotAsync($"bilingual-phone-{name}");
        }

        // A scenario with no Welsh: the Welsh phone reads the English, marked as English.
        var plain = await _app.Core.Decks.AddAsync(session.Id, _host, "Library service", "book-tok reviewers", "They offer a reading challenge.");
        await _app.Core.Scenarios.OpenAsync(session.Id, plain.Id, _host);
        await Expect(welsh.Locator(".scenario-title")).ToHaveTextAsync("Library service meets book-tok reviewers");
        await Expect(welsh.Locator(".scenario-title")).ToHaveAttributeAsync("lang", "en-GB");
        await Expect(welsh.Locator(".scenario-context")).ToHaveAttributeAsync("lang", "en-GB");
        await welsh.ExpectNoSeriousAxeViolationsAsync();
    }

    [GeneratedRegex(@"\b(phone|join|language|projector)\.[a-z][A-Za-z.]+\b")]
    private static partial Regex Key();
}
