using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using SnogMarryAvoid.Core.Contract;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.LoadTest;

/// <summary>
/// A phone's first load, as a person in the room has it: a fresh headless Chromium phone (nothing cached)
/// opens <c>/join/CODE</c> from the QR code, and the page records, on its own clock from the moment the
/// address was opened, when the three choices could be tapped and when the first tap was acknowledged.
/// Every byte both ways until then is counted: HTTP headers and bodies as Chromium reports them, and the hub's
/// WebSocket frames. Each run is repeated on three networks: this machine as it is, Chromium's "fast 4G"
/// throttling (HTTP only: Chromium does not slow WebSockets) and a <see cref="ShapedLink"/> with the same
/// figures that slows everything, the hub included.
/// </summary>
public sealed class PhoneFirstLoad(LoadOptions options, TextWriter output)
{
    /// <summary>The profile the issue names: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up (Lighthouse's mobile figures).</summary>
    public const double RoundTripMs = 150;
    public const double DownBitsPerSecond = 1_600_000;
    public const double UpBitsPerSecond = 750_000;

    // Runs before the page's own scripts: notes, on the page's clock (0 = the address was opened), when the
    // page first shows an open scenario to vote on, when a choice is tapped, and when the tap is confirmed.
    private const string Recorder = """
        (() => {
          const mark = () => {
            const page = document.getElementById("phone");
            if (page && page.dataset.state === "Voting" && window.__canVoteAt === undefined
                && document.querySelector(".choices button:not([disabled])")) {
              window.__canVoteAt = performance.now();
            }
            if (window.__tappedAt !== undefined && window.__votedAt === undefined
                && document.querySelector('.choices button[aria-pressed="true"]')) {
              window.__votedAt = performance.now();
            }
          };
          new MutationObserver(mark).observe(document, { subtree: true, childList: true, attributes: true });
          document.addEventListener("click", () => { window.__tappedAt ??= performance.now(); }, true);
        })();
        """;

    public async Task<FirstLoadReport> RunAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.MaxSeconds));
        var ct = stop.Token;
        var cookies = new CookieContainer();
        await Facilitator.SignInAsync(options, cookies, ct);
        await using var facilitator = Facilitator.Connection(options, cookies);
        await facilitator.StartAsync(ct);
        var session = await facilitator.InvokeAsync<RoomView>(nameof(ISessionHub.CreateSession), $"First load {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}", true, ct);
        await Facilitator.StepToNextOpenAsync(facilitator, session.SessionId, ct);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = options.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });

        var runs = new List<FirstLoadRun>();
        foreach (var network in Enum.GetValues<FirstLoadNetwork>())
        {
            for (var run = 1; run <= options.Runs; run++)
            {
                ct.ThrowIfCancellationRequested();
                var result = await OneAsync(browser, network, run, session.JoinCode, ct);
                runs.Add(result);
                if (!options.Quiet)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{network,-14} run {run}: can vote at {result.CanVoteMs:F0} ms, tap confirmed after {result.TapToConfirmedMs:F0} ms, {result.TotalBytes:N0} bytes ({result.Requests} requests)"));
                }
            }
        }

        await facilitator.InvokeAsync<RoomView>(nameof(ISessionHub.End), session.SessionId, ct);
        return new FirstLoadReport(options.Url.ToString(), RoundTripMs, DownBitsPerSecond, UpBitsPerSecond, runs);
    }

    private async Task<FirstLoadRun> OneAsync(IBrowser browser, FirstLoadNetwork network, int run, string code, CancellationToken ct)
    {
        await using var link = network == FirstLoadNetwork.ShapedLink
            ? new ShapedLink(options.Url, TimeSpan.FromMilliseconds(RoundTripMs), DownBitsPerSecond, UpBitsPerSecond)
            : null;
        var baseUrl = link?.Url ?? options.Url;
        await using var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            DeviceScaleFactor = 3,
            IsMobile = true,
            HasTouch = true,
            Locale = "en-GB",
        });
        await context.AddInitScriptAsync(Recorder);
        var page = await context.NewPageAsync();
        if (network == FirstLoadNetwork.Chromium4G)
        {
            var cdp = await context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Network.enable");
            await cdp.SendAsync("Network.emulateNetworkConditions", new()
            {
                ["offline"] = false,
                ["latency"] = RoundTripMs,
                ["downloadThroughput"] = DownBitsPerSecond / 8,
                ["uploadThroughput"] = UpBitsPerSecond / 8,
            });
        }

        var responses = new List<IResponse>();
        long frames = 0;
        page.Response += (_, r) => responses.Add(r);
        page.WebSocket += (_, ws) =>
        {
            ws.FrameReceived += (_, f) => Interlocked.Add(ref frames, f.Binary?.Length ?? Encoding.UTF8.GetByteCount(f.Text ?? ""));
            ws.FrameSent += (_, f) => Interlocked.Add(ref frames, f.Binary?.Length ?? Encoding.UTF8.GetByteCount(f.Text ?? ""));
        };

        await page.GotoAsync(new Uri(baseUrl, $"/join/{code}").ToString(), new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync("() => window.__canVoteAt !== undefined", null, new() { Timeout = 30_000 });
        await page.Locator(".choices button").First.TapAsync();
        await page.WaitForFunctionAsync("() => window.__votedAt !== undefined", null, new() { Timeout = 30_000 });
        var times = await page.EvaluateAsync<double[]>("() => [window.__canVoteAt, window.__tappedAt, window.__votedAt]");

        long http = 0;
        foreach (var response in responses.ToList())
        {
            var sizes = await response.Request.SizesAsync();
            http += sizes.ResponseBodySize + sizes.ResponseHeadersSize + sizes.RequestBodySize + sizes.RequestHeadersSize;
        }

        ct.ThrowIfCancellationRequested();
        var frameBytes = Interlocked.Read(ref frames);
        return new FirstLoadRun(network, run, times[0], times[2] - times[1], http, frameBytes, http + frameBytes, responses.Count);
    }
}

/// <summary>The networks a first load is measured on.</summary>
public enum FirstLoadNetwork
{
    /// <summary>This machine's loopback, nothing slowed.</summary>
    Loopback,

    /// <summary>Chromium's network throttling (DevTools): HTTP requests only.</summary>
    Chromium4G,

    /// <summary>A <see cref="ShapedLink"/>: every connection, the hub's WebSocket included.</summary>
    ShapedLink,
}

public sealed record FirstLoadRun(
    FirstLoadNetwork Network, int Run, double CanVoteMs, double TapToConfirmedMs, long HttpBytes, long WebSocketFrameBytes, long TotalBytes, int Requests);

public sealed record FirstLoadReport(string Url, double RoundTripMs, double DownBitsPerSecond, double UpBitsPerSecond, IReadOnlyList<FirstLoadRun> Runs)
{
    public string Table()
    {
        var lines = new StringBuilder();
        lines.AppendLine(CultureInfo.InvariantCulture, $"First load of /join/CODE, {Runs.Count(r => r.Network == FirstLoadNetwork.Loopback)} cold runs per network ({RoundTripMs} ms, {DownBitsPerSecond / 1e6} Mbit/s down, {UpBitsPerSecond / 1e3} kbit/s up):");
        lines.AppendLine("| network | can vote (median, max) | tap → confirmed (median) | bytes until the vote is confirmed (median) | requests |");
        lines.AppendLine("|---|---|---|---|---|");
        foreach (var group in Runs.GroupBy(r => r.Network))
        {
            var runs = group.ToList();
            lines.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {Median(runs, r => r.CanVoteMs):F0} ms, {runs.Max(r => r.CanVoteMs):F0} ms | {Median(runs, r => r.TapToConfirmedMs):F0} ms | {Median(runs, r => r.TotalBytes):N0} ({Median(runs, r => r.HttpBytes):N0} HTTP + {Median(runs, r => r.WebSocketFrameBytes):N0} frames) | {runs[0].Requests} |"));
        }

        return lines.ToString();
    }

    private static double Median(List<FirstLoadRun> runs, Func<FirstLoadRun, double> of)
    {
        var sorted = runs.Select(of).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
