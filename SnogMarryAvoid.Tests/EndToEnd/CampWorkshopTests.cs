using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>
/// A workshop with two camps, from join to report (issue 18): the facilitator sets the camps on the console,
/// six phones answer "Where are you coming from?" (one skips, then says), the console shows the split as votes
/// arrive, the projector shows it at the reveal with the widest gap and the room's words, and the report and the
/// across-sessions page split by camp. Axe and screenshots at the sizes.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CampWorkshopTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Email = "camps@example.org";
    private const string Public = "A public body";
    private const string Online = "Online: blogger, activist, creator";
    private readonly AppFactory _app = new(realPort: true, settings: new() { ["PublicBaseUrl"] = "https://vote.example.org" });
    private Actor _facilitator = default!;

    public async ValueTask InitializeAsync() => _facilitator = await _app.CreateFacilitatorAsync(Email);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static async Task<bool> ScrollsAsync(IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > innerWidth");

    [Fact]
    public async Task TwoCamps_FromJoinToReport()
    {
        var url = _app.BaseUrl;
        var session = await _app.Core.Sessions.CreateAsync("Activists versus corporates", _facilitator);
        var scenario = await _app.Core.Decks.AddAsync(session.Id, _facilitator, "NHS mental health trust", "mental health blogger", null);
        await _app.Core.Decks.AddAsync(session.Id, _facilitator, "Council comms team", "local Facebook group", null);

        // ---- Set-up on the console: two camps of the workshop's four, the split and the words on the projector.
        var console = await browser.ScreenAsync(1440, 900);
        await console.GotoAsync($"{url}/facilitate/{session.Id}");
        await console.SignInAsync(Email, AppFactory.FacilitatorPassword);
        await console.WaitForInteractiveAsync();
        var panel = console.GetByTestId("camp-panel");
        await panel.GetByLabel("Ask on joining").CheckAsync();
        await Expect(panel.Locator("input[data-testid=camp-name]")).ToHaveCountAsync(4);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Remove camp 2" }).ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Remove camp 3" }).ClickAsync();
        await Expect(panel.Locator("input[data-testid=camp-name]")).ToHaveCountAsync(2);
        await panel.GetByLabel("After the reveal, the projector shows the words the room used").CheckAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save camps" }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        (await _app.Core.Sessions.GetAsync(session.Id, Actor.System)).CampSettings.Camps.Select(c => c.Name).Should().Equal(Public, Online);
        await panel.EvaluateAsync("e => e.scrollIntoView({ block: 'center' })");
        await console.ScreenshotAsync(new() { Path = Screenshot("console-camps-setup") });
        await _app.Core.Sessions.StartAsync(session.Id, _facilitator);

        var projector = await browser.ScreenAsync(1920, 1080);
        await projector.GotoAsync($"{url}/projector/{session.Id}");
        await projector.SignInAsync(Email, AppFactory.FacilitatorPassword);
        await projector.WaitForInteractiveAsync();

        // ---- Six phones join and answer with one tap; one skips, then says after all.
        var phones = new List<IPage>();
        for (var i = 0; i < 6; i++)
        {
            var phone = i switch
            {
                0 => await browser.ScreenAsync(320, 640),
                1 => await browser.PhoneAsync("iPhone 13"),
                _ => await browser.PhoneAsync("Pixel 7"),
            };
            await phone.GotoAsync($"{url}/join/{session.JoinCode}");
            await phone.WaitForInteractiveAsync();
            await Expect(phone.Locator("#camp-heading")).ToHaveTextAsync(CampRules.Question);
            phones.Add(phone);
        }

        (await ScrollsAsync(phones[0])).Should().BeFalse("nothing scrolls sideways on a 320 px phone");
        await phones[0].ExpectNoSeriousAxeViolationsAsync();
        await phones[0].SaveScreenshotAsync("phone-camp-question-320");
        await phones[1].SaveScreenshotAsync("phone-camp-question-390");

        await phones[0].GetByRole(AriaRole.Button, new() { Name = "Skip" }).ClickAsync();
        await Expect(phones[0].GetByTestId("camp-line")).ToHaveTextAsync("You haven't said where you're coming from. Say");
        await phones[0].ReloadAsync();
        await phones[0].WaitForInteractiveAsync();
        await Expect(phones[0].GetByTestId("camp-line")).ToBeVisibleAsync();
        await Expect(phones[0].Locator("#camp-heading")).ToHaveCountAsync(0, new() { Timeout = 1000 });
        await phones[0].GetByRole(AriaRole.Button, new() { Name = "Say" }).ClickAsync();
        await phones[0].GetByRole(AriaRole.Button, new() { Name = Public }).ClickAsync();
        await Expect(phones[0].GetByTestId("camp-line")).ToHaveTextAsync($"Coming from: {Public}. Change");
        for (var i = 1; i < 6; i++)
        {
            await phones[i].GetByRole(AriaRole.Button, new() { Name = i < 3 ? Public : Online }).ClickAsync();
            await Expect(phones[i].GetByTestId("camp-line")).ToContainTextAsync(i < 3 ? Public : Online);
        }

        // ---- Scenario 1: the public bodies marry, the online camp avoids (one snogs); reasons with words in common.
        await _app.Core.Scenarios.OpenAsync(session.Id, scenario.Id, _facilitator);
        await Expect(console.GetByTestId("camps-too-few")).ToBeVisibleAsync();
        string[] choices = ["Marry", "Marry", "Marry", "Avoid", "Avoid", "Snog"];
        string[] reasons = ["Trust takes years", "Long-term trust", "<b>Reach</b> and trust", "Secret agenda", "They would own us", "One campaign, no more"];
        for (var i = 0; i < 6; i++)
        {
            await phones[i].GetByRole(AriaRole.Button, new() { Name = choices[i], Exact = true }).ClickAsync();
            await Expect(phones[i].GetByRole(AriaRole.Button, new() { Name = choices[i], Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
            await phones[i].GetByLabel("Why? (optional)").FillAsync(reasons[i]);
            await phones[i].GetByRole(AriaRole.Button, new() { Name = "Add reason" }).ClickAsync();
            await Expect(phones[i].GetByText("Reason saved.")).ToBeVisibleAsync();
        }

        (await ScrollsAsync(phones[0])).Should().BeFalse();
        await phones[0].ExpectNoSeriousAxeViolationsAsync();
        await phones[0].SaveScreenshotAsync("phone-camp-voted-320");

        // The facilitator sees the split by camp as votes arrive; the room does not, before the reveal.
        await Expect(console.GetByTestId("live-camps").GetByTestId("camp-gap")).ToHaveTextAsync("Widest gap: Public bodies: marry 100 % · Online: avoid 67 %");
        await Expect(console.GetByTestId("live-words").Locator("[data-choice=Marry] li").First).ToHaveTextAsync("trust 3");
        await Expect(projector.GetByTestId("camp-split")).ToHaveCountAsync(0);
        await console.GetByTestId("live-camps").EvaluateAsync("e => e.scrollIntoView({ block: 'center' })");
        await console.ScreenshotAsync(new() { Path = Screenshot("console-camps-live") });
        await console.ExpectNoSeriousAxeViolationsAsync();

        // ---- The reveal: the projector shows the split beside the room's bars, names the widest gap, and the words.
        await _app.Core.Scenarios.RevealAsync(session.Id, scenario.Id, _facilitator);
        await Expect(projector.GetByTestId("camp-gap")).ToHaveTextAsync("Public bodies: marry 100 % · Online: avoid 67 %");
        await Expect(projector.Locator(".camp-row")).ToHaveCountAsync(2);
        await Expect(projector.GetByTestId("projector-words")).ToContainTextAsync("trust");
        (await projector.Locator("b").CountAsync()).Should().Be(0, "a reason's markup is text");
        await projector.ExpectNoSeriousAxeViolationsAsync();
        foreach (var (width, height) in new[] { (1280, 720), (3840, 2160), (1920, 1080) })
        {
            await projector.SetViewportSizeAsync(width, height);
            await projector.WaitForFunctionAsync("() => { const v = document.querySelector('.projector-view'); return v && v.scrollHeight <= v.clientHeight + 1 && v.scrollWidth <= v.clientWidth + 1; }");
            var verdict = await projector.GetByTestId("verdict").BoundingBoxAsync();
            var gap = await projector.GetByTestId("camp-gap").BoundingBoxAsync();
            (gap!.Y + gap.Height).Should().BeLessThanOrEqualTo(height, $"the widest gap is on a {height}p screen");
            verdict!.Y.Should().BeGreaterThanOrEqualTo(0);
            await projector.SaveScreenshotAsync($"projector-camps-{height}p", fullPage: false);
        }

        await Expect(phones[1].Locator(".verdict")).ToHaveTextAsync("The room says: marry!");
        (await phones[1].Locator(".camp-split").CountAsync()).Should().Be(0, "phones are sent no split by camp");

        // ---- The report: a table per camp, the widest gap; the across-sessions page filters by camp.
        await _app.Core.Sessions.EndAsync(session.Id, _facilitator);
        var report = await browser.ScreenAsync(1280, 900);
        await report.GotoAsync($"{url}/reports/{session.Id}");
        await report.SignInAsync(Email, AppFactory.FacilitatorPassword);
        await Expect(report.GetByTestId("report-gap")).ToHaveTextAsync("Widest gap between camps: Public bodies: marry 100 % · Online: avoid 67 %");
        await Expect(report.GetByTestId("camp-tables").Locator("table")).ToHaveCountAsync(2);
        await Expect(report.Locator("table[data-camp='Online'] tbody tr").First).ToContainTextAsync("67 %");
        await report.ExpectNoSeriousAxeViolationsAsync();
        await report.GetByTestId("camp-tables").EvaluateAsync("e => e.scrollIntoView({ block: 'center' })");
        await report.ScreenshotAsync(new() { Path = Screenshot("report-camps") });

        await report.GotoAsync($"{url}/reports");
        await report.GetByTestId("camp-filter").GetByRole(AriaRole.Link, new() { Name = Online }).ClickAsync();
        await Expect(report.GetByTestId("camp-filtered")).ToContainTextAsync(Online);
        await Expect(report.Locator("td[data-cell='NHS mental health trust|mental health blogger']")).ToContainTextAsync("3 votes");
        await Expect(report.GetByTestId("ternary")).ToBeVisibleAsync();
        await report.ExpectNoSeriousAxeViolationsAsync();
        await report.SaveScreenshotAsync("across-sessions-camp");

        // Nothing the room did was lost: the database agrees with the screens.
        var votes = await _app.Services.GetRequiredService<SnogMarryAvoid.Core.Reports.ReportService>().VotesAsync(session.Id, Actor.System);
        votes.Count(v => v.Camp == Public).Should().Be(3);
        votes.Count(v => v.Camp == Online).Should().Be(3);
    }

    private static string Screenshot(string name)
    {
        var folder = Path.Combine(Repo.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }
}
