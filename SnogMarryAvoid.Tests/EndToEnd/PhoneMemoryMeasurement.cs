using System.Text.Json;
using Microsoft.Playwright;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SnogMarryAvoid.Tests.EndToEnd;

/// <summary>
/// Real Chromium phones in one room (50 in the suite; <c>SMA_BROWSER_PHONES</c> for the benchmark),
/// with a projector. Asserts only that every phone joined, every vote was counted and the projector
/// showed them all; the server's memory per connected phone and the tap → projector latency are
/// measured and written to measurements/phone-memory.json for docs/benchmarks.md (never asserted).
/// </summary>
[Collection(BrowserCollection.Name)]
public class PhoneMemoryMeasurement(BrowserFixture browser)
{
    private static readonly int Phones = int.TryParse(Environment.GetEnvironmentVariable("SMA_BROWSER_PHONES"), out var n) && n > 0 ? n : 50;

    // In each phone: the moment of the tap (capture phase, before Blazor sees it), in epoch milliseconds.
    private const string RecordTaps = "document.addEventListener('click', () => { window.__tapAt = Date.now(); }, true)";

    // On the projector: every change of the "N votes in" line, with its time, in epoch milliseconds.
    private const string RecordTotals = """
        () => {
          window.__totals = [];
          const read = () => {
            const el = document.querySelector('[data-testid=total]');
            const n = el ? parseInt(el.textContent, 10) : NaN;
            if (!Number.isNaN(n)) window.__totals.push([Date.now(), n]);
          };
          new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
          read();
        }
        """;

    [Fact]
    public async Task RealPhones_AllJoinAndVote_TheProjectorShowsThemAll_AndMemoryAndLatencyAreRecorded()
    {
        // SMA_SERVER_ENV="NAME=value;NAME=value" passes extra environment to the server, for experiments.
        var serverEnvironment = (Environment.GetEnvironmentVariable("SMA_SERVER_ENV") ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "");
        await using var server = await ServerProcess.StartAsync(serverEnvironment);
        await using var core = await server.CoreAsync();
        var (session, scenarios) = await core.LiveSessionAsync(1);
        await core.Scenarios.OpenAsync(session.Id, scenarios[0].Id, Actor.System);

        // Warm up: one phone loads the page, so start-up costs are not counted per phone.
        var warm = await browser.Browser.NewContextAsync();
        await (await warm.NewPageAsync()).GotoAsync($"{server.Url}/join/{session.JoinCode}");
        await warm.CloseAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var projector = await browser.ScreenAsync(1280, 720);
        await projector.GotoAsync($"{server.Url}/projector/{session.Id}");
        await projector.SignInAsync(AppFactory.OrganiserEmail, AppFactory.OrganiserPassword);
        await projector.WaitForInteractiveAsync();
        await projector.EvaluateAsync(RecordTotals);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = server.ResidentBytes();
        await ProfileAsync(server, "before");

        // The phones join in two waves. The first wave also pays for what grows once and then levels off
        // (connection pools and caches, the allocators' high-water marks); the second wave's growth is
        // the cost of one more idle phone.
        var pages = new List<IPage>();
        async Task JoinWaveAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 800 } });
                var page = await context.NewPageAsync();
                await page.AddInitScriptAsync(RecordTaps);
                await page.GotoAsync($"{server.Url}/join/{session.JoinCode}");
                await page.WaitForInteractiveAsync();
                pages.Add(page);
            }

            // Idle: past the server's keep-alive timeout (Limits:KeepAliveSeconds, 15 s), so that the
            // connections the pages loaded over are gone and each phone holds only its hub connection.
            await Task.Delay(TimeSpan.FromSeconds(20));
        }

        var firstWave = Phones / 2;
        await JoinWaveAsync(firstWave);
        var halfway = server.ResidentBytes();
        await JoinWaveAsync(Phones - firstWave);
        var idle = server.ResidentBytes();
        await ProfileAsync(server, "idle");
        // Ten phones tap at a time, as a room does in waves.
        using var taps = new SemaphoreSlim(10);
        var tapTimes = await Task.WhenAll(pages.Select(async (page, i) =>
        {
            await taps.WaitAsync();
            try
            {
                var choice = (i % 3) switch { 0 => "Snog", 1 => "Marry", _ => "Avoid" };
                await page.GetByRole(AriaRole.Button, new() { Name = choice, Exact = true }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = choice, Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
                return await page.EvaluateAsync<double>("window.__tapAt");
            }
            finally
            {
                taps.Release();
            }
        }));

        await Expect(projector.GetByTestId("total")).ToHaveTextAsync($"{Phones} votes in", new() { Timeout = 30_000 });
        var voted = server.ResidentBytes();
        (await core.Voting.GetResultsAsync(scenarios[0].Id)).Total.Should().Be(Phones);

        // The k-th tap (in time) is on the projector once it shows at least k votes.
        var totals = await projector.EvaluateAsync<double[][]>("window.__totals");
        var latency = SnogMarryAvoid.LoadTest.Percentiles.Of([.. tapTimes.Order().Select((tap, k) => totals.First(t => t[1] >= k + 1)[0] - tap)]);

        // The server's own share: from each vote's commit to the results event, from its /metrics histogram
        // (bucket bounds, so "at most"). The rest of tap → projector is the browsers' and the network's.
        using var http = new HttpClient();
        var broadcast = BroadcastPercentiles(await http.GetStringAsync($"{server.Url}/metrics"));

        var folder = Path.Combine(AppContext.BaseDirectory, "measurements");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "phone-memory.json"), JsonSerializer.Serialize(new
        {
            phones = Phones,
            serverRssBeforeMiB = before / 1024.0 / 1024,
            serverRssFirstWaveMiB = halfway / 1024.0 / 1024,
            serverRssIdleMiB = idle / 1024.0 / 1024,
            serverRssVotedMiB = voted / 1024.0 / 1024,
            rssPerIdlePhoneKiB = (idle - before) / 1024.0 / Phones,
            rssPerIdlePhoneSecondWaveKiB = (idle - halfway) / 1024.0 / (Phones - firstWave),
            rssPerVotedPhoneKiB = (voted - before) / 1024.0 / Phones,
            tapToProjectorMs = new { p50 = latency.P50, p95 = latency.P95, p99 = latency.P99, max = latency.Max },
            serverCommitToBroadcastMs = new { count = broadcast.Count, p50AtMost = broadcast.P50, p99AtMost = broadcast.P99 },
        }, new JsonSerializerOptions { WriteIndented = true }));

        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }
    }

    // The 50th and 99th percentile of sma_broadcast_latency_milliseconds, as the upper bounds of their buckets.
    private static (long Count, double? P50, double? P99) BroadcastPercentiles(string metrics)
    {
        var buckets = System.Text.RegularExpressions.Regex.Matches(metrics, @"^sma_broadcast_latency_milliseconds_bucket\{[^}]*le=""([^""]+)""[^}]*\} (\d+)", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => (Le: m.Groups[1].Value == "+Inf" ? double.PositiveInfinity : double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Count: long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(b => b.Le)
            .ToList();
        var total = buckets.Count == 0 ? 0 : buckets[^1].Count;
        double? AtMost(double share) => buckets.FirstOrDefault(b => b.Count >= share * total).Le is var le && double.IsFinite(le) ? le : null;
        return (total, AtMost(0.5), AtMost(0.99));
    }

    // With SMA_PROFILE_FOLDER set, a managed-heap dump (dotnet-gcdump) of the server at each point, after
    // its RSS is read: `dotnet-gcdump report <file>` lists the heap by type.
    private static async Task ProfileAsync(ServerProcess server, string point)
    {
        if (Environment.GetEnvironmentVariable("SMA_PROFILE_FOLDER") is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        using var gcdump = System.Diagnostics.Process.Start("dotnet-gcdump", ["collect", "-p", server.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", Path.Combine(folder, point + ".gcdump")]);
        await gcdump.WaitForExitAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        await File.WriteAllTextAsync(Path.Combine(folder, point + ".rss-after-gc"), (server.ResidentBytes() / 1024.0 / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Copy($"/proc/{server.Process.Id}/status", Path.Combine(folder, point + ".status"), overwrite: true);
        File.Copy($"/proc/{server.Process.Id}/smaps", Path.Combine(folder, point + ".smaps"), overwrite: true);
    }
}
