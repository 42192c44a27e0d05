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

    public string Table()
    {
        var t = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        void Row(string name, string value) => t.AppendLine(c, $"| {name} | {value} |");
        t.AppendLine("| measure | value |").AppendLine("|---|---|");
        Row("participants (hub connections)", $"{Connected:N0} connected, {ConnectFailed:N0} failed");
        Row("scenarios × burst", $"{Options.Scenarios} × {Options.BurstSeconds:0.#} s, change {Options.ChangeShare:P0}, retry {Options.RetryShare:P0}");
        Row("votes", $"{VotesSent:N0} sent, {VotesAcknowledged:N0} acknowledged, {VotesRefused:N0} refused");
        if (Audit is { } a)
        {
            Row("stored (database)", $"{a.Stored:N0} rows; expected {a.ExpectedStored:N0} (one per participant and scenario)");
            Row("lost / duplicated", $"{a.Lost:N0} / {a.Duplicates:N0}{(a.RetriesKeptTheirSequence ? "" : "; a retry got a new sequence")}");
            Row("final tallies", string.Join("; ", a.Tallies.Select(x => $"#{x.Scenario} {x.FromDatabase.Snog}/{x.FromDatabase.Marry}/{x.FromDatabase.Avoid} {(x.Matches ? "= acks = projector" : "MISMATCH")}")));
        }

        Row("vote → projector (ms)", $"p50 {VoteToProjectorMs.P50:0.0}, p95 {VoteToProjectorMs.P95:0.0}, p99 {VoteToProjectorMs.P99:0.0}, max {VoteToProjectorMs.Max:0.0} (n = {VoteToProjectorMs.Count:N0})");
        Row("vote → acknowledgement (ms)", $"p50 {VoteAckMs.P50:0.0}, p95 {VoteAckMs.P95:0.0}, p99 {VoteAckMs.P99:0.0}, max {VoteAckMs.Max:0.0}");
        foreach (var traffic in PhoneTraffic)
        {
            Row($"phones received, scenario {traffic.Scenario}", $"{traffic.ResultsEvents:N0} results events and {traffic.SessionEvents:N0} snapshots for {traffic.Votes:N0} votes: {traffic.MessagesPerVote:0.##} messages per vote over {traffic.Phones:N0} phones");
        }

        if (ServerPeakRssBytes is { } rss)
        {
            Row("server peak RSS", $"{rss / 1024.0 / 1024.0:0} MiB");
        }

        if (ServerCpuSeconds is { } cpu)
        {
            Row("server CPU time", $"{cpu:0.0} s over {Seconds:0.0} s");
        }

        Row("result", Passed ? "PASS: nothing lost, nothing duplicated, tallies agree" : StoppedEarly ? "STOPPED at --max-seconds" : "FAIL");
        return t.ToString();
    }
}
