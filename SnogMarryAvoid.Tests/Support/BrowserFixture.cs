using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SnogMarryAvoid.Tests.Support;

/// <summary>
/// One headless Debian Chromium for the browser tests (never a downloaded browser), started with
/// the flags this network-less machine needs.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    /// <summary>The browser collection's fixture, once started (there is one collection of browser tests).</summary>
    public static BrowserFixture? Shared { get; private set; }

    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(TestServices.ChromiumPath))
        {
            throw new InvalidOperationException($"No Chromium at {TestServices.ChromiumPath}: run the tests with ./test.sh, which installs it.");
        }

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await LaunchAnotherAsync();
        Assertions.SetDefaultExpectTimeout(10_000);
        Shared = this;
    }

    /// <summary>Closes every context (and so every page) open in the shared browser: after each test (<see cref="BrowserPagesPerTestAttribute"/>).</summary>
    public async Task CloseEveryContextAsync()
    {
        foreach (var context in Browser.Contexts.ToList())
        {
            await context.CloseAsync();
        }
    }

    /// <summary>
    /// Another Chromium, started the same way: for tests that want devices that share nothing, not even
    /// the browser process (the caller closes it).
    /// </summary>
    public Task<IBrowser> LaunchAnotherAsync() =>
        Playwright.Chromium.LaunchAsync(new() { ExecutablePath = TestServices.ChromiumPath, Headless = true, Args = ChromiumArgs });

    /// <summary>A phone: a device profile's viewport, touch and user agent.</summary>
    public async Task<IPage> PhoneAsync(string device)
    {
        var context = await Browser.NewContextAsync(Playwright.Devices[device]);
        return await context.NewPageAsync();
    }

    /// <summary>A desktop window of the given size (the console's laptop, the projector's screen).</summary>
    public async Task<IPage> ScreenAsync(int width, int height)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Shared = null;
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

public static class PageExtensions
{
    /// <summary>Waits until the page's circuit is live: a click before that would be lost.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("[data-interactive=true]").First.WaitForAsync(new() { Timeout = 15_000 });

    /// <summary>Signs in on the sign-in page the browser has been sent to, and waits to be sent back.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.WaitForURLAsync("**/account/login**");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Sent back is when the next page's address is committed; the caller waits for what it needs of that page
        // (WaitForInteractiveAsync), so a slow image or script there is not a failed sign-in. The address is read, not
        // waited for with WaitForURLAsync: when the page has already left by the time that is called, Playwright
        // (1.64) waits for a "commit" load state that never comes, and a quick sign-in timed out after 30 s.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (page.Url.Contains("/account/login", StringComparison.Ordinal))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                var said = await page.Locator("[role=alert], .error").AllInnerTextsAsync();
                throw new TimeoutException($"Signing in as {email} did not leave {page.Url} in 30 s; the page says: {string.Join(" | ", said)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Runs axe on the page and fails on any serious or critical violation, naming each rule and the
    /// elements it found.
    /// </summary>
    public static async Task ExpectNoSeriousAxeViolationsAsync(this IPage page)
    {
        // Blazor's head outlet puts the page's title back once the circuit starts, and for that moment the document has
        // none: axe run then reported "document-title" on a page that has one (CampWorkshopTests, once in CI). A page that
        // never gets a title is still reported, by axe, after this wait.
        try
        {
            await page.WaitForFunctionAsync("() => document.title !== ''", null, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
        }

        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        serious.Should().BeEmpty($"axe found problems on {page.Url}");
    }

    /// <summary>Saves a screenshot under TestResults/screenshots for the docs and for people to look at.</summary>
    /// <remarks>Pages with a fixed app bar (the console) are taken as the top of the window, as a person first sees them.</remarks>
    public static async Task SaveScreenshotAsync(this IPage page, string name, bool fullPage = true)
    {
        var folder = Path.Combine(Repo.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        if (!fullPage)
        {
            await page.EvaluateAsync("window.scrollTo(0, 0)");
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
    }
}
