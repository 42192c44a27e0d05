using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Observability;
using SnogMarryAvoid.Core.Persistence;

namespace SnogMarryAvoid.Core.Voting;

/// <summary>
/// Turns committed votes into <see cref="ResultsChanged"/> events, from tallies kept in memory while a scenario
/// is voted on (<see cref="LiveTally"/>): a vote costs a dictionary update here, not a recount of the scenario's
/// rows. Each session has one runner at a time, which takes every block committed meanwhile and publishes one
/// event per scenario they touched, so the events of a scenario go out in order, a burst costs a handful of
/// them, and the last one always includes the last committed vote.
/// <para>
/// The database stays the truth. A tally is built from it the first time a scenario's votes are counted on this
/// server (after a start, a restart, or another opening of the scenario); when another server's votes come between
/// two of this server's blocks, the missing numbers are read from it (only those); and when the room is quiet the
/// tally is checked against a recount (<see cref="CheckInterval"/>), rebuilt and published again if they differ.
/// The split by camp, in a session that asks camps, is counted by the database at each pass.
/// </para>
/// </summary>
public sealed class TallyBroadcaster(DbWork db, ISessionEvents events, SnogMetrics metrics, TimeProvider clock, ILogger<TallyBroadcaster> logger)
{
    /// <summary>How often, at most, a session's tallies are checked against the database once its votes pause.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(10);

    /// <summary>How long after its last vote a session's tallies are kept in memory.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<Guid, SessionTallies> _sessions = new();

    /// <summary>Counts a committed block and schedules the session's pass; returns at once.</summary>
    public void Committed(CommittedBlock block) => Schedule(block.SessionId, new Work(block, null, false));

    /// <summary>
    /// Publishes the scenario's tally and split as the database counts them now (after a Redis outage, a change
    /// of camps), once per pass however many are asked for. Returns at once.
    /// </summary>
    public void Recount(Guid sessionId, Guid scenarioId) => Schedule(sessionId, new Work(null, scenarioId, false));

    /// <summary>Checks every tally of the session against the database now, as the quiet-time check does; for tests and checks.</summary>
    internal Task CheckNowAsync(Guid sessionId)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Schedule(sessionId, new Work(null, null, true) { Done = done });
        return done.Task;
    }

    /// <summary>How many scenarios' tallies this server holds in memory now.</summary>
    public int TalliesInMemory => _sessions.Values.Sum(s => s.Count);

    private void Schedule(Guid sessionId, Work work)
    {
        var session = _sessions.GetOrAdd(sessionId, id => new SessionTallies(id));
        if (session.Enqueue(work))
        {
            _ = Task.Run(() => RunAsync(session));
        }
    }

    private async Task RunAsync(SessionTallies session)
    {
        while (session.TakeAll() is { Count: > 0 } work)
        {
            // What each touched scenario's event says about it: the state its latest block read, or null when
            // it must be read (a recount).
            var touched = new Dictionary<Guid, ScenarioSnapshot?>();
            long oldest = 0;
            foreach (var item in work.OrderBy(w => w.Block?.First ?? long.MaxValue))
            {
                if (item.Block is { } block)
                {
                    oldest = oldest == 0 ? block.CommittedAt : Math.Min(oldest, block.CommittedAt);
                    foreach (var (scenarioId, snapshot) in block.Scenarios)
                    {
                        await CountAsync(session, block, scenarioId, snapshot);
                        touched[scenarioId] = snapshot;
                    }
                }
                else if (item.Recount is { } scenarioId)
                {
                    touched[scenarioId] = null;
                }
            }

            foreach (var (scenarioId, snapshot) in touched)
            {
                await PublishAsync(session, scenarioId, snapshot);
            }

            if (oldest != 0)
            {
                metrics.Broadcast(clock.GetElapsedTime(oldest));
            }

            foreach (var check in work.Where(w => w.Check))
            {
                await CheckAsync(session);
                check.Done?.TrySetResult();
            }

            session.LastActive = clock.GetTimestamp();
            if (touched.Count > 0)
            {
                ScheduleQuietCheck(session);
            }
        }

        Sweep();
    }

    /// <summary>Counts one scenario's votes of a block, building or catching up its tally from the database first when needed.</summary>
    private async Task CountAsync(SessionTallies session, CommittedBlock block, Guid scenarioId, ScenarioSnapshot snapshot)
    {
        try
        {
            var tally = session.Get(scenarioId);
            if (tally is null || tally.OpenedAt != snapshot.OpenedAt)
            {
                // One scenario is voted on at a time: the session's other tallies are done with.
                session.KeepOnly(scenarioId);
                tally = await BuildAsync(session.Id, scenarioId, snapshot.OpenedAt);
                session.Set(tally);
            }
            else if (block.First > tally.Watermark + 1)
            {
                // Numbers between this server's blocks went to another server's votes: read those, and only those.
                await CatchUpAsync(tally, tally.Watermark, block.First);
            }

            foreach (var vote in block.Votes)
            {
                if (vote.ScenarioId == scenarioId)
                {
                    tally.Apply(vote.ParticipantId, vote.Choice, vote.Sequence);
                }
            }

            tally.CountedUpTo(block.Last);
        }
        catch (Exception ex)
        {
            // The next pass builds the tally again from the database, which holds this block's votes.
            session.Forget(scenarioId);
            logger.LogError(ex, "Counting votes on scenario {ScenarioId} failed; its tally is built again from the database", scenarioId);
        }
    }

    private async Task<LiveTally> BuildAsync(Guid sessionId, Guid scenarioId, DateTime? openedAt)
    {
        await using var ctx = await db.ReadAsync();

        // The sequence first: every vote up to it has committed, so the rows read next include them all.
        var sequence = await ctx.Sessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => s.VoteSequence).FirstOrDefaultAsync();
        var tally = new LiveTally(scenarioId, openedAt, sequence);
        var rows = await ctx.Votes.AsNoTracking().Where(v => v.ScenarioId == scenarioId)
            .Select(v => new { v.ParticipantId, v.Choice, v.Sequence }).ToListAsync();
        foreach (var row in rows)
        {
            tally.Apply(row.ParticipantId, row.Choice, row.Sequence);
        }

        return tally;
    }

    private async Task CatchUpAsync(LiveTally tally, long after, long before)
    {
        await using var ctx = await db.ReadAsync();
        var rows = await ctx.Votes.AsNoTracking().Where(v => v.ScenarioId == tally.ScenarioId && v.Sequence > after && v.Sequence < before)
            .Select(v => new { v.ParticipantId, v.Choice, v.Sequence }).ToListAsync();
        foreach (var row in rows)
        {
            tally.Apply(row.ParticipantId, row.Choice, row.Sequence);
        }

        tally.CountedUpTo(before - 1);
    }

    /// <summary>
    /// Publishes the scenario's tally. The state a block read says whether the room may see it; without one
    /// (a recount, or a tally that could not be counted) the state and the tally are read from the database. A
    /// session that asks camps has its split counted by the database.
    /// </summary>
    private async Task PublishAsync(SessionTallies session, Guid scenarioId, ScenarioSnapshot? snapshot)
    {
        try
        {
            ScenarioResults results;
            long sequence;
            bool visible;
            CampSplitView? split = null;
            if (snapshot is not null && session.Get(scenarioId) is { } tally)
            {
                (results, sequence, visible) = (tally.Results, tally.Watermark, snapshot.VisibleToRoom);
                if (snapshot.AsksCamp)
                {
                    await using var ctx = await db.ReadAsync();
                    split = await Tallies.SplitAsync(ctx, CampList.Read(snapshot.CampList), results);
                }
            }
            else
            {
                await using var ctx = await db.ReadAsync();
                (results, sequence, visible, split) = await Tallies.CountForBroadcastAsync(ctx, session.Id, scenarioId);
            }

            await events.PublishAsync(new ResultsChanged(session.Id, results, sequence, visible) { Split = split });
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Publishing the tally of scenario {ScenarioId} failed", scenarioId);
        }
    }

    /// <summary>
    /// Compares each tally with a recount of the database, when nothing has been voted since it was counted (the
    /// session's sequence is the tally's): on a difference, says so, builds the tally again and publishes it.
    /// </summary>
    private async Task CheckAsync(SessionTallies session)
    {
        foreach (var tally in session.All)
        {
            try
            {
                await using var ctx = await db.ReadAsync();
                var sequence = await ctx.Sessions.AsNoTracking().Where(s => s.Id == session.Id).Select(s => s.VoteSequence).FirstOrDefaultAsync();
                if (sequence != tally.Watermark)
                {
                    continue;
                }

                var recount = await Tallies.CountAsync(ctx, tally.ScenarioId);
                var again = await ctx.Sessions.AsNoTracking().Where(s => s.Id == session.Id).Select(s => s.VoteSequence).FirstOrDefaultAsync();
                if (again != sequence || recount == tally.Results)
                {
                    continue;
                }

                metrics.TallyRebuilt();
                logger.LogWarning("The tally of scenario {ScenarioId} in memory ({Memory}) differed from the database ({Database}) at sequence {Sequence}; built again from the database",
                    tally.ScenarioId, tally.Results, recount, sequence);
                session.Forget(tally.ScenarioId);
                await PublishAsync(session, tally.ScenarioId, null);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Checking the tally of scenario {ScenarioId} against the database failed", tally.ScenarioId);
            }
        }
    }

    private void ScheduleQuietCheck(SessionTallies session)
    {
        if (clock.GetElapsedTime(session.LastCheckScheduled) < CheckInterval)
        {
            return;
        }

        session.LastCheckScheduled = clock.GetTimestamp();
        _ = Task.Run(async () =>
        {
            await Task.Delay(CheckInterval, clock);
            Schedule(session.Id, new Work(null, null, true));
        });
    }

    /// <summary>Lets go of sessions with no votes for <see cref="KeepFor"/>.</summary>
    private void Sweep()
    {
        foreach (var (id, session) in _sessions)
        {
            if (clock.GetElapsedTime(session.LastActive) > KeepFor && session.IsIdle)
            {
                _sessions.TryRemove(new KeyValuePair<Guid, SessionTallies>(id, session));
            }
        }
    }

    private sealed record Work(CommittedBlock? Block, Guid? Recount, bool Check)
    {
        public TaskCompletionSource? Done { get; init; }
    }

    /// <summary>One session's tallies (touched only by its runner) and the work queued for the runner.</summary>
    private sealed class SessionTallies(Guid id)
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<Guid, LiveTally> _tallies = [];
        private List<Work> _pending = [];
        private bool _running;

        public Guid Id => id;

        public long LastActive { get; set; }

        public long LastCheckScheduled { get; set; }

        public int Count => _tallies.Count;

        public IReadOnlyList<LiveTally> All => [.. _tallies.Values];

        public bool IsIdle
        {
            get
            {
                lock (_gate)
                {
                    return !_running && _pending.Count == 0;
                }
            }
        }

        /// <summary>Queues work; true when the caller must start the runner.</summary>
        public bool Enqueue(Work work)
        {
            lock (_gate)
            {
                _pending.Add(work);
                if (_running)
                {
                    return false;
                }

                _running = true;
                return true;
            }
        }

        /// <summary>Everything queued; none means the runner stops (and the next work starts another).</summary>
        public List<Work> TakeAll()
        {
            lock (_gate)
            {
                var taken = _pending;
                _pending = [];
                _running = taken.Count > 0;
                return taken;
            }
        }

        public LiveTally? Get(Guid scenarioId) => _tallies.GetValueOrDefault(scenarioId);

        public void Set(LiveTally tally) => _tallies[tally.ScenarioId] = tally;

        public void Forget(Guid scenarioId) => _tallies.Remove(scenarioId);

        public void KeepOnly(Guid scenarioId)
        {
            foreach (var other in _tallies.Keys.Where(k => k != scenarioId).ToList())
            {
                _tallies.Remove(other);
            }
        }
    }
}
