using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Core.Voting;

/// <summary>
/// The single writer of votes. Votes queue here; one loop takes whatever has queued (up to
/// <see cref="MaxBatch"/>) and stores it in one transaction: one query each for the participants, the
/// scenarios, the sessions and the existing votes of the batch, one block of sequence numbers per
/// session, one commit. Each vote is checked by the same rules as ever and can be refused on its own;
/// every caller is answered only after the commit that holds its vote. While one batch commits the
/// next one gathers, so a burst costs a handful of commits instead of one per vote. If a batch fails
/// as a whole, its votes are stored one by one, so one bad vote cannot sink the others.
/// </summary>
public sealed class VoteBatcher : IAsyncDisposable, IDisposable
{
    public const int MaxBatch = 500;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DbWork _db;
    private readonly TallyBroadcaster _tallies;
    private readonly Live.SnogMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger<VoteBatcher> _logger;
    private readonly Task _loop;

    public VoteBatcher(DbWork db, TallyBroadcaster tallies, Live.SnogMetrics metrics, TimeProvider clock, ILogger<VoteBatcher> logger)
    {
        (_db, _tallies, _metrics, _clock, _logger) = (db, tallies, metrics, clock, logger);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>What a stored vote means for its caller: the receipt, its session, and whether anything changed.</summary>
    public sealed record Outcome(VoteReceipt Receipt, Guid SessionId, bool Changed);

    private sealed record Pending(Guid ParticipantId, Guid ScenarioId, Choice Choice, TaskCompletionSource<Outcome> Done);

    public Task<Outcome> SubmitAsync(Guid participantId, Guid scenarioId, Choice choice)
    {
        var pending = new Pending(participantId, scenarioId, choice, new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The vote writer has stopped.");
        }

        return pending.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await StoreAsync(batch);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "A batch of {Count} votes failed as a whole; storing them one by one", batch.Count);
                foreach (var single in batch)
                {
                    try
                    {
                        await StoreAsync([single]);
                    }
                    catch (Exception one)
                    {
                        single.Done.TrySetException(one);
                    }
                }
            }

            batch.Clear();
        }
    }

    private async Task StoreAsync(IReadOnlyList<Pending> batch)
    {
        var results = await _db.WriteAsync(ctx => ApplyAsync(ctx, batch));

        // After the commit, whether or not each caller is still waiting: count, and recount each
        // scenario that changed (once per batch), so the views get the new tally.
        var stored = new List<Outcome>();
        foreach (var (outcome, _) in results)
        {
            if (outcome is { Changed: true })
            {
                _metrics.VoteStored();
                stored.Add(outcome);
            }
        }

        foreach (var (sessionId, scenarioId) in stored.Select(o => (o.SessionId, o.Receipt.ScenarioId)).Distinct())
        {
            _tallies.Invalidate(sessionId, scenarioId);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (results[i].Refusal is { } refusal)
            {
                batch[i].Done.TrySetException(refusal);
            }
            else
            {
                batch[i].Done.TrySetResult(results[i].Outcome!);
            }
        }
    }

    /// <summary>
    /// The batch in one context: every vote checked by the rules in arrival order, stored or changed,
    /// and given its sequence number. The caller commits (or, when rehearsing, rolls back).
    /// </summary>
    private async Task<List<(Outcome? Outcome, Exception? Refusal)>> ApplyAsync(SnogDbContext ctx, IReadOnlyList<Pending> batch)
    {
        var participantIds = batch.Select(p => p.ParticipantId).Distinct().ToList();
        var scenarioIds = batch.Select(p => p.ScenarioId).Distinct().ToList();
        var sessionOf = (await ctx.Participants.Where(p => participantIds.Contains(p.Id)).Select(p => new { p.Id, p.SessionId }).ToListAsync())
            .ToDictionary(p => p.Id, p => p.SessionId);
        var scenarios = await ctx.Scenarios.AsNoTracking().Where(s => scenarioIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
        var sessionIds = scenarios.Values.Select(s => s.SessionId).Distinct().ToList();
        var phases = (await ctx.Sessions.Where(s => sessionIds.Contains(s.Id)).Select(s => new { s.Id, s.Phase }).ToListAsync())
            .ToDictionary(s => s.Id, s => s.Phase);
        var votes = (await ctx.Votes.Where(v => scenarioIds.Contains(v.ScenarioId) && participantIds.Contains(v.ParticipantId)).ToListAsync())
            .ToDictionary(v => (v.ParticipantId, v.ScenarioId));
        var now = _clock.GetUtcNow().UtcDateTime;

        // First the rules, vote by vote, in the order they arrived; a refusal touches nothing.
        var outcomes = new (Vote? Vote, bool Changed, Exception? Refusal)[batch.Count];
        var changedPerSession = new Dictionary<Guid, List<Vote>>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (participantId, scenarioId, choice, _) = batch[i];
            var scenario = scenarios.GetValueOrDefault(scenarioId);
            var refusal = VotingRules.WhyNot(sessionOf.TryGetValue(participantId, out var own) ? own : null, scenario, scenario is null ? null : phases[scenario.SessionId], now);
            if (refusal is not null)
            {
                outcomes[i] = (null, false, refusal);
                continue;
            }

            var vote = votes.GetValueOrDefault((participantId, scenarioId));
            if (vote is null)
            {
                vote = new Vote { Id = Guid.NewGuid(), ScenarioId = scenarioId, ParticipantId = participantId, Choice = choice, CastAt = now, UpdatedAt = now };
                ctx.Votes.Add(vote);
                votes[(participantId, scenarioId)] = vote;
            }
            else if (vote.Choice != choice)
            {
                ctx.VoteChanges.Add(new VoteChange { Id = Guid.NewGuid(), ScenarioId = scenarioId, ParticipantId = participantId, From = vote.Choice, To = choice, ChangedAt = now });
                vote.Choice = choice;
                vote.UpdatedAt = now;
            }
            else
            {
                outcomes[i] = (vote, false, null);
                continue;
            }

            outcomes[i] = (vote, true, null);
            var sessionId = scenarios[scenarioId].SessionId;
            (changedPerSession.TryGetValue(sessionId, out var list) ? list : changedPerSession[sessionId] = []).Add(vote);
        }

        // Then one block of sequence numbers per session, in arrival order. The update locks the
        // session's row until the commit (SQLite has one writer anyway), so blocks commit in order.
        foreach (var (sessionId, changed) in changedPerSession)
        {
            var count = changed.Count;
            await ctx.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.VoteSequence, s => s.VoteSequence + count));
            var last = await ctx.Sessions.Where(s => s.Id == sessionId).Select(s => s.VoteSequence).FirstAsync();
            for (var k = 0; k < count; k++)
            {
                changed[k].Sequence = last - count + 1 + k;
            }
        }

        // A vote changed twice in one batch is acknowledged twice with its final sequence; both
        // receipts are true, since both choices were committed in order.
        return outcomes.Select((o, i) => o.Refusal is not null
            ? (Outcome: (Outcome?)null, o.Refusal)
            : (new Outcome(new VoteReceipt(o.Vote!.ScenarioId, batch[i].Choice, o.Vote.Reason, o.Vote.UpdatedAt, o.Vote.Sequence), scenarios[batch[i].ScenarioId].SessionId, o.Changed), null)).ToList();
    }

    /// <summary>
    /// Rehearses the whole write path of a vote, so that the first real votes after a start do not pay
    /// for compiling its queries (measured: the first batch took 400–500 ms, the next ones a few).
    /// In one transaction that is rolled back, it makes a throw-away live session with an open
    /// scenario and a participant, stores a vote and changes it by the same code as a real batch, and
    /// recounts the tally. Nothing is kept, no event is published and no metric counts it. Returns the
    /// rehearsal's own tally and last sequence (one marry, sequence 2), so a caller can tell it ran.
    /// </summary>
    public Task<(ScenarioResults Results, long LastSequence)> RehearseAsync(CancellationToken ct = default) => _db.RehearseAsync(async ctx =>
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var session = new Session { Id = Guid.NewGuid(), Title = "Rehearsal", JoinCode = JoinCode.Generate(JoinCode.MaxLength), Phase = SessionPhase.Live, CreatedAt = now, StartedAt = now };
        var scenario = new Scenario { Id = Guid.NewGuid(), SessionId = session.Id, PublicBody = "Rehearsal", Counterpart = "Rehearsal", State = ScenarioState.Open, OpenedAt = now };
        var participant = new Participant { Id = Guid.NewGuid(), SessionId = session.Id, Key = ParticipantService.NewKey(), JoinedAt = now, LastSeenAt = now };
        ctx.AddRange(session, scenario, participant);
        await ctx.SaveChangesAsync(ct);
        foreach (var choice in (Choice[])[Choice.Snog, Choice.Marry])
        {
            var (_, refusal) = (await ApplyAsync(ctx, [new Pending(participant.Id, scenario.Id, choice, new())]))[0];
            if (refusal is not null)
            {
                throw new InvalidOperationException("The rehearsal vote was refused.", refusal);
            }

            await ctx.SaveChangesAsync(ct);
        }

        var (results, sequence, _) = await Tallies.CountWithSequenceAsync(ctx, session.Id, scenario.Id, ct);
        return (results, sequence);
    }, ct);

    /// <summary>Stops taking votes; the ones already queued are still stored.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    public void Dispose() => _queue.Writer.TryComplete();
}
