using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;

namespace SnogMarryAvoid.LoadTest;

/// <summary>The load tool's options; <see cref="Parse"/> explains every one in <see cref="Usage"/>.</summary>
public sealed record LoadOptions
{
    /// <summary>The servers the phones join, in turn (a server named twice takes twice the phones): as a balancer would spread them.</summary>
    public IReadOnlyList<Uri> Urls { get; init; } = [new("http://127.0.0.1:5000")];

    /// <summary>The first server: the facilitator, the projectors and the staff pages use it unless <see cref="ProjectorUrl"/> says otherwise.</summary>
    public Uri Url => Urls[0];

    /// <summary>Where the facilitator, the projectors and the staff pages connect (default: the first <c>--url</c>).</summary>
    public Uri? ProjectorUrl { get; init; }

    public Uri StaffUrl => ProjectorUrl ?? Url;
    public int Participants { get; init; } = 200;
    public double BurstSeconds { get; init; } = 5;
    public int Scenarios { get; init; } = 1;
    public int Projectors { get; init; } = 1;
    public double ChangeShare { get; init; } = 0.1;
    public double RetryShare { get; init; } = 0.05;
    public double MaxSeconds { get; init; } = 300;
    public string? Email { get; init; } = Environment.GetEnvironmentVariable("SMA_LOAD_EMAIL");
    public string? Password { get; init; } = Environment.GetEnvironmentVariable("SMA_LOAD_PASSWORD");
    public IReadOnlyList<int> ServerPids { get; init; } = [];
    public string? JsonPath { get; init; }
    public int ConnectConcurrency { get; init; } = 100;
    public bool LongPolling { get; init; }
    public bool ResultsLive { get; init; }
    public bool Quiet { get; init; }
    public int Seed { get; init; } = 20261126;
    public bool PhoneFirstLoad { get; init; }
    public int Runs { get; init; } = 5;
    public double? CalmIntervalMs { get; init; }
    public bool StaffPages { get; init; }
    public int Processes { get; init; } = 1;
    [JsonIgnore]
    public IReadOnlyList<IPAddress> SourceAddresses { get; init; } = [];

    /// <summary>The source addresses as the JSON results name them (an address itself does not serialise).</summary>
    [JsonPropertyName("sourceAddresses")]
    public IReadOnlyList<string> SourceAddressNames => [.. SourceAddresses.Select(a => a.ToString())];

    /// <summary>Phones accept any certificate: for a test proxy with a self-signed one (<c>--trust-any-certificate</c>).</summary>
    public bool TrustAnyCertificate { get; init; }
    public double SettleSeconds { get; init; } = 5;

    /// <summary>How long after every phone has left the servers' memory is read again (0: not read).</summary>
    public double AfterLeaveSeconds { get; init; }

    /// <summary>A worker process of a run with <c>--processes</c>: it holds phones <see cref="FirstIndex"/> onwards and takes its orders on standard input.</summary>
    public bool Worker { get; init; }
    public int FirstIndex { get; init; }
    public string Chromium { get; init; } = Environment.GetEnvironmentVariable("SMA_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public const string Usage = """
        SnogMarryAvoid.LoadTest: many phones voting through the hub, audited against the server's export.

          --url URL              a server the phones join (default http://127.0.0.1:5000); give it again for more servers:
                                 phones go to them in turn, as a balancer would (a server named twice takes twice the phones)
          --projector-url URL    where the facilitator, the projectors and --staff-pages connect (default: the first --url)
          --participants N       hub connections that join and vote (default 200)
          --burst-seconds S      each vote is sent at a random moment within S seconds of the opening (default 5)
          --scenarios N          scenarios voted on, one after another (default 1; at most 10, the built-in deck)
          --projectors N         watching clients that record when each sequence number becomes visible (default 1)
          --change-share F       share of participants who change their vote once (default 0.1)
          --retry-share F        share of participants who send the same vote twice (default 0.05)
          --max-seconds S        hard stop: after S seconds the run stops cleanly and reports (default 300)
          --email E, --password P  a facilitator's sign-in (or SMA_LOAD_EMAIL, SMA_LOAD_PASSWORD)
          --server-pid PID       a server's process, for its RSS and CPU time from /proc (same machine); once per
                                 server, in the order of the distinct --url values
          --json PATH            also write the results as JSON
          --connect-concurrency N  connections opened at once (default 100)
          --long-polling         use long polling instead of WebSockets
          --results-live         the session shows results live (not only on reveal); phones count what they receive
          --seed N               random seed (default 20261126)
          --calm-interval-ms M   calm pace instead of a burst: one vote every M ms, each phone once per scenario, no changes
                                 or retries; the report gives the servers' CPU time per vote
          --staff-pages          also open the console and the projector (the real pages) in headless Chromium, signed in,
                                 for the whole run (--chromium)
          --processes K          spread the phones over K processes of this tool (one process holds at most about 19,000
                                 sockets here); the votes, sequences and audit are the same
          --source-addresses A,B phones' connections leave from these local addresses in turn (127.0.0.2,127.0.0.3…): one
                                 address pair runs out of ports near 28,000 connections
          --settle-seconds S     wait after the joins before reading the servers' idle memory (default 5)
          --after-leave-seconds S read the servers' memory again S seconds after every phone has left (default: not read)
          --trust-any-certificate phones accept any TLS certificate (a test proxy's self-signed one)
          --quiet                no progress line

        SnogMarryAvoid.LoadTest --phone-first-load: one phone's first load, in a real headless Chromium.

          --phone-first-load     instead of the load run: open /join/CODE from a cold phone and record when it can
                                 vote, when its first tap is confirmed and every byte until then, on loopback,
                                 Chromium's fast-4G throttling and a shaped link that slows the hub too
                                 (150 ms, 1.6 Mbit/s down, 750 kbit/s up); --url, --email, --password, --json and
                                 --max-seconds as above
          --runs N               cold loads per network (default 5, at most 50)
          --chromium PATH        the browser (default SMA_TEST_CHROMIUM, else /usr/bin/chromium)
        """;

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        var urlsGiven = 0;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--url" => options with { Urls = urlsGiven++ == 0 ? [new Uri(Next())] : [.. options.Urls, new Uri(Next())] },
                "--projector-url" => options with { ProjectorUrl = new Uri(Next()) },
                "--participants" => options with { Participants = Int() },
                "--burst-seconds" => options with { BurstSeconds = Number() },
                "--scenarios" => options with { Scenarios = Int() },
                "--projectors" => options with { Projectors = Int() },
                "--change-share" => options with { ChangeShare = Number() },
                "--retry-share" => options with { RetryShare = Number() },
                "--max-seconds" => options with { MaxSeconds = Number() },
                "--email" => options with { Email = Next() },
                "--password" => options with { Password = Next() },
                "--server-pid" => options with { ServerPids = [.. options.ServerPids, Int()] },
                "--json" => options with { JsonPath = Next() },
                "--connect-concurrency" => options with { ConnectConcurrency = Int() },
                "--long-polling" => options with { LongPolling = true },
                "--results-live" => options with { ResultsLive = true },
                "--seed" => options with { Seed = Int() },
                "--quiet" => options with { Quiet = true },
                "--phone-first-load" => options with { PhoneFirstLoad = true },
                "--runs" => options with { Runs = Int() },
                "--chromium" => options with { Chromium = Next() },
                "--calm-interval-ms" => options with { CalmIntervalMs = Number() },
                "--staff-pages" => options with { StaffPages = true },
                "--processes" => options with { Processes = Int() },
                "--source-addresses" => options with { SourceAddresses = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(IPAddress.Parse)] },
                "--trust-any-certificate" => options with { TrustAnyCertificate = true },
                "--after-leave-seconds" => options with { AfterLeaveSeconds = Number() },
                "--settle-seconds" => options with { SettleSeconds = Number() },
                "--worker" => options with { Worker = true },
                "--first-index" => options with { FirstIndex = Int() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options.Validate();
    }

    private LoadOptions Validate()
    {
        static void Check(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException(message);
            }
        }

        Check(Participants is >= 1 and <= 100_000, "--participants is 1 to 100,000.");
        Check(Scenarios is >= 1 and <= 10, "--scenarios is 1 to 10 (the built-in deck).");
        Check(Projectors is >= 1 and <= 100, "--projectors is 1 to 100.");
        Check(BurstSeconds is >= 0 and <= 600, "--burst-seconds is 0 to 600.");
        Check(ChangeShare is >= 0 and <= 1 && RetryShare is >= 0 and <= 1, "--change-share and --retry-share are between 0 and 1.");
        Check(MaxSeconds is > 0 and <= 86_400, "--max-seconds is above 0.");
        Check(ConnectConcurrency is >= 1 and <= 10_000, "--connect-concurrency is 1 to 10,000.");
        Check(Runs is >= 1 and <= 50, "--runs is 1 to 50.");
        Check(CalmIntervalMs is null or (>= 1 and <= 60_000), "--calm-interval-ms is 1 to 60,000.");
        Check(Processes is >= 1 and <= 16 && Processes <= Participants, "--processes is 1 to 16, and at most --participants.");
        Check(SettleSeconds is >= 0 and <= 600, "--settle-seconds is 0 to 600.");
        Check(AfterLeaveSeconds is >= 0 and <= 600, "--after-leave-seconds is 0 to 600.");
        if (Worker)
        {
            // A worker takes its join code and orders from its coordinator, never signs in.
            return this;
        }

        Check(!string.IsNullOrEmpty(Email) && !string.IsNullOrEmpty(Password), "Give a facilitator's --email and --password (or SMA_LOAD_EMAIL and SMA_LOAD_PASSWORD): the tool creates its own session.");
        return this;
    }
}
