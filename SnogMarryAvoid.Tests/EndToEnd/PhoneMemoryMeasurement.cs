using System.Text.Json;
using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>
/// Fifty real Chromium phones in one room. Asserts only that every phone joined and every vote was
/// counted; the server's memory per connected phone is measured and written to
/// measurements/phone-memory.json for docs/benchmarks.md (never asserted).
/// </summary>
[Collection(BrowserCollection.Name)]
public class PhoneMemoryMeasurement(BrowserFixture browser)
{
    private const int Phones = 50;

    [Fact]
    public async Task FiftyPhones_AllJoinAndVote_AndServerMemoryPerPhoneIsRecorded()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var core = await server.CoreAsync();
        var (session, scenarios) = await core.LiveSessionAsync(1);
        await core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);

        // Warm up: one phone loads the page, so start-up costs are not counted per phone.
        var warm = await browser.Browser.NewContextAsync();
        await (await warm.NewPageAsync()).GotoAsync($"{server.Url}/join/{session.JoinCode}");
        await warm.CloseAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = server.ResidentBytes();

        var pages = new List<IPage>();
        for (var i = 0; i < Phones; i++)
        {
            var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 800 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync($"{server.Url}/join/{session.JoinCode}");
            await page.WaitForInteractiveAsync();
            pages.Add(page);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var idle = server.ResidentBytes();
        foreach (var (page, i) in pages.Select((p, i) => (p, i)))
        {
            var choice = (i % 3) switch { 0 => "Snog", 1 => "Marry", _ => "Avoid" };
            await page.GetByRole(AriaRole.Button, new() { Name = choice, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = choice, Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        }

        var voted = server.ResidentBytes();
        (await core.Voting.GetResultsAsync(scenarios[0].Id)).Total.Should().Be(Phones);

        var folder = Path.Combine(AppContext.BaseDirectory, "measurements");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "phone-memory.json"), JsonSerializer.Serialize(new
        {
            phones = Phones,
            serverRssBeforeMiB = before / 1024.0 / 1024,
            serverRssIdleMiB = idle / 1024.0 / 1024,
            serverRssVotedMiB = voted / 1024.0 / 1024,
            rssPerIdlePhoneKiB = (idle - before) / 1024.0 / Phones,
            rssPerVotedPhoneKiB = (voted - before) / 1024.0 / Phones,
        }, new JsonSerializerOptions { WriteIndented = true }));

        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }
    }
}
