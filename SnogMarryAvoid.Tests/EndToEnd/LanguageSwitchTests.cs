using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>
/// The staff pages' language switch tapped while a page is still coming alive (a venue's slow Wi-Fi): a staff
/// page's circuit keeps the language it was started in for its life, so a switch that kept the circuit (Blazor's
/// enhanced navigation) drew the old language over the new page. Seen in CI: the page in English, its switch
/// still offering English.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageSwitchTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SlowCircuits _slow = new();
    private AppFactory _app = default!;

    public ValueTask InitializeAsync()
    {
        _app = new AppFactory(realPort: true, services: s => s.AddScoped<CircuitHandler>(_ => _slow));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task TheSwitch_TappedBeforeThePageIsLive_GivesTheWholePageInTheOtherLanguage()
    {
        var page = await browser.ScreenAsync(1280, 800);
        await page.GotoAsync($"{_app.BaseUrl}/facilitate");
        await page.SignInAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await page.WaitForInteractiveAsync();
        await page.Locator(".mud-appbar").GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sesiynau");
        await page.WaitForInteractiveAsync();

        // The next page's circuit connects, in Welsh, but is held before it draws anything: the tap comes first.
        var opened = _slow.Hold();
        await page.GotoAsync($"{_app.BaseUrl}/facilitate");
        await opened.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await page.Locator(".mud-appbar").GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sessions");
        _slow.Release();

        // Once live, the whole page is English and stays so: the heading, the marking, the app bar and its switch.
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-GB");
        await Expect(page.Locator(".mud-appbar").GetByTestId("language-switch")).ToHaveTextAsync("Cymraeg");
        await Expect(page.Locator(".mud-appbar")).ToContainTextAsync("Sign out");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sessions");
    }

    /// <summary>Holds a circuit that opens while held before it draws its page, as a slow network would.</summary>
    private sealed class SlowCircuits : CircuitHandler
    {
        private TaskCompletionSource _gate = Open();
        private TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Holds the next circuits; the task completes when one of them has connected.</summary>
        public Task Hold()
        {
            _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return _opened.Task;
        }

        public void Release() => _gate.TrySetResult();

        public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            _opened.TrySetResult();
            await _gate.Task.WaitAsync(cancellationToken);
        }

        private static TaskCompletionSource Open()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }
}
