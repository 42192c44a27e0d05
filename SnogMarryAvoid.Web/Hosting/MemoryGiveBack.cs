using System.Diagnostics;
using SnogMarryAvoid.Core.Participants;

namespace SnogMarryAvoid.Web.Hosting;

/// <summary>
/// Gives memory back to the machine once a room has emptied. A phone's connection is garbage when it closes, but the
/// garbage collector runs only when new objects need room, and a server whose room has left allocates almost nothing:
/// after 10,000 phones left, the server kept (and grew) its memory for as long as it ran (docs/benchmarks.md). Once at
/// least half of the most participants this server held (and at least <see cref="AtLeast"/>) have gone, and nobody
/// has come or gone for <see cref="Quiet"/>, it runs one full, compacting collection that returns the freed memory
/// (<see cref="GCCollectionMode.Aggressive"/>). That pause is paid once, when the room has gone, never while it votes.
/// </summary>
public sealed class MemoryGiveBack(PresenceTracker presence, TimeProvider clock, ILogger<MemoryGiveBack> logger) : BackgroundService
{
    /// <summary>How often the number of participants connected is looked at.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    /// <summary>How long the number must stay the same before the collection: the room has finished leaving.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(15);

    /// <summary>The fewest departures worth a full collection.</summary>
    public const int AtLeast = 50;

    private readonly Room _room = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (_room.Observe(presence.Total, clock.GetUtcNow()) is { } left)
                {
                    GiveBack(left);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void GiveBack(Departure left)
    {
        var before = Environment.WorkingSet;
        var started = Stopwatch.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        logger.LogInformation(
            "{Left} participants left this server (from {Peak} to {Now}): memory given back, {Before} MiB to {After} MiB, in {Milliseconds} ms",
            left.Peak - left.Now, left.Peak, left.Now, before / 1048576, Environment.WorkingSet / 1048576, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>A room's departures, when they call for a collection: the most participants since the last one, and now.</summary>
    public readonly record struct Departure(int Peak, int Now);

    /// <summary>The rule, apart from the clock and the collector: fed the number connected, says when to give memory back.</summary>
    public sealed class Room
    {
        private int _peak;
        private int _last = -1;
        private DateTimeOffset _changedAt;

        public Departure? Observe(int connected, DateTimeOffset now)
        {
            if (connected != _last)
            {
                (_last, _changedAt) = (connected, now);
            }

            _peak = Math.Max(_peak, connected);
            var gone = _peak - connected;
            if (gone < AtLeast || gone * 2 < _peak || now - _changedAt < Quiet)
            {
                return null;
            }

            var departure = new Departure(_peak, connected);
            _peak = connected;
            return departure;
        }
    }
}
