using System.Globalization;
using System.Text;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.LoadTest;

public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return new Percentiles(0, 0, 0, 0, 0);
        }

        var sorted = values.Order().ToArray();
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, At(0.50), At(0.95), At(0.99), sorted[^1]);
    }
}

/// <summary>One scenario's final tally three ways: from the acknowledgements, from the database (the export), and on the projector.</summary>
public sealed record TallyCheck(int Scenario, ScenarioResults FromAcknowledgements, ScenarioResults FromDatabase, ScenarioResults? OnProjector)
{
    public bool Matches => Same(FromAcknowledgements, FromDatabase) && OnProjector is { } p && Same(p, FromDatabase);

    private static bool Same(ScenarioResults a, ScenarioResults b) => (a.Snog, a.Marry, a.Avoid) == (b.Snog, b.Marry, b.Avoid);
}

/// <summary>
/// The audit against the server's export. <see cref="Lost"/>: a participant's last acknowledged vote
/// that is not stored with its sequence. <see cref="Duplicates"/>: stored rows beyond one per voting
/// participant and scenario.
/// </summary>
public sealed record Audit(int Acknowledged, int ExpectedStored, int Stored, int Lost, int Duplicates, bool RetriesKeptTheirSequence, IReadOnlyList<TallyCheck> Tallies)
{
    public bool Passed => Lost == 0 && Duplicates == 0 && Stored == ExpectedStored && RetriesKeptTheirSequence && Tallies.All(t => t.Matches);
}

/// <summary>
/// What the phones received while one scenario was voted on: every results event and every session
/// snapshot, over all phones, against the votes stored (first votes and changes of mind, not retries).
/// </summary>
public sealed record PhoneTraffic(int Scenario, int Phones, int Votes, int ResultsEvents, int SessionEvents)
{
    public double MessagesPerVote => Votes == 0 ? 0 : (ResultsEvents + SessionEvents) / (double)Votes;
}

/// <summary>
/// One server's memory and CPU over the run, from /proc: its resident memory before the phones joined and once
/// they had joined and idled (<see cref="LoadOptions.SettleSeconds"/>), its peak, its CPU time, and (with
/// <see cref="LoadOptions.AfterLeaveSeconds"/>) its resident memory that long after every phone had left.
/// </summary>
public sealed record ServerFigures(int Pid, long PeakRssBytes, long? RssBeforePhonesBytes, long? RssPhonesIdleBytes, double CpuSeconds)
{
    public long? RssAfterLeaveBytes { get; init; }
}

/// <summary>The servers' CPU time over a window of the run, and the window's length.</summary>
public sealed record CpuSpent(double Seconds, double WallSeconds)
{
    /// <summary>The CPU time less what the servers spend idle over as long (never below nothing).</summary>
    public double AboveIdle(double? idlePerSecond) => idlePerSecond is { } idle ? Math.Max(0, Seconds - (idle * WallSeconds)) : Seconds;

    /// <summary>CPU seconds a second over the window.</summary>
    public double PerSecond => WallSeconds > 0 ? Seconds / WallSeconds : 0;

    /// <summary>
    /// The idle rate of several short readings: their median, so that one reading with a collection, a late compilation
    /// or a burst of the pages' traffic in it does not move every "above idle" figure of the run (one 5 s reading varied
    /// from 6 to 19 ms a second between runs on the reference machine). Null for no readings.
    /// </summary>
    public static double? MedianRate(IReadOnlyList<CpuSpent> readings)
    {
        if (readings.Count == 0)
        {
            return null;
        }

        var rates = readings.Select(r => r.PerSecond).Order().ToArray();
        var middle = rates.Length / 2;
        return rates.Length % 2 == 1 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2;
    }
}

/// <summary>
/// What one scenario cost the servers, in three windows: its opening (the facilitator's steps from the last one's
/// close to this one open, and at a calm pace a second for the pages to settle), its voting (from the first vote
/// until every projector had the last) and its closing (likewise). The whole, per vote counted (first votes and
/// changes, not retries), is <see cref="CpuMsPerVote"/>; <see cref="NetCpuMsPerVote"/> takes off what the servers
/// spend idle over the same time (measured before, with everything connected: calm-pace runs only).
/// </summary>
public sealed record ScenarioCost(int Scenario, int Votes, double? CpuSeconds, double WallSeconds, double? CpuMsPerVote, double? NetCpuMsPerVote)
{
    public CpuSpent? Opening { get; init; }

    public CpuSpent? Voting { get; init; }

    public CpuSpent? Closing { get; init; }

    /// <summary>The voting window alone, per vote, above idle where idle was measured: what one more vote costs.</summary>
    public double? VotingMsPerVote { get; init; }

    /// <summary>The opening and closing windows together, above idle where idle was measured: what the changes of scenario cost.</summary>
    public double? ChangesMs { get; init; }

    public static ScenarioCost Of(int scenario, int votes, CpuSpent opening, CpuSpent voting, CpuSpent closing, double? idlePerSecond)
    {
        var cpu = opening.Seconds + voting.Seconds + closing.Seconds;
        var wall = opening.WallSeconds + voting.WallSeconds + closing.WallSeconds;
        var whole = new CpuSpent(cpu, wall);
        return new ScenarioCost(scenario, votes, cpu, wall, votes == 0 ? null : cpu * 1000 / votes,
            votes > 0 && idlePerSecond is not null ? whole.AboveIdle(idlePerSecond) * 1000 / votes : null)
        {
            Opening = opening,
            Voting = voting,
            Closing = closing,
            VotingMsPerVote = votes == 0 ? null : voting.AboveIdle(idlePerSecond) * 1000 / votes,
            ChangesMs = (opening.AboveIdle(idlePerSecond) + closing.AboveIdle(idlePerSecond)) * 1000,
        };
    }
}

/// <summary>
/// A figure of a run's scenarios after the first (its warm-up): their median and range. One scenario of 100 calm
/// votes varies by about ±1.5 ms a vote from run to run on the reference machine, so a figure is a median of several.
/// </summary>
public sealed record CpuSummary(int Scenarios, double Median, double Low, double High)
{
    /// <summary>
    /// The summary of <paramref name="figure"/> (by default the whole CPU a vote) over <paramref name="costs"/> without
    /// the first scenario; none with fewer than two after it.
    /// </summary>
    public static CpuSummary? Of(IEnumerable<ScenarioCost> costs, Func<ScenarioCost, double?>? figure = null)
    {
        figure ??= c => c.CpuMsPerVote;
        var steady = costs.OrderBy(c => c.Scenario).Skip(1).Select(figure).OfType<double>().Order().ToList();
        if (steady.Count < 2)
        {
            return null;
        }

        var middle = steady.Count / 2;
        var median = steady.Count % 2 == 1 ? steady[middle] : (steady[middle - 1] + steady[middle]) / 2;
        return new CpuSummary(steady.Count, median, steady[0], steady[^1]);
    }
}

public sealed record LoadReport(
    LoadOptions Options,
    Guid? SessionId,
    double Seconds,
    bool StoppedEarly,
    int Connected,
    int ConnectFailed,
    int VotesSent,
    int VotesAcknowledged,
    int VotesRefused,
    IReadOnlyDictionary<string, int> Refusals,
    Percentiles VoteToProjectorMs,
    Percentiles VoteAckMs,
    Audit? Audit,
    long? ServerPeakRssBytes,
    double? ServerCpuSeconds,
    int ClientProcessors,
    string Machine,
    IReadOnlyList<PhoneTraffic> PhoneTraffic)
{
    public bool Passed => !StoppedEarly && ConnectFailed == 0 && Audit is { Passed: true };

    /// <summary>From the first phone's connection to the last phone's joining, over all processes.</summary>
    public double JoinSeconds { get; init; }

    /// <summary>Why the first phone that could not join failed, if one failed.</summary>
    public string? FirstJoinFailure { get; init; }

    public IReadOnlyDictionary<string, int> PhonesPerServer { get; init; } = new Dictionary<string, int>();

    public IReadOnlyList<ServerFigures> Servers { get; init; } = [];

    /// <summary>The servers' CPU time per second doing nothing with everything connected (calm-pace runs).</summary>
    public double? IdleCpuPerSecond { get; init; }

    /// <summary>The idle readings <see cref="IdleCpuPerSecond"/> is the median of, each in CPU seconds a second.</summary>
    public IReadOnlyList<double> IdleReadings { get; init; } = [];

    public IReadOnlyList<ScenarioCost> Costs { get; init; } = [];

    /// <summary>
    /// From the facilitator's first "next" of a scenario's opening to a phone being shown it open: once a phone and
    /// scenario. Its maximum is how long the room waits for the last phone.
    /// </summary>
    public Percentiles? OpeningToPhoneMs { get; init; }

    /// <summary>
    /// Votes the tool sent before their phone had been shown the scenario (its moment in the window came before the
    /// opened scenario reached it): no real phone can, and they wait behind the opening's sends.
    /// </summary>
    public int VotesBeforeShown { get; init; }

    /// <summary><see cref="VoteToProjectorMs"/> for the votes sent after their phone had been shown the scenario.</summary>
    public Percentiles? ShownVoteToProjectorMs { get; init; }

    /// <summary>The scenarios' CPU a vote after the first: median and range (<see cref="CpuSummary"/>).</summary>
    public CpuSummary? SteadyCpu => CpuSummary.Of(Costs);

    /// <summary>The scenarios' voting windows alone, per vote and above idle, after the first (<see cref="CpuSummary"/>).</summary>
    public CpuSummary? SteadyVotingCpu => CpuSummary.Of(Costs, c => c.VotingMsPerVote);

    /// <summary>The scenarios' changes (opening and closing), in milliseconds above idle, after the first (<see cref="CpuSummary"/>).</summary>
    public CpuSummary? SteadyChangesCpu => CpuSummary.Of(Costs, c => c.ChangesMs);

    /// <summary>Each server's memory per idle phone: its growth from before the joins to after them, over the phones it holds.</summary>
    public IReadOnlyList<double?> BytesPerIdlePhone => [.. Servers.Select((s, i) =>
    {
        // The servers' processes are given in the order of the distinct --url values.
        var url = Options.Urls.Distinct().ElementAtOrDefault(i)?.ToString();
        var phones = Servers.Count == 1 ? Connected : url is null ? 0 : PhonesPerServer.GetValueOrDefault(url);
        return s is { RssBeforePhonesBytes: { } before, RssPhonesIdleBytes: { } after } && phones > 0 ? (after - before) / (double)phones : (double?)null;
    })];

    public string Table()
    {
        var t = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        void Row(string name, string value) => t.AppendLine(c, $"| {name} | {value} |");
        t.AppendLine("| measure | value |").AppendLine("|---|---|");
        Row("participants (hub connections)", $"{Connected:N0} connected, {ConnectFailed:N0} failed{(FirstJoinFailure is { } why ? $" (the first: {why})" : "")}");
        Row("scenarios × burst", $"{Options.Scenarios} × {Options.BurstSeconds:0.#} s, change {Options.ChangeShare:P0}, retry {Options.RetryShare:P0}");
        Row("votes", $"{VotesSent:N0} sent, {VotesAcknowledged:N0} acknowledged, {VotesRefused:N0} refused");
        if (Audit is { } a)
        {
            Row("stored (database)", $"{a.Stored:N0} rows; expected {a.ExpectedStored:N0} (one per participant and scenario)");
            Row("lost / duplicated", $"{a.Lost:N0} / {a.Duplicates:N0}{(a.RetriesKeptTheirSequence ? "" : "; a retry got a new sequence")}");
            Row("final tallies", string.Join("; ", a.Tallies.Select(x => $"#{x.Scenario} {x.FromDatabase.Snog}/{x.FromDatabase.Marry}/{x.FromDatabase.Avoid} {(x.Matches ? "= acks = projector" : "MISMATCH")}")));
        }

        Row("join ramp", $"{Connected:N0} joined in {JoinSeconds:0.0} s ({(JoinSeconds > 0 ? Connected / JoinSeconds : 0):N0} a second, {Options.Processes} client process{(Options.Processes == 1 ? "" : "es")})");
        Row("vote → projector (ms)", $"p50 {VoteToProjectorMs.P50:0.0}, p95 {VoteToProjectorMs.P95:0.0}, p99 {VoteToProjectorMs.P99:0.0}, max {VoteToProjectorMs.Max:0.0} (n = {VoteToProjectorMs.Count:N0})");
        Row("vote → acknowledgement (ms)", $"p50 {VoteAckMs.P50:0.0}, p95 {VoteAckMs.P95:0.0}, p99 {VoteAckMs.P99:0.0}, max {VoteAckMs.Max:0.0}");
        if (OpeningToPhoneMs is { Count: > 0 } reach)
        {
            Row("opening → phone shown it (ms)", $"p50 {reach.P50:0.0}, p95 {reach.P95:0.0}, p99 {reach.P99:0.0}, max {reach.Max:0.0} (n = {reach.Count:N0})");
        }

        if (ShownVoteToProjectorMs is { Count: > 0 } shown)
        {
            Row("vote → projector, votes sent once shown (ms)", $"p50 {shown.P50:0.0}, p95 {shown.P95:0.0}, p99 {shown.P99:0.0}, max {shown.Max:0.0} (n = {shown.Count:N0}; {VotesBeforeShown:N0} votes sent before their phone was shown the scenario)");
        }
        foreach (var traffic in PhoneTraffic)
        {
            Row($"phones received, scenario {traffic.Scenario}", $"{traffic.ResultsEvents:N0} results events and {traffic.SessionEvents:N0} snapshots for {traffic.Votes:N0} votes: {traffic.MessagesPerVote:0.##} messages per vote over {traffic.Phones:N0} phones");
        }

        if (ServerPeakRssBytes is { } rss)
        {
            Row("server peak RSS", $"{rss / 1024.0 / 1024.0:0} MiB");
        }

        foreach (var (server, i) in Servers.Select((s, i) => (s, i)))
        {
            var perPhone = BytesPerIdlePhone[i];
            Row($"server {i + 1} (pid {server.Pid})", $"RSS {Mib(server.RssBeforePhonesBytes)} before the phones, {Mib(server.RssPhonesIdleBytes)} with them idle{(perPhone is { } b ? $" ({b / 1024:0.0} KiB a phone)" : "")}, peak {Mib(server.PeakRssBytes)}{(server.RssAfterLeaveBytes is { } left ? $", {Mib(left)} {Options.AfterLeaveSeconds:0} s after the phones left" : "")}; CPU {server.CpuSeconds:0.0} s");
        }

        var aboveIdle = IdleCpuPerSecond is null ? "" : " above idle";
        if (IdleCpuPerSecond is { } idleRate)
        {
            Row("server CPU idle, everything open", $"{idleRate * 1000:0.0} ms a second, the median of {string.Join(", ", IdleReadings.Select(r => (r * 1000).ToString("0.0", CultureInfo.InvariantCulture)))}");
        }

        foreach (var cost in Costs.Where(c => c.CpuMsPerVote is not null))
        {
            Row($"server CPU, scenario {cost.Scenario}", $"{cost.CpuSeconds:0.00} s over {cost.WallSeconds:0.0} s for {cost.Votes:N0} votes: {cost.CpuMsPerVote:0.00} ms a vote{(cost.NetCpuMsPerVote is { } net ? $", {net:0.00} ms above idle ({IdleCpuPerSecond * 1000:0} ms a second)" : "")}; voting alone {cost.VotingMsPerVote:0.00} ms a vote{aboveIdle}, opening and closing {cost.ChangesMs:0} ms{aboveIdle}");
        }

        if (SteadyCpu is { } steady)
        {
            Row($"server CPU a vote, scenarios 2–{steady.Scenarios + 1}", $"median {steady.Median:0.00} ms (from {steady.Low:0.00} to {steady.High:0.00}; the first scenario is the warm-up)");
        }

        if (SteadyVotingCpu is { } voting)
        {
            Row($"of it, voting alone{aboveIdle}", $"median {voting.Median:0.00} ms a vote (from {voting.Low:0.00} to {voting.High:0.00})");
        }

        if (SteadyChangesCpu is { } changes)
        {
            Row($"of it, opening and closing{aboveIdle}", $"median {changes.Median:0} ms a scenario (from {changes.Low:0} to {changes.High:0})");
        }

        if (ServerCpuSeconds is { } cpu)
        {
            Row("server CPU time", $"{cpu:0.0} s over {Seconds:0.0} s");
        }

        static string Mib(long? bytes) => bytes is { } b ? $"{b / 1024.0 / 1024.0:0.0} MiB" : "?";
        Row("result", Passed ? "PASS: nothing lost, nothing duplicated, tallies agree" : StoppedEarly ? "STOPPED at --max-seconds" : "FAIL");
        return t.ToString();
    }
}
