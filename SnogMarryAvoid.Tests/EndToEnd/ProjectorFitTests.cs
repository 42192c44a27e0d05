using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>
/// The projector read from the back of the room: at 720p, 1080p and 4K, with the longest texts the deck
/// allows, nothing runs off the screen or is clipped; text shrinks to a floor first, then what is left
/// out is said. The lobby is all join. Screenshots of each for the user guide.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ProjectorFitTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Email = "fit@example.org";
    private readonly AppFactory _app = new(realPort: true, settings: new() { ["PublicBaseUrl"] = "https://vote.example.org", ["Limits:VoteBurst"] = "1000" });
    private Actor _host = default!;

    public async ValueTask InitializeAsync() => _host = await _app.CreateFacilitatorAsync(Email);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    public static TheoryData<int, int> Screens => new() { { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 } };

    private async Task<IPage> ProjectorAsync(Guid session, int width, int height)
    {
        var page = await browser.ScreenAsync(width, height);
        await page.GotoAsync($"{_app.BaseUrl}/projector/{session}");
        await page.SignInAsync(Email, AppFactory.FacilitatorPassword);
        await page.WaitForInteractiveAsync();
        return page;
    }

    /// <summary>What the screen shows, measured in the page: overflow, every text box's edges, the title's size, what was left out.</summary>
    private const string Measure = """
        () => {
          const view = document.querySelector('.projector-view[data-fit]');
          const shown = [...view.querySelectorAll('h1, p, li, .result-row, .join-info, .qr')].filter(e => e.offsetParent !== null && !e.closest('[hidden]'));
          const box = view.getBoundingClientRect();
          const out = shown.filter(e => { const r = e.getBoundingClientRect(); return r.bottom > box.bottom + 1 || r.right > box.right + 1 || r.bottom > innerHeight + 1 || r.right > innerWidth + 1; })
            .map(e => e.className + ': ' + e.textContent.slice(0, 40));
          const more = view.querySelector('[data-more]');
          return JSON.stringify({
            scrolls: document.documentElement.scrollHeight > innerHeight + 1 || document.documentElement.scrollWidth > innerWidth + 1,
            overflows: view.scrollHeight > view.clientHeight + 1,
            out,
            title: parseFloat(getComputedStyle(view.querySelector('h1')).fontSize),
            hiddenItems: view.querySelectorAll('[data-fit-list] > li[hidden]').length,
            more: more && !more.hidden ? more.textContent : null,
            fitted: view.dataset.fitted,
            size: `${view.scrollWidth}x${view.scrollHeight} in ${view.clientWidth}x${view.clientHeight}`,
          });
        }
        """;

    private sealed record Measured(bool Scrolls, bool Overflows, string[] Out, double Title, int HiddenItems, string? More, string? Fitted, string Size);

    /// <summary>How many times the projector fits itself again in a second and a half of a room that does not move.</summary>
    private static Task<int> RefitsWhileStillAsync(IPage page) => page.EvaluateAsync<int>("""
        () => new Promise(done => {
          let fits = 0;
          const watch = new MutationObserver(changes => { fits += changes.length; });
          watch.observe(document.querySelector('.projector-view[data-fit]'), { attributes: true, attributeFilter: ['data-fitted'] });
          setTimeout(() => { watch.disconnect(); done(fits); }, 1500);
        })
        """);

    private static async Task<Measured> MeasureAsync(IPage page) =>
        System.Text.Json.JsonSerializer.Deserialize<Measured>(await page.EvaluateAsync<string>(Measure), System.Text.Json.JsonSerializerOptions.Web)!;

    /// <summary>A live session on the longest scenario the deck allows, with live results, three votes and three spotlighted reasons of the longest length.</summary>
    private async Task<SnogMarryAvoid.Core.Sessions.ManagerView> LongestSessionAsync()
    {
        var session = await _app.Core.Sessions.CreateAsync("Fitting the screen", _host);
        var longest = await _app.Core.Decks.AddAsync(session.Id, _host,
            Words("Metropolitan borough council public health and wellbeing directorate", Scenario.MaxPartyLength),
            Words("network of community bloggers, campaigners and neighbourhood forum admins", Scenario.MaxPartyLength),
            Words("The group asks for a standing seat at every commissioning meeting and a say in how the budget is spent.", Scenario.MaxContextLength));
        await _app.Core.Sessions.StartAsync(session.Id, _host);
        await _app.Core.Sessions.SetResultsLiveAsync(session.Id, _host, true);
        await _app.Core.Scenarios.OpenAsync(session.Id, longest.Id, _host);
        var people = await _app.Core.JoinAsync(session.JoinCode, 3);
        for (var i = 0; i < people.Count; i++)
        {
            await _app.Core.Voting.CastVoteAsync(people[i], longest.Id, (Choice)(i + 1));
            await _app.Core.Voting.SetReasonAsync(people[i], longest.Id, Words($"Reason {i + 1}: they reach people the council never does, and they say so loudly.", Vote.MaxReasonLength));
        }

        var moderation = _app.Services.GetRequiredService<ModerationService>();
        foreach (var reason in (await _app.Core.Sessions.GetAsync(session.Id, _host)).Reasons)
        {
            await moderation.SetSpotlightAsync(session.Id, reason.VoteId, _host, true);
        }

        return session;
    }

    [Theory]
    [InlineData(1440, 900)]
    [InlineData(1024, 768)]
    [InlineData(1920, 1080)]
    public async Task TheConsolesPreview_IsTheRealSlideScaledDown_WithNothingClipped(int width, int height)
    {
        var session = await LongestSessionAsync();
        var console = await browser.ScreenAsync(width, height);
        await console.GotoAsync($"{_app.BaseUrl}/facilitate/{session.Id}");
        await console.SignInAsync(Email, AppFactory.FacilitatorPassword);
        await console.WaitForInteractiveAsync();
        var preview = console.GetByTestId("preview");
        await Expect(preview.Locator(".spotlights li")).ToHaveCountAsync(3);
        await console.WaitForFunctionAsync("() => document.querySelector('.console-preview .projector-view')?.dataset.fitted");

        var measured = System.Text.Json.JsonSerializer.Deserialize<PreviewMeasured>(await preview.EvaluateAsync<string>("""
            box => {
              const frame = box.getBoundingClientRect();
              const view = box.querySelector('.projector-view');
              const shown = [...view.querySelectorAll('h1, p, li, .result-row, .result-figures, .join-info, .qr')].filter(e => e.offsetParent !== null && !e.closest('[hidden]'));
              const out = shown.filter(e => { const r = e.getBoundingClientRect(); return r.bottom > frame.bottom + 1 || r.right > frame.right + 1 || r.left < frame.left - 1 || r.top < frame.top - 1; })
                .map(e => e.className + ': ' + e.textContent.slice(0, 40));
              return JSON.stringify({
                out,
                overflows: view.scrollHeight > view.clientHeight + 1 || view.scrollWidth > view.clientWidth + 1,
                ratio: frame.width / frame.height,
                scale: parseFloat(box.style.getPropertyValue('--preview-scale')),
                width: frame.width,
              });
            }
            """), System.Text.Json.JsonSerializerOptions.Web)!;

        measured.Out.Should().BeEmpty("nothing in the preview is clipped, the percentages included");
        measured.Overflows.Should().BeFalse();
        measured.Ratio.Should().BeApproximately(16.0 / 9, 0.02, "the preview has the projector's shape");
        measured.Scale.Should().BeApproximately(measured.Width / 1920, 0.01, "it is the 1080p slide, scaled down");
        await console.SaveScreenshotAsync($"console-preview-{width}", fullPage: false);
    }

    private sealed record PreviewMeasured(string[] Out, bool Overflows, double Ratio, double Scale, double Width);

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task TheLongestScenario_WithContext_ThreeReasons_AndLiveResults_Fits(int width, int height)
    {
        var session = await LongestSessionAsync();
        var page = await ProjectorAsync(session.Id, width, height);
        await Expect(page.Locator(".spotlights li")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-count=Avoid]")).ToHaveTextAsync("1");
        await page.WaitForFunctionAsync("() => document.querySelector('.projector-view[data-fit]')?.dataset.fitted");

        await page.SaveScreenshotAsync($"projector-longest-{height}p", fullPage: false);
        var measured = await MeasureAsync(page);

        measured.Scrolls.Should().BeFalse("the projector never scrolls");
        measured.Overflows.Should().BeFalse("nothing runs off the screen");
        measured.Out.Should().BeEmpty("nothing is clipped");
        measured.Title.Should().BeGreaterThanOrEqualTo(40.0 * height / 1080 - 0.5, "the scenario stays at least 40 px high at 1080p");
        (await RefitsWhileStillAsync(page)).Should().Be(0, "once it fits, a still room costs the projector nothing");
        if (measured.HiddenItems > 0)
        {
            measured.More.Should().Be($"+{measured.HiddenItems} more {(measured.HiddenItems == 1 ? "reason" : "reasons")}", "what is left out is said");
        }
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task TheLobby_IsAllJoin_ABigCode_ABigQrCode_TheAddress_AndWhoIsHere(int width, int height)
    {
        var session = await _app.Core.Sessions.CreateAsync("Social Media Week, London", _host);
        await _app.Core.Decks.AddBuiltInAsync(session.Id, _host);
        await _app.Core.Sessions.StartAsync(session.Id, _host);
        var page = await ProjectorAsync(session.Id, width, height);

        var code = await page.Locator(".lobby-code").BoundingBoxAsync();
        var qr = await page.Locator(".lobby-qr").BoundingBoxAsync();
        var codeSize = await page.Locator(".lobby-code").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");

        await Expect(page.Locator(".lobby-code")).ToHaveTextAsync(session.JoinCode);
        await Expect(page.GetByTestId("join-url")).ToHaveTextAsync("https://vote.example.org/join".Replace("https://", "", StringComparison.Ordinal));
        await Expect(page.GetByTestId("room-count")).ToHaveTextAsync("0 in the room");
        codeSize.Should().BeGreaterThanOrEqualTo(96.0 * height / 1080, "the code is at least 96 px high at 1080p");
        qr!.Height.Should().BeGreaterThanOrEqualTo(0.4f * height, "the QR code is at least 40 % of the screen's height");
        (code!.Y + code.Height).Should().BeLessThanOrEqualTo((float)height);
        (await MeasureAsync(page)).Out.Should().BeEmpty();

        var phone = await browser.PhoneAsync("Pixel 7");
        await phone.GotoAsync($"{_app.BaseUrl}/join/{session.JoinCode}");
        await Expect(page.GetByTestId("room-count")).ToHaveTextAsync("1 in the room", new() { Timeout = 15_000 });
        await page.SaveScreenshotAsync($"projector-lobby-{height}p", fullPage: false);
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task TheRecap_OfALongDeck_Fits_AndSaysHowManyScenariosItLeftOut()
    {
        var session = await _app.Core.Sessions.CreateAsync("Social Media Week, London", _host);
        await _app.Core.Decks.AddBuiltInAsync(session.Id, _host);
        await _app.Core.Decks.AddBuiltInAsync(session.Id, _host);
        await _app.Core.Sessions.StartAsync(session.Id, _host);
        var people = await _app.Core.JoinAsync(session.JoinCode, 3);
        var deck = (await _app.Core.Sessions.GetAsync(session.Id, _host)).Scenarios;
        foreach (var scenario in deck)
        {
            await _app.Core.Scenarios.OpenAsync(session.Id, scenario.Id, _host);
            for (var i = 0; i < people.Count; i++)
            {
                await _app.Core.Voting.CastVoteAsync(people[i], scenario.Id, (Choice)(((scenario.Order + i) % 3) + 1));
            }

            await _app.Core.Scenarios.RevealAsync(session.Id, scenario.Id, _host);
        }

        await _app.Core.Sessions.EndAsync(session.Id, _host);
        var page = await ProjectorAsync(session.Id, 1920, 1080);
        await page.WaitForFunctionAsync("() => document.querySelector('.projector-view[data-fit]')?.dataset.fitted");

        await page.SaveScreenshotAsync("projector-recap", fullPage: false);
        var measured = await MeasureAsync(page);

        measured.Scrolls.Should().BeFalse(measured.Size);
        measured.Out.Should().BeEmpty(measured.Size);
        (await page.Locator(".recap-item").CountAsync()).Should().Be(deck.Count);
        measured.HiddenItems.Should().BeGreaterThan(1, "two built-in decks are more than one screen holds");
        measured.More.Should().Be($"+{measured.HiddenItems} more scenarios");
        (await RefitsWhileStillAsync(page)).Should().Be(0, "once it fits, a still room costs the projector nothing (its own '+N more' line is not a redraw)");
    }

    /// <summary>A text of real words, as long as a field allows.</summary>
    private static string Words(string seed, int length)
    {
        var text = seed;
        while (text.Length < length)
        {
            text += " " + seed;
        }

        return text[..length].TrimEnd();
    }
}
