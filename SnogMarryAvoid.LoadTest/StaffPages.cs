using System.Net;
using Microsoft.Playwright;

namespace SnogMarryAvoid.LoadTest;

/// <summary>
/// The console and the projector as a facilitator has them open during a session: the real Blazor pages in a
/// headless Chromium, signed in with the tool's own sign-in, live (each page's circuit running) for the whole run.
/// Their redraws are part of what the server spends per vote.
/// </summary>
public sealed class StaffPages : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private StaffPages(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    public static async Task<StaffPages> OpenAsync(LoadOptions options, CookieContainer cookies, Guid sessionId, CancellationToken ct)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = options.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var pages = new StaffPages(playwright, browser);
        try
        {
            var signedIn = cookies.GetCookies(options.StaffUrl).Select(c => new Microsoft.Playwright.Cookie
            {
                Name = c.Name,
                Value = c.Value,
                Domain = options.StaffUrl.Host,
                Path = string.IsNullOrEmpty(c.Path) ? "/" : c.Path,
                HttpOnly = c.HttpOnly,
                Secure = c.Secure,
            }).ToList();
            foreach (var (path, width, height) in new[] { ($"/facilitate/{sessionId}", 1440, 900), ($"/projector/{sessionId}", 1920, 1080) })
            {
                var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
                await context.AddCookiesAsync(signedIn);
                var page = await context.NewPageAsync();
                await page.GotoAsync(new Uri(options.StaffUrl, path).ToString());
                await page.Locator("[data-interactive=true]").First.WaitForAsync(new() { Timeout = 30_000 });
                ct.ThrowIfCancellationRequested();
            }
        }
        catch
        {
            await pages.DisposeAsync();
            throw;
        }

        return pages;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
