using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>
/// A phone on the day: the venue's Wi-Fi drops (a proxy that really cuts the network), the smallest
/// screen with the longest scenario, text at 200 %, and the end of the session.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PhoneOnTheDayTests(BrowserFixture browser)
{
    private static ILocator Button(IPage phone, string name) => phone.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task WhenTheWifiDrops_ThePhoneSaysSoAtOnce_KeepsTheTap_AndSendsItWhenBack_WithoutAReload()
    {
        await using var app = new AppFactory(realPort: true);
        var (session, scenarios) = await app.Core.LiveSessionAsync(1);
        await app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        await using var wifi = new CuttableProxy(new Uri(app.BaseUrl));
        var phone = await browser.PhoneAsync("Pixel 7");
        await phone.GotoAsync($"{wifi.Url}/join/{session.JoinCode}");
        await phone.WaitForInteractiveAsync();
        await phone.EvaluateAsync("window.__sameDocument = true");
        await Expect(Button(phone, "Snog")).ToBeEnabledAsync();

        // The network goes silent, and the phone does not know yet: this tap goes nowhere, and no answer comes.
        wifi.Cut();
        await Button(phone, "Snog").ClickAsync();

        // No answer to the tap within four seconds, and the phone says it is offline (without the pings every second it once needed).
        await Expect(phone.Locator(".connection")).ToHaveTextAsync("Reconnecting… Your votes so far are safe.", new() { Timeout = 10_000 });
        await Expect(phone.GetByTestId("pending")).ToHaveTextAsync("Will send Snog when you're back online.");

        // A change of mind while offline is kept too: the last tap wins.
        await Button(phone, "Marry").ClickAsync();
        await Expect(phone.GetByTestId("pending")).ToHaveTextAsync("Will send Marry when you're back online.");
        await Expect(Button(phone, "Marry")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pending"));
        await Expect(Button(phone, "Marry")).ToHaveAttributeAsync("aria-pressed", "false", new() { Timeout = 1_000 });
        await phone.ExpectNoSeriousAxeViolationsAsync();
        await phone.SaveScreenshotAsync("phone-offline-pending");
        (await app.Core.Voting.GetResultsAsync(scenarios[0].Id)).Total.Should().Be(0, "nothing reached the server while the network was cut");

        wifi.Restore();

        await Expect(phone.GetByText("Vote received: Marry")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(Button(phone, "Marry")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(phone.Locator(".connection")).ToBeHiddenAsync();
        (await app.Core.Voting.GetResultsAsync(scenarios[0].Id)).Should().Be(new ScenarioResults(scenarios[0].Id, 0, 1, 0), "the kept tap arrived, once");
        (await phone.EvaluateAsync<bool>("window.__sameDocument === true")).Should().BeTrue("no reload was needed");
    }

    [Fact]
    public async Task ATapKeptWhileOffline_ForAScenarioThatClosedMeanwhile_IsNotCounted_AndThePhoneSaysSo()
    {
        await using var app = new AppFactory(realPort: true);
        var (session, scenarios) = await app.Core.LiveSessionAsync(1);
        await app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        await using var wifi = new CuttableProxy(new Uri(app.BaseUrl));
        var phone = await browser.PhoneAsync("iPhone 13");
        await phone.GotoAsync($"{wifi.Url}/join/{session.JoinCode}");
        await phone.WaitForInteractiveAsync();

        // An idle phone notices the silence after two and a half of the server's pings (5 s each by default).
        wifi.Cut();
        await Expect(phone.Locator(".connection")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Button(phone, "Avoid").ClickAsync();
        await Expect(phone.GetByTestId("pending")).ToBeVisibleAsync();
        await app.Core.Scenarios.CloseAsync(session.Id, scenarios[0].Id, Actor.System);
        wifi.Restore();

        await Expect(phone.Locator(".status")).ToContainTextAsync("Voting is closed.", new() { Timeout = 20_000 });
        await Expect(phone.GetByTestId("pending")).ToHaveCountAsync(0);
        (await app.Core.Voting.GetResultsAsync(scenarios[0].Id)).Total.Should().Be(0);
    }

    [Theory]
    [InlineData(320, 568)]
    [InlineData(390, 844)]
    public async Task OnASmallPhone_TheLongestScenario_LeavesAllThreeChoicesOnTheScreen(int width, int height)
    {
        await using var app = new AppFactory(realPort: true);
        var session = await app.Core.Sessions.CreateAsync("Longest", Actor.System);
        var longest = await app.Core.Decks.AddAsync(session.Id, Actor.System,
            new string('a', 40) + " " + string.Concat(Enumerable.Repeat("Metropolitan borough council ", 6))[..150],
            string.Concat(Enumerable.Repeat("community bloggers and campaigners ", 6))[..Scenario.MaxPartyLength],
            string.Concat(Enumerable.Repeat("They want a standing seat at every meeting. ", 30))[..Scenario.MaxContextLength]);
        await app.Core.Sessions.StartAsync(session.Id, Actor.System);
        await app.Core.Scenarios.OpenAsync(session.Id, longest.Id, Actor.System);
        var phone = await browser.ScreenAsync(width, height);
        await phone.GotoAsync($"{app.BaseUrl}/join/{session.JoinCode}");
        await phone.WaitForInteractiveAsync();

        foreach (var name in new[] { "Snog", "Marry", "Avoid" })
        {
            await Expect(Button(phone, name)).ToBeInViewportAsync(new() { Ratio = 1 });
        }

        (await WidthAsync(phone)).Should().BeLessThanOrEqualTo(width, "nothing scrolls sideways, even a 40-letter word");
        await phone.SaveScreenshotAsync($"phone-{width}-longest", fullPage: false);
        await Button(phone, "Avoid").ClickAsync();
        await Expect(Button(phone, "Avoid")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task AtTwiceTheTextSize_NoScreenScrollsSideways_AndTheEndTellsThePhoneItsStory()
    {
        await using var app = new AppFactory(realPort: true);
        var (session, scenarios) = await app.Core.LiveSessionAsync(3);
        var others = await app.Core.JoinAsync(session.JoinCode, 2);
        var phone = await browser.ScreenAsync(390, 844);
        await phone.GotoAsync($"{app.BaseUrl}/join/{session.JoinCode}");
        await phone.WaitForInteractiveAsync();
        await phone.EvaluateAsync("document.documentElement.style.fontSize = '200%'");
        async Task FitsAsync(string screen) => (await WidthAsync(phone)).Should().BeLessThanOrEqualTo(390, $"the {screen} screen fits at 200 % text");

        await FitsAsync("waiting");
        Choice[] mine = [Choice.Marry, Choice.Snog];
        for (var i = 0; i < 2; i++)
        {
            await app.Core.Scenarios.OpenAsync(session.Id, scenarios[i].Id, Actor.System, TimeSpan.FromMinutes(5));
            await Button(phone, mine[i].ToString()).ClickAsync();
            await Expect(Button(phone, mine[i].ToString())).ToHaveAttributeAsync("aria-pressed", "true");
            await FitsAsync("voting");
            foreach (var other in others)
            {
                await app.Core.Voting.CastVoteAsync(other, scenarios[i].Id, Choice.Marry);
            }

            await app.Core.Scenarios.RevealAsync(session.Id, scenarios[i].Id, Actor.System);
            await Expect(phone.Locator(".verdict")).ToHaveTextAsync("The room says: marry!");
            await FitsAsync("revealed");
        }

        await app.Core.Sessions.EndAsync(session.Id, Actor.System);

        await Expect(phone.GetByTestId("summary")).ToHaveTextAsync("You voted on 2 of 3 scenarios.");
        await Expect(phone.GetByTestId("agreed")).ToHaveTextAsync("The room agreed with you once.");
        await Expect(phone.Locator(".recap-list li")).ToHaveCountAsync(2);
        await Expect(phone.Locator(".recap-list li").First).ToContainTextAsync("You: Marry");
        await FitsAsync("end");
        await phone.EvaluateAsync("document.documentElement.style.fontSize = ''");
        await phone.SaveScreenshotAsync("phone-recap");
    }

    private static Task<int> WidthAsync(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
}
