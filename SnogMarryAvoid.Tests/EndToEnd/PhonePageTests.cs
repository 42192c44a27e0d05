using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>
/// The phone page (js/phone.js, a client of the hub with no Blazor circuit) state by state, against a real
/// server: what it shows, what a tap sends, and every refusal as a message on the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PhonePageTests(BrowserFixture browser)
{
    private static ILocator Button(IPage phone, string name) => phone.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private static ILocator Choices(IPage phone) => phone.Locator("button.choice");

    private async Task<IPage> JoinAsync(AppFactory app, string code, IBrowserContext? context = null)
    {
        var phone = context is null ? await browser.PhoneAsync("Pixel 7") : await context.NewPageAsync();
        await phone.GotoAsync($"{app.BaseUrl}/join/{code}");
        await phone.WaitForInteractiveAsync();
        return phone;
    }

    // A phone on the session whose "Vote" calls are held on their way to the server until released.
    private async Task<(IPage Phone, TaskCompletionSource Release)> JoinHoldingVotesAsync(AppFactory app, string code)
    {
        var phone = await browser.PhoneAsync("Pixel 7");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await phone.RouteWebSocketAsync("**/hubs/session**", ws =>
        {
            var server = ws.ConnectToServer();
            ws.OnMessage(frame =>
            {
                var text = frame.Text ?? "";
                if (text.Contains("\"target\":\"Vote\"", StringComparison.Ordinal))
                {
                    _ = release.Task.ContinueWith(_ => server.Send(text), TaskScheduler.Default);
                }
                else
                {
                    server.Send(text);
                }
            });
        });
        await phone.GotoAsync($"{app.BaseUrl}/join/{code}");
        await phone.WaitForInteractiveAsync();
        return (phone, release);
    }

    [Fact]
    public async Task Phone_WaitsThenVotesThenFollowsCloseRevealAndEnd()
    {
        await using var app = new AppFactory(realPort: true);
        var (session, scenarios) = await app.Core.LiveSessionAsync();
        var phone = await JoinAsync(app, session.JoinCode);
        await Expect(phone.Locator(".vote-page")).ToHaveAttributeAsync("data-state", "Waiting");

        await app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        await Expect(Choices(phone)).ToHaveTextAsync(["Snog", "Marry", "Avoid"]);
        foreach (var choice in await Choices(phone).AllAsync())
        {
            await Expect(choice).ToHaveAttributeAsync("aria-pressed", "false");
        }

        await Expect(phone.Locator(".status")).ToContainTextAsync("Voting is open. Tap one.");
        await Expect(phone.Locator(".phone-body")).Not.ToContainTextAsync("null");

        await Button(phone, "Marry").ClickAsync();
        await Expect(phone.Locator(".received")).ToHaveTextAsync("Vote received: Marry. Tap another to change it.");
        (await Choices(phone).EvaluateAllAsync<string[]>("bs => bs.map(b => b.getAttribute('aria-pressed'))")).Should().Equal("false", "true", "false");
        (await app.Core.Voting.GetResultsAsync(scenarios[0].Id)).Marry.Should().Be(1);

        await app.Core.Scenarios.CloseAsync(session.Id, scenarios[0].Id, Actor.System);
        await Expect(phone.Locator(".status")).ToHaveTextAsync("Voting is closed. You voted Marry.");
        await Expect(Choices(phone)).ToHaveCountAsync(0);

        await app.Core.Scenarios.RevealAsync(session.Id, scenarios[0].Id, Actor.System);
        await Expect(phone.Locator(".verdict")).ToHaveTextAsync("The room says: marry!");
        await Expect(phone.Locator("[data-count=Marry]")).ToHaveTextAsync("1");
        await Expect(phone.Locator(".result-row.mine")).ToHaveAttributeAsync("data-choice", "Marry");
        await Expect(phone.Locator(".result-row.marry .result-figures")).ToHaveTextAsync("1 · 100%");

        await app.Core.Sessions.EndAsync(session.Id, Actor.System);
        await Expect(phone.Locator(".vote-page")).ToHaveAttributeAsync("data-state", "Ended");
        await Expect(phone.GetByTestId("summary")).ToHaveTextAsync("You voted on 1 of 2 scenarios.");
    }

    [Fact]
    public async Task Phone_ChangesItsVote_AndAddsAndUpdatesAReason_WithACount()
    {
        await using var app = new AppFactory(realPort: true);
        var (session, scenarios) = await app.Core.LiveSessionAsync();
        await app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        var phone = await JoinAsync(app, session.JoinCode);

        await Button(phone, "Snog").ClickAsync();
        await Expect(phone.Locator(".received")).ToContainTextAsync("Snog");
        await Button(phone, "Avoid").ClickAsync();
        await Expect(phone.Locator(".received")).ToContainTextAsync("Avoid");

        var save = phone.Locator(".reason button");
        await Expect(save).ToHaveTextAsync("Add reason");
        await Expect(save).ToBeDisabledAsync();
        await phone.GetByLabel("Why? (optional)").FillAsync("Too risky");
        await Expect(phone.Locator("#reason-count")).ToHaveTextAsync("9 / 280");
        await save.ClickAsync();
        await Expect(phone.Locator(".saved")).ToHaveTextAsync("Reason saved.");
        await Expect(save).ToHaveTextAsync("Update reason");
        await Expect(save).ToBeDisabledAsync();

        await phone.GetByLabel("Why? (optional)").FillAsync("Too risky for a trust");
        await Expect(phone.Locator(".saved")).ToBeHiddenAsync();
        await save.ClickAsync();
        await Expect(phone.Locator(".saved")).ToBeVisibleAsync();

        (await app.Core.Voting.GetResultsAsync(scenarios[0].Id)).Should().Be(new ScenarioResults(scenarios[0].Id, 0, 0, 1));
        (await app.Core.Voting.GetVotesAsync((await app.Core.ParticipantsAsync(session.Id)).Single())).Single().Reason.Should().Be("Too risky for a trust");
    }

    [Fact]
    public async Task Phone_WithAReasonOverTheLimit_ShowsTheErrorAndKeepsTheText()
    {
        await using var app = new AppFactory(realPort: true);
        var (session, scenarios) = await app.Core.LiveSessionAsync();
        await app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        var phone = await JoinAsync(app, session.JoinCode);
        await Button(phone, "Snog").ClickAsync();
        await Expect(phone.Locator(".received")).ToBeVisibleAsync();

        // A pasted essay: refused on the page with the server's wording, and nothing is lost.
        foreach (var length in new[] { 281, 20_000 })
        {
            var tooLong = new string('x', length);
            await phone.GetByLabel("Why? (optional)").FillAsync(tooLong);
            await Expect(phone.Locator("#reason-count")).ToHaveClassAsync("over");
            await phone.Locator(".reason button").ClickAsync();

            await Expect(phone.GetByRole(AriaRole.Alert)).ToHaveTextAsync($"Your reason is {length} characters; the limit is 280.");
            await Expect(phone.GetByLabel("Why? (optional)")).ToHaveValueAsync(tooLong);
        }

        // Still connected and still voting.
        await Button(phone, "Marry").ClickAsync();
        await Expect(phone.Locator(".received")).ToContainTextAsync("Marry");
    }

    [Fact]
    public async Task Phone_WithAnUnknownCode_SaysSoAndOffersToRetype()
    {
        await using var app = new AppFactory(realPort: true);
        await app.Core.LiveSessionAsync();

        var phone = await JoinAsync(app, "KX7PM");

        await Expect(phone.Locator(".vote-page")).ToHaveAttributeAsync("data-state", "Failed");
        await Expect(phone.GetByRole(AriaRole.Alert)).ToContainTextAsync("No session has the code KX7PM");
        await Expect(phone.Locator("a.button")).ToHaveAttributeAsync("href", "/?code=KX7PM");
        await phone.ExpectNoSeriousAxeViolationsAsync();
    }

    [Fact]
    public async Task Phone_SameBrowserAgain_IsTheSameParticipant_AndSeesItsOwnVoteAndReason()
    {
        await using var app = new AppFactory(realPort: true);
        var (session, scenarios) = await app.Core.LiveSessionAsync();
        await app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        var first = await JoinAsync(app, session.JoinCode);
        await Button(first, "Snog").ClickAsync();
        await first.GetByLabel("Why? (optional)").FillAsync("Once, for the launch");
        await first.Locator(".reason button").ClickAsync();
        await Expect(first.Locator(".saved")).ToBeVisibleAsync();

        var again = await JoinAsync(app, session.JoinCode, first.Context);

        await Expect(Button(again, "Snog")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(again.GetByLabel("Why? (optional)")).ToHaveValueAsync("Once, for the launch");
        (await app.Core.ParticipantsAsync(session.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task Phone_ShowsThePauseAndTheCountdown_AndStillVotesWhileBlank()
    {
        await using var app = new AppFactory(realPort: true);
        var (session, scenarios) = await app.Core.LiveSessionAsync();
        var sinceOpening = System.Diagnostics.Stopwatch.StartNew();
        await app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System, TimeSpan.FromSeconds(60));
        var phone = await JoinAsync(app, session.JoinCode);

        // Minutes and seconds, and no more gone than the time that has passed since opening (a busy
        // machine may take several seconds to get here), give or take the one-second rounding.
        var shown = await phone.Locator(".phone-countdown [data-closes-at]").TextContentAsync();
        var elapsed = sinceOpening.Elapsed.TotalSeconds;
        shown.Should().MatchRegex(@"^\d:\d\d$");
        var left = (int.Parse(shown![..^3], System.Globalization.CultureInfo.InvariantCulture) * 60) + int.Parse(shown[^2..], System.Globalization.CultureInfo.InvariantCulture);
        left.Should().BeInRange((int)Math.Floor(60 - elapsed) - 1, 60);
        await Expect(phone.Locator(".phone-countdown")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Closes in (1:00|0:5[0-9])\\.$"));

        await app.Core.Sessions.SetBlankedAsync(session.Id, Actor.System, true);
        await Expect(phone.Locator(".paused")).ToHaveTextAsync("The screen is paused. Look up!");
        await Button(phone, "Avoid").ClickAsync();
        await Expect(Button(phone, "Avoid")).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task WhileAVoteIsOnItsWay_ThePageSaysSending_AndOnlyTheServersAnswerMarksIt()
    {
        await using var app = new AppFactory(realPort: true);
        var (session, scenarios) = await app.Core.LiveSessionAsync();
        await app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        var (phone, release) = await JoinHoldingVotesAsync(app, session.JoinCode);

        await Button(phone, "Marry").ClickAsync();

        await Expect(phone.Locator(".status")).ToContainTextAsync("Sending…");
        await Expect(Button(phone, "Marry")).ToHaveClassAsync("choice marry sending");
        await Expect(Button(phone, "Marry")).ToHaveAttributeAsync("aria-pressed", "false");
        foreach (var choice in await Choices(phone).AllAsync())
        {
            await Expect(choice).ToBeDisabledAsync();
        }

        release.SetResult();
        await Expect(Button(phone, "Marry")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(phone.Locator(".received")).ToContainTextAsync("Marry");
    }

    [Fact]
    public async Task AVoteThatArrivesAfterVotingCloses_IsRefusedWithTheReason_AndNotCounted()
    {
        await using var app = new AppFactory(realPort: true);
        var (session, scenarios) = await app.Core.LiveSessionAsync();
        await app.Core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);
        var (phone, release) = await JoinHoldingVotesAsync(app, session.JoinCode);

        await Button(phone, "Snog").ClickAsync();
        await Expect(phone.Locator(".status")).ToContainTextAsync("Sending…");
        await app.Core.Scenarios.CloseAsync(session.Id, scenarios[0].Id, Actor.System);
        release.SetResult();

        await Expect(phone.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Voting on this scenario is closed.");
        await Expect(phone.Locator(".status")).ToHaveTextAsync("Voting is closed. You didn't vote on this one.");
        (await app.Core.Voting.GetResultsAsync(scenarios[0].Id)).Total.Should().Be(0);
    }

    [Fact]
    public async Task HostileText_IsRenderedAsTextNeverAsMarkup()
    {
        await using var app = new AppFactory(realPort: true);
        var (session, _) = await app.Core.LiveSessionAsync();
        const string hostile = "<script>window.__owned = 1</script><img src=x onerror=\"window.__owned = 1\">";
        var scenario = await app.Core.Decks.AddAsync(session.Id, Actor.System, hostile, "<b>bold</b>", "<i onmouseover=alert(1)>context</i>");
        await app.Core.Scenarios.OpenAsync(session.Id, scenario.Id, Actor.System);
        var phone = await JoinAsync(app, session.JoinCode);

        await Expect(phone.Locator("h1")).ToContainTextAsync(hostile);
        await Expect(phone.Locator(".scenario-context")).ToHaveTextAsync("<i onmouseover=alert(1)>context</i>");
        await Expect(phone.Locator(".vote-card script, .vote-card img, .vote-card b, .vote-card i")).ToHaveCountAsync(0);
        (await phone.EvaluateAsync<bool>("window.__owned === undefined")).Should().BeTrue();

        await Button(phone, "Avoid").ClickAsync();
        await phone.GetByLabel("Why? (optional)").FillAsync("<img src=x onerror=\"window.__owned = 1\">");
        await phone.Locator(".reason button").ClickAsync();
        await Expect(phone.Locator(".saved")).ToBeVisibleAsync();
        await Expect(phone.Locator(".vote-card img")).ToHaveCountAsync(0);
        (await phone.EvaluateAsync<bool>("window.__owned === undefined")).Should().BeTrue();
    }
}
