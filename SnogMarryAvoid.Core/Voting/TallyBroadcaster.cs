using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Observability;
using SnogMarryAvoid.Core.Persistence;

namespace SnogMarryAvoid.Core.Voting;

/// <summary>
/// Turns committed votes into <see cref="ResultsChanged"/> events. Each scenario has at most one
/// recount running: votes that commit while it runs mark the scenario dirty and are picked up by the
/// next pass. So a burst of thousands of votes costs a handful of GROUP BY queries, the events of a
/// scenario are published in order, and the last one always includes the last committed vote.
/// </summary>
public sealed class TallyBroadcaster(DbWork db, ISessionEvents events, SnogMetrics metrics, TimeProvider clock, ILogger<TallyBroadcaster> logger)
{
    private readonly ConcurrentDictionary<Guid, Pass> _passes = new();

    /// <summary>Schedules a recount of the scenario after a commit; returns at once.</summary>
    public void Invalidate(Guid sessionId, Guid scenarioId)
    {
        var pass = _passes.GetOrAdd(scenarioId, _ => new Pass());
        var now = clock.GetTimestamp();
        Interlocked.CompareExchange(ref pass.OldestCommit, now, 0);
        if (Interlocked.Exchange(ref pass.Dirty, 1) == 0 && Interlocked.CompareExchange(ref pass.Running, 1, 0) == 0)
        {
            _ = Task.Run(() => RunAsync(sessionId, scenarioId, pass));
        }
    }

    private async Task RunAsync(Guid sessionId, Guid scenarioId, Pass pass)
    {
        while (true)
        {
            while (Interlocked.Exchange(ref pass.Dirty, 0) == 1)
            {
                // The oldest commit this pass covers: the broadcast latency is measured from it.
                var oldest = Interlocked.Exchange(ref pass.OldestCommit, 0);
                try
                {
                    await using var ctx = await db.ReadAsync();
                    var (results, sequence, visible, split) = await Tallies.CountForBroadcastAsync(ctx, sessionId, scenarioId);
                    await events.PublishAsync(new ResultsChanged(sessionId, results, sequence, visible) { Split = split });
                    if (oldest != 0)
                    {
                        metrics.Broadcast(clock.GetElapsedTime(oldest));
                    }
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Recounting scenario {ScenarioId} failed", scenarioId);
                }
            }

            Volatile.Write(ref pass.Running, 0);

            // A vote may have marked the scenario dirty after the loop looked but before Running was
            // cleared; it saw Running = 1 and left the work to us, so take it back if nobody else has.
            if (Volatile.Read(ref pass.Dirty) == 0 || Interlocked.CompareExchange(ref pass.Running, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private sealed class Pass
    {
        public int Dirty;
        public int Running;
        public long OldestCommit;
    }
}
