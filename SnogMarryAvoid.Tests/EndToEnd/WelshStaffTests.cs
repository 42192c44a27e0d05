using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>
/// The staff pages in Welsh (issue 19): an organiser whose browser speaks English switches to Cymraeg from
/// the app bar, and every staff page (sessions, console, reports, across sessions, accounts, the accessibility
/// statement) is then Welsh, marked as Welsh, with no text's key shown, axe content and nothing running off
/// the screen; Core's refusals read in Welsh beside the field they are about; the switch goes back to English.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class WelshStaffTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(realPort: true);
    private Actor _organiser = default!;

    public async ValueTask InitializeAsync() => _organiser = await _app.OrganiserAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>No text on the page is a key of the language files ("console.deck", "reports.voted").</summary>
    private static async Task ExpectWelshAndNoKeysAsync(IPage page)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "cy-GB");
        var text = await page.Locator("body").InnerTextAsync();
        Key().Matches(text).Select(m => m.Value).Should().BeEmpty($"{page.Url} shows texts, not their keys");
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth")).Should().BeTrue($"{page.Url} fits the window's width");
    }

    [Fact]
    public async Task EveryStaffPage_SpeaksWelsh_AfterTheSwitch_AndCoresRefusalsToo()
    {
        var session = await _app.Core.Sessions.CreateAsync("Gweithdy Caerdydd", _organiser);
        await _app.Core.Decks.AddBuiltInAsync(session.Id, _organiser);
        await _app.Services.GetRequiredService<CampService>().SetAsync(session.Id, _organiser, CampSettings.Off with { Ask = true, Camps = CampRules.Defaults });
        await _app.Core.Sessions.StartAsync(session.Id, _organiser);
        var scenarios = (await _app.Core.Sessions.GetAsync(session.Id, _organiser)).Scenarios;
        var people = await _app.Core.JoinAsync(session.JoinCode, 4);
        await _app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, _organiser);
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            await _app.Core.Voting.CastVoteAsync(person, scenarios[0].Id, i % 2 == 0 ? Choice.Marry : Choice.Avoid);
            await _app.Core.Voting.SetReasonAsync(person, scenarios[0].Id, i % 2 == 0 ? "Partneriaeth hir" : "Rhy beryglus");
        }

        var page = await browser.ScreenAsync(1440, 900);
        await page.GotoAsync($"{_app.BaseUrl}/facilitate");
        await page.SignInAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sessions");

        // One tap in the app bar: the same page, in Welsh, remembered for every page after it.
        await page.Locator(".mud-appbar").GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sesiynau");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("session-count")).ToHaveTextAsync("1 sesiwn");
        await Expect(page.Locator("tr[data-session] td").Nth(2)).ToHaveTextAsync("Byw");
        await ExpectWelshAndNoKeysAsync(page);
        await page.ExpectNoSeriousAxeViolationsAsync();
        await page.SaveScreenshotAsync("cy-staff-sessions", fullPage: false);

        // The console: its controls, Core's next step and the shortcuts, in Welsh.
        await page.GotoAsync($"{_app.BaseUrl}/facilitate/{session.Id}");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("next-step")).ToHaveTextAsync("Cau'r bleidlais");
        await Expect(page.GetByTestId("phase")).ToHaveTextAsync("Byw");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Gorffen y sesiwn" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rhesymau (4)" })).ToBeVisibleAsync();
        await ExpectWelshAndNoKeysAsync(page);
        await page.ExpectNoSeriousAxeViolationsAsync();
        await page.SaveScreenshotAsync("cy-staff-console", fullPage: false);

        // A scenario with no counterpart: Core's refusal, in Welsh, under the field it is about.
        await page.GetByLabel("Corff cyhoeddus", new() { Exact = true }).FillAsync("Cyngor Sir");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ychwanegu senario" }).ClickAsync();
        await Expect(page.Locator(".mud-input-helper-text", new() { HasText = "Y parti arall: mae angen hwn." })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.Locator("h1.console-title").ClickAsync();
        await page.Keyboard.PressAsync("?");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Llwybrau byr y bysellfwrdd a'r clicydd");
        await ExpectWelshAndNoKeysAsync(page);
        await page.SaveScreenshotAsync("cy-staff-console-shortcuts", fullPage: false);
        await page.Keyboard.PressAsync("Escape");

        // The report, its dates and numbers as Welsh writes them.
        await page.GotoAsync($"{_app.BaseUrl}/reports/{session.Id}");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Gweithdy Caerdydd");
        await Expect(page.Locator("[data-scenario='1']")).ToContainTextAsync("Pleidleisiodd 4 o 4.");
        await Expect(page.Locator("[data-scenario='1'] [data-testid=how-divided]")).ToContainTextAsync("Pa mor rhanedig:");
        await Expect(page.Locator(".report > .mud-typography").First).ToContainTextAsync(DateTime.UtcNow.ToString("MMMM", System.Globalization.CultureInfo.GetCultureInfo("cy-GB")));
        await ExpectWelshAndNoKeysAsync(page);
        await page.ExpectNoSeriousAxeViolationsAsync();
        await page.SaveScreenshotAsync("cy-staff-report");

        foreach (var (path, heading, name) in new[] { ("/reports", "Ar draws sesiynau", "across"), ("/admin/users", "Cyfrifon", "users") })
        {
            await page.GotoAsync($"{_app.BaseUrl}{path}");
            await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await ExpectWelshAndNoKeysAsync(page);
            await page.ExpectNoSeriousAxeViolationsAsync();
            await page.SaveScreenshotAsync($"cy-staff-{name}", fullPage: false);
        }

        // A facilitator's e-mail already taken: Core's refusal in Welsh, beside the e-mail field.
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("E-bost").FillAsync(AppFactory.OrganiserEmail);
        await page.GetByLabel("Cyfrinair cyntaf (10+ nod)").FillAsync("a-long-enough-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Creu hwylusydd" }).ClickAsync();
        await Expect(page.Locator(".mud-input-helper-text", new() { HasText = $"Mae cyfrif ar gyfer {AppFactory.OrganiserEmail} eisoes." })).ToBeVisibleAsync();

        await page.GotoAsync($"{_app.BaseUrl}/accessibility");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Datganiad hygyrchedd ar gyfer Cusanu, priodi, osgoi?");
        await ExpectWelshAndNoKeysAsync(page);
        await page.ExpectNoSeriousAxeViolationsAsync();
        await page.SaveScreenshotAsync("cy-staff-accessibility", fullPage: false);

        // And back: the switch says "English" in English, and the sessions are English again.
        await page.GotoAsync($"{_app.BaseUrl}/facilitate");
        await page.Locator(".mud-appbar").GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sessions");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-GB");
        await Expect(page.Locator(".mud-appbar").GetByTestId("language-switch")).ToHaveTextAsync("Cymraeg");
    }

    [GeneratedRegex(@"\b(phone|join|language|account|console|sessions|reports|users|staff|nav|notFound|errorPage|error|field|identity|projector)\.[a-z][A-Za-z.]+\b")]
    private static partial Regex Key();
}
