using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>
/// A phone whose browser asks for Welsh (issue 19): the code-entry page and the vote page in Welsh, from
/// joining to the reveal, marked as Welsh; the one-tap switch to English, remembered. Axe and screenshots
/// at 320 and 390 wide, in both languages; no page shows a text's key instead of its words.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class WelshPhoneTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly AppFactory _app = new(realPort: true);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IPage> WelshPhoneAsync(int width, int height)
    {
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "cy-GB", HasTouch = true, IsMobile = true });
        return await context.NewPageAsync();
    }

    /// <summary>No text on the page is a key of the language files ("phone.open", "join.codeHint").</summary>
    private static async Task ExpectNoKeysShownAsync(IPage page)
    {
        var text = await page.Locator("body").InnerTextAsync();
        Key().Matches(text).Select(m => m.Value).Should().BeEmpty($"{page.Url} shows texts, not their keys");
    }

    [Fact]
    public async Task AWelshPhone_JoinsVotesAndSeesTheRevealInWelsh_ThenSwitchesToEnglish_Remembered()
    {
        var url = _app.BaseUrl;
        var session = await _app.Core.Sessions.CreateAsync("Gweithdy", Actor.System);
        var scenario = await _app.Core.Decks.AddAsync(session.Id, Actor.System, "Ymddiriedolaeth iechyd meddwl y GIG", "blogiwr iechyd meddwl", null);
        await _app.Services.GetRequiredService<CampService>().SetAsync(session.Id, Actor.System, CampSettings.Off with { Ask = true });
        await _app.Core.Sessions.StartAsync(session.Id, Actor.System);

        // The code-entry page, in Welsh.
        var small = await WelshPhoneAsync(320, 640);
        await small.GotoAsync(url);
        await Expect(small.Locator("html")).ToHaveAttributeAsync("lang", "cy-GB");
        await Expect(small.GetByLabel("Cod ymuno")).ToBeVisibleAsync();
        await Expect(small.GetByTestId("language-switch")).ToHaveAttributeAsync("lang", "en-GB");
        await ExpectNoKeysShownAsync(small);
        await small.ExpectNoSeriousAxeViolationsAsync();
        await small.SaveScreenshotAsync("cy-home-320");
        await small.GetByLabel("Cod ymuno").FillAsync(session.JoinCode);
        await small.GetByRole(AriaRole.Button, new() { Name = "Ymuno" }).ClickAsync();
        await small.WaitForInteractiveAsync();

        var phone = await WelshPhoneAsync(390, 844);
        await phone.GotoAsync($"{url}/join/{session.JoinCode}");
        await phone.WaitForInteractiveAsync();

        foreach (var (page, width) in new[] { (small, 320), (phone, 390) })
        {
            await Expect(page.Locator("#camp-heading")).ToHaveTextAsync("O ble rydych chi'n dod?");
            await ExpectNoKeysShownAsync(page);
            await page.ExpectNoSeriousAxeViolationsAsync();
            (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth")).Should().BeTrue();
            await page.SaveScreenshotAsync($"cy-phone-camp-{width}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Hepgor" }).ClickAsync();
            await Expect(page.GetByTestId("camp-line")).ToContainTextAsync("Dydych chi ddim wedi dweud");
        }

        await _app.Core.Scenarios.OpenAsync(session.Id, scenario.Id, Actor.System);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Priodi", Exact = true }).ClickAsync();
        await Expect(phone.Locator(".received")).ToHaveTextAsync("Pleidlais wedi'i derbyn: Priodi. Tapiwch un arall i'w newid.");
        await small.GetByRole(AriaRole.Button, new() { Name = "Osgoi", Exact = true }).ClickAsync();
        await Expect(small.Locator(".received")).ToContainTextAsync("Osgoi");
        await Expect(phone.GetByLabel("Pam? (dewisol)")).ToBeVisibleAsync();
        await ExpectNoKeysShownAsync(phone);
        await phone.ExpectNoSeriousAxeViolationsAsync();
        await phone.SaveScreenshotAsync("cy-phone-voted-390");
        await small.SaveScreenshotAsync("cy-phone-voted-320");

        await _app.Core.Scenarios.RevealAsync(session.Id, scenario.Id, Actor.System);
        await Expect(phone.Locator(".verdict")).ToHaveTextAsync("Mae'r ystafell wedi'i hollti.");
        await Expect(phone.Locator(".result-row.mine .result-label")).ToContainTextAsync("Priodi");
        await Expect(phone.Locator(".result-row.mine")).ToHaveAttributeAsync("data-choice", "Marry");
        await ExpectNoKeysShownAsync(phone);
        await phone.ExpectNoSeriousAxeViolationsAsync();
        await phone.SaveScreenshotAsync("cy-phone-revealed-390");

        // One tap to English: the same page, in English, and it stays English after a reload.
        await phone.GetByTestId("language-switch").ClickAsync();
        await phone.WaitForInteractiveAsync();
        await Expect(phone.Locator("html")).ToHaveAttributeAsync("lang", "en-GB");
        await Expect(phone.Locator(".verdict")).ToHaveTextAsync("The room is split.");
        await Expect(phone.GetByTestId("language-switch")).ToHaveTextAsync("Cymraeg");
        await phone.ReloadAsync();
        await phone.WaitForInteractiveAsync();
        await Expect(phone.Locator(".verdict")).ToHaveTextAsync("The room is split.");
        await phone.ExpectNoSeriousAxeViolationsAsync();
        await phone.SaveScreenshotAsync("en-phone-revealed-390");

        // A refusal from the server reads in Welsh too: a Welsh phone that comes after the end.
        await _app.Core.Sessions.EndAsync(session.Id, Actor.System);
        var late = await WelshPhoneAsync(390, 844);
        await late.GotoAsync($"{url}/join/{session.JoinCode}");
        await Expect(late.Locator("h1")).ToHaveTextAsync("Methu ymuno");
        await Expect(late.Locator(".error")).ToHaveTextAsync($"Mae'r sesiwn {session.JoinCode} wedi dod i ben. Diolch am gymryd rhan!");
        await ExpectNoKeysShownAsync(late);
        await late.ExpectNoSeriousAxeViolationsAsync();
        await late.SaveScreenshotAsync("cy-phone-refused-390");
    }

    [Fact]
    public async Task TheAccountPages_SpeakWelsh_TheirRefusalsToo_AndSwitchToEnglish()
    {
        await _app.CreateFacilitatorAsync("cymraeg@example.org");
        var page = await WelshPhoneAsync(390, 844);

        // Sign-in: the form, its own check, then a wrong password, in Welsh.
        await page.GotoAsync($"{_app.BaseUrl}/account/login");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "cy-GB");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Mewngofnodi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mewngofnodi" }).ClickAsync();
        await Expect(page.Locator(".validation-message").First).ToHaveTextAsync("Rhowch eich e-bost.");
        await page.GetByLabel("E-bost").FillAsync("cymraeg@example.org");
        await page.GetByLabel("Cyfrinair").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mewngofnodi" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Dydy'r e-bost a'r cyfrinair hynny ddim yn cyfateb i gyfrif.");
        await ExpectNoKeysShownAsync(page);
        await page.ExpectNoSeriousAxeViolationsAsync();
        await page.SaveScreenshotAsync("cy-account-login-390");

        // Signed in, the password page in Welsh; a password too short is refused in Welsh.
        await page.GetByLabel("Cyfrinair").FillAsync(AppFactory.FacilitatorPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mewngofnodi" }).ClickAsync();
        await page.WaitForURLAsync("**/facilitate**");
        await page.GotoAsync($"{_app.BaseUrl}/account/password");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Newid cyfrinair");
        await page.GetByLabel("Cyfrinair presennol").FillAsync(AppFactory.FacilitatorPassword);
        await page.GetByLabel("Cyfrinair newydd (o leiaf 10 nod)").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Newid cyfrinair" }).ClickAsync();
        await Expect(page.Locator(".validation-message").First).ToHaveTextAsync("Defnyddiwch o leiaf 10 nod.");
        await ExpectNoKeysShownAsync(page);
        await page.ExpectNoSeriousAxeViolationsAsync();
        await page.SaveScreenshotAsync("cy-account-password-390");

        // The switch: the same page in English.
        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-GB");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Change password");
        await page.ExpectNoSeriousAxeViolationsAsync();
    }

    [GeneratedRegex(@"\b(phone|join|language|account)\.[a-z][A-Za-z.]+\b")]
    private static partial Regex Key();
}
