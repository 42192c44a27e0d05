using System.Diagnostics.Metrics;

namespace SnogMarryAvoid.Core.Observability;

/// <summary>
/// The app's own measurements, on the meter <see cref="MeterName"/> (exported at <c>/metrics</c> in
/// Prometheus format): votes stored, and how long a committed vote takes to reach the views as a
/// results event. Gauges of connected participants and circuits are added by the web host.
/// </summary>
public sealed class SnogMetrics : IDisposable
{
    public const string MeterName = "SnogMarryAvoid";

    private readonly Meter _meter;
    private readonly Counter<long> _votes;
    private readonly Histogram<double> _broadcast;
    private readonly Counter<long> _rebuilt;

    public SnogMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _votes = _meter.CreateCounter<long>("sma.votes", "{vote}", "Votes stored (a change of mind counts; a repeat does not).");
        _rebuilt = _meter.CreateCounter<long>("sma.tallies.rebuilt", "{tally}", "Tallies in memory found to differ from a recount of the database, and built again from it.");
        _broadcast = _meter.CreateHistogram<double>("sma.broadcast.latency", "ms", "From a vote's commit to the results event that includes it, delivered to this server's subscribers.");
    }

    public Meter Meter => _meter;

    public void VoteStored() => _votes.Add(1);

    public void Broadcast(TimeSpan sinceCommit) => _broadcast.Record(sinceCommit.TotalMilliseconds);

    public void TallyRebuilt() => _rebuilt.Add(1);

    public void Dispose() => _meter.Dispose();
}
