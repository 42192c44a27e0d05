using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SnogMarryAvoid.Core.Observability;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Core.Voting;

/// <summary>
/// The single writer of votes (<see cref="BatchWriter{TPending}"/>). A batch is stored in one transaction: one
/// query for the scenarios with their sessions, one for the votes already there (and one for participants this
/// server has not met), one block of sequence numbers per session, the rows in plain statements
/// (<see cref="VoteStatements"/>), one commit. Each vote is checked by the same
/// rules as ever and can be refused on its own; every caller is answered only after the commit that holds its vote.
/// </summary>
public sealed class VoteBatcher(DbWork db, TallyBroadcaster tallies, ParticipantSessions participants, SnogMetrics metrics, TimeProvider clock, ILogger<VoteBatcher> logger)
    : BatchWriter<VoteBatcher.Pending>(logger)
{
    // The batch's reads, compiled once: a vote at a calm pace paid more for turning its LINQ into SQL than for the SQL.
    // Lists, not arrays: an array's Contains binds to a span in an expression tree, which EF does not translate.
    private static readonly Compiled<Func<SnogDbContext, List<Guid>, IAsyncEnumerable<ParticipantRow>>> SessionsOfParticipants = new(() =>
        EF.CompileAsyncQuery((SnogDbContext ctx, List<Guid> ids) => ctx.Participants.Where(p => ids.Contains(p.Id)).Select(p => new ParticipantRow(p.Id, p.SessionId))));

    private static readonly Compiled<Func<SnogDbContext, List<Guid>, IAsyncEnumerable<ScenarioRow>>> ScenariosWithSessions = new(() =>
        EF.CompileAsyncQuery((SnogDbContext ctx, List<Guid> ids) => ctx.Scenarios.Where(s => ids.Contains(s.Id))
            .Join(ctx.Sessions, s => s.SessionId, session => session.Id, (s, session) => new ScenarioRow(
                s.Id, s.SessionId, s.State, s.ClosesAt, s.OpenedAt, session.Phase, session.ShowResultsLive, session.AsksCamp, session.CampList))));

    private static readonly Compiled<Func<SnogDbContext, List<Guid>, List<Guid>, IAsyncEnumerable<Vote>>> VotesOf = new(() =>
        EF.CompileAsyncQuery((SnogDbContext ctx, List<Guid> scenarioIds, List<Guid> participantIds) =>
            ctx.Votes.AsNoTracking().Where(v => scenarioIds.Contains(v.ScenarioId) && participantIds.Contains(v.ParticipantId))));

    internal sealed record ParticipantRow(Guid Id, Guid SessionId);

    /// <summary>A scenario and its session, as the rules and the tallies need them.</summary>
    internal sealed record ScenarioRow(Guid Id, Guid SessionId, ScenarioState State, DateTime? ClosesAt, DateTime? OpenedAt, SessionPhase Phase, bool ShowResultsLive, bool AsksCamp, string? CampList)
    {
        public VoteTarget Target => new(SessionId, State, ClosesAt);

        public ScenarioSnapshot Snapshot => new(OpenedAt, State, ShowResultsLive, AsksCamp, CampList);
    }

    /// <summary>What a stored vote means for its caller: the receipt, its session, and whether anything changed.</summary>
    public sealed record Outcome(VoteReceipt Receipt, Guid SessionId, bool Changed);

    public sealed record Pending(Guid ParticipantId, Guid ScenarioId, Choice Choice, TaskCompletionSource<Outcome> Done) : IPending
    {
        public void Fail(Exception reason) => Done.TrySetException(reason);
    }

    protected override string What => "votes";

    /// <summary>A batch as checked and stored: each vote's outcome or refusal, in order, and what it gives the tallies per session.</summary>
    internal sealed record Applied(List<(Outcome? Outcome, Exception? Refusal)> Outcomes, List<CommittedBlock> Blocks);

    /// <summary>Queues a vote; the task completes once the commit that holds it is done (or with the refusal).</summary>
    public Task<Outcome> SubmitAsync(Guid participantId, Guid scenarioId, Choice choice)
    {
        var pending = new Pending(participantId, scenarioId, choice, new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        Enqueue(pending);
        return pending.Done.Task;
    }

    protected override async Task StoreAsync(IReadOnlyList<Pending> batch)
    {
        var (results, blocks) = await db.WriteAsync(ctx => ApplyAsync(ctx, batch));

        // After the commit, whether or not each caller is still waiting: count, and hand each session's
        // block to the tallies, so the views get the new tally.
        foreach (var (outcome, _) in results)
        {
            if (outcome is { Changed: true })
            {
                metrics.VoteStored();
            }
        }

        var committedAt = clock.GetTimestamp();
        foreach (var block in blocks)
        {
            tallies.Committed(block with { CommittedAt = committedAt });
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
    /// and given its sequence number. The caller commits (or, when rehearsing, <see cref="VotePathWarmUp"/> rolls back).
    /// </summary>
    internal async Task<Applied> ApplyAsync(SnogDbContext ctx, IReadOnlyList<Pending> batch)
    {
        var participantIds = batch.Select(p => p.ParticipantId).Distinct().ToList();
        var scenarioIds = batch.Select(p => p.ScenarioId).Distinct().ToList();

        // A participant's session never changes: known ones are not asked for again.
        var sessionOf = new Dictionary<Guid, Guid>();
        var unknown = new List<Guid>();
        foreach (var id in participantIds)
        {
            if (participants.TryGet(id, out var known))
            {
                sessionOf[id] = known;
            }
            else
            {
                unknown.Add(id);
            }
        }

        if (unknown.Count > 0)
        {
            await foreach (var row in SessionsOfParticipants.For(ctx)(ctx, unknown))
            {
                sessionOf[row.Id] = row.SessionId;
                participants.Remember(row.Id, row.SessionId);
            }
        }

        var scenarios = new Dictionary<Guid, ScenarioRow>();
        await foreach (var row in ScenariosWithSessions.For(ctx)(ctx, scenarioIds))
        {
            scenarios[row.Id] = row;
        }

        var votes = new Dictionary<(Guid, Guid), Vote>();
        await foreach (var vote in VotesOf.For(ctx)(ctx, scenarioIds, participantIds))
        {
            votes[(vote.ParticipantId, vote.ScenarioId)] = vote;
        }

        var now = clock.GetUtcNow().UtcDateTime;

        // First the rules, vote by vote, in the order they arrived; a refusal touches nothing.
        var outcomes = new (Vote? Vote, bool Changed, Exception? Refusal)[batch.Count];
        var changedPerSession = new Dictionary<Guid, List<Vote>>();
        // What the batch writes (VoteStatements): each new or changed row once, with its final values.
        var inserted = new HashSet<Vote>(ReferenceEqualityComparer.Instance);
        var updated = new HashSet<Vote>(ReferenceEqualityComparer.Instance);
        var changes = new List<VoteChange>();
        for (var i = 0; i < batch.Count; i++)
        {
            var (participantId, scenarioId, choice, _) = batch[i];
            var scenario = scenarios.GetValueOrDefault(scenarioId);
            var refusal = VotingRules.WhyNot(sessionOf.TryGetValue(participantId, out var own) ? own : null, scenario?.Target, scenario?.Phase, now);
            if (refusal is not null)
            {
                outcomes[i] = (null, false, refusal);
                continue;
            }

            var vote = votes.GetValueOrDefault((participantId, scenarioId));
            if (vote is null)
            {
                vote = new Vote { Id = Guid.NewGuid(), ScenarioId = scenarioId, ParticipantId = participantId, Choice = choice, CastAt = now, UpdatedAt = now };
                inserted.Add(vote);
                votes[(participantId, scenarioId)] = vote;
            }
            else if (vote.Choice != choice)
            {
                changes.Add(new VoteChange { Id = Guid.NewGuid(), ScenarioId = scenarioId, ParticipantId = participantId, From = vote.Choice, To = choice, ChangedAt = now });
                if (!inserted.Contains(vote))
                {
                    updated.Add(vote);
                }

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
        var blocks = new List<CommittedBlock>();
        foreach (var (sessionId, changed) in changedPerSession)
        {
            var count = changed.Count;
            var last = await ctx.Int64Async(ctx.TakeVoteSequence(sessionId, count));
            for (var k = 0; k < count; k++)
            {
                changed[k].Sequence = last - count + 1 + k;
            }

            // A vote changed twice in the batch is in the block twice, with its final choice and number: counting is idempotent.
            blocks.Add(new CommittedBlock(sessionId, last - count + 1, last,
                [.. changed.Select(v => new CommittedVote(v.ScenarioId, v.ParticipantId, v.Choice, v.Sequence))],
                changed.Select(v => v.ScenarioId).Distinct().ToDictionary(id => id, id => scenarios[id].Snapshot)));
        }

        // The rows, in plain statements (no change tracking: the batch knows exactly what it changed).
        await VoteStatements.WriteAsync(ctx, inserted, updated, changes);

        // A vote changed twice in one batch is acknowledged twice with its final sequence; both
        // receipts are true, since both choices were committed in order.
        return new Applied([.. outcomes.Select((o, i) => o.Refusal is not null
            ? (Outcome: (Outcome?)null, o.Refusal)
            : (new Outcome(new VoteReceipt(o.Vote!.ScenarioId, batch[i].Choice, o.Vote.Reason, o.Vote.UpdatedAt, o.Vote.Sequence), scenarios[batch[i].ScenarioId].SessionId, o.Changed), null))], blocks);
    }
}
