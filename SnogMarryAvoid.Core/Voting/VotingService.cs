using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnogMarryAvoid.Core.Contract;
using SnogMarryAvoid.Core.Limits;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Core.Voting;

/// <summary>
/// A participant's committed vote on a scenario, as the phone confirms it. <see cref="Sequence"/> is the
/// session's vote sequence number of this choice: every results event carries the last sequence it
/// includes, so a client knows its vote is counted once it sees a results event with a sequence at least
/// this. Repeating the same choice returns the sequence it already had.
/// </summary>
public sealed record VoteReceipt(Guid ScenarioId, Choice Choice, string? Reason, DateTime UpdatedAt, long Sequence = 0);

/// <summary>Casting and changing votes, and reading results.</summary>
public sealed class VotingService(DbWork db, VoteBatcher batcher, ISessionEvents events, IOptions<LimitsOptions> limits, TimeProvider clock)
{
    /// <summary>How messages about a reason name it.</summary>
    public const string ReasonField = "Your reason";

    /// <summary>
    /// Votes and reasons per participant: a burst of <c>Limits:VoteBurst</c> (default 10), then
    /// <c>Limits:VotesPerSecond</c> (default 3) a second, on the phone page and the hub alike. A person
    /// tapping changes their mind a few times; anything faster is a script.
    /// </summary>
    private readonly TokenBuckets<Guid> _perParticipant = new(limits.Value.VoteBurst, limits.Value.VotesPerSecond, clock);

    private void EnsureNotFlooding(Guid participantId)
    {
        if (!_perParticipant.TryTake(participantId))
        {
            throw new DomainException(DomainError.TooManyRequests, "You're voting very fast. Wait a moment, then try again.").Says("votingFast");
        }
    }

    /// <summary>
    /// Records the participant's choice on an open scenario of their own session, or changes it. There
    /// is one row per participant and scenario; repeating the same choice changes nothing, so retries
    /// and double taps are harmless. Returns only after the commit. Rejects with
    /// <see cref="DomainError.VotingClosed"/> (scenario pending, closed or revealed),
    /// <see cref="DomainError.ScenarioNotInSession"/> or <see cref="DomainError.NotFound"/>.
    /// After the commit a <see cref="Live.ResultsChanged"/> follows from <see cref="TallyBroadcaster"/>.
    /// </summary>
    public async Task<VoteReceipt> CastVoteAsync(Guid participantId, Guid scenarioId, Choice choice, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(choice))
        {
            throw new DomainException(DomainError.InvalidInput, "Choose snog, marry or avoid.").Says("chooseChoice");
        }

        EnsureNotFlooding(participantId);

        // The single writer stores it with others that arrived meanwhile, schedules the recount, and
        // answers after the commit.
        return (await batcher.SubmitAsync(participantId, scenarioId, choice).WaitAsync(ct)).Receipt;
    }

    /// <summary>
    /// Sets, changes or (with empty text) removes the "why" of the participant's vote while voting is
    /// open. At most <see cref="Vote.MaxReasonLength"/> characters; the participant must have voted.
    /// A changed reason leaves the projector's spotlight (the facilitator chose the old words) and
    /// shows again if it was hidden only when the facilitator says so. Publishes <see cref="ReasonsChanged"/>.
    /// </summary>
    public async Task<VoteReceipt> SetReasonAsync(Guid participantId, Guid scenarioId, string? reason, CancellationToken ct = default)
    {
        var cleaned = TextInput.Clean(reason, ReasonField, Vote.MaxReasonLength, required: false);
        EnsureNotFlooding(participantId);
        var (sessionId, voteId, receipt, changed, count, manager) = await db.WriteAsync(async ctx =>
        {
            var scenario = await OpenScenarioAsync(ctx, participantId, scenarioId, ct);
            var vote = await ctx.Votes.FirstOrDefaultAsync(v => v.ScenarioId == scenarioId && v.ParticipantId == participantId, ct)
                ?? throw new DomainException(DomainError.InvalidInput, "Choose snog, marry or avoid before adding a reason.").Says("chooseBeforeReason");
            var unspotlighted = vote.ReasonSpotlighted && vote.Reason != cleaned;
            if (unspotlighted)
            {
                // Off the projector: a new view (so a new session revision) goes out after the commit.
                vote.ReasonSpotlighted = false;
                await ctx.Sessions.Where(s => s.Id == scenario.SessionId)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Revision, s => s.Revision + 1), ct);
            }

            vote.Reason = cleaned;
            vote.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            await ctx.SaveChangesAsync(ct);
            var count = await ModerationService.Reasons(ctx, scenarioId).CountAsync(ct);
            var manager = unspotlighted ? await SessionViews.ManagerAsync(ctx, scenario.SessionId, ct) : null;
            return (scenario.SessionId, vote.Id, ToReceipt(vote), ModerationService.Of(vote), count, manager);
        }, ct);

        await events.PublishAsync(new ReasonsChanged(sessionId, scenarioId, voteId, changed, count));
        if (manager is not null)
        {
            await events.PublishAsync(new SessionChanged(sessionId, manager));
        }

        return receipt;
    }

    /// <summary>The participant's own votes (one per scenario voted on), for a phone coming back and for the thank-you at the end.</summary>
    public async Task<IReadOnlyList<VoteReceipt>> GetVotesAsync(Guid participantId, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        var votes = await ctx.Votes.AsNoTracking().Where(v => v.ParticipantId == participantId).ToListAsync(ct);
        return [.. votes.Select(ToReceipt)];
    }

    /// <summary>
    /// The tally as a participant may see it: only for a scenario of their own session, and only once
    /// it is revealed or the session shows results live (reveal-only sessions must not leak early
    /// votes to the room). Otherwise <see cref="DomainError.ResultsHidden"/>.
    /// </summary>
    public async Task<ScenarioResults> GetResultsForParticipantAsync(Guid participantId, Guid scenarioId, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        var sessionId = await ctx.Scenarios.AsNoTracking()
            .Where(s => s.Id == scenarioId && ctx.Participants.Any(p => p.Id == participantId && p.SessionId == s.SessionId))
            .Select(s => (Guid?)s.SessionId)
            .FirstOrDefaultAsync(ct)
            ?? throw new DomainException(DomainError.ScenarioNotInSession, "That scenario is not in your session.").Says("scenarioNotYours");
        var (results, _, visibleToRoom) = await Tallies.CountWithSequenceAsync(ctx, sessionId, scenarioId, ct);
        return visibleToRoom
            ? results
            : throw new DomainException(DomainError.ResultsHidden, "The results are shown when the facilitator reveals them.").Says("resultsHidden");
    }

    /// <summary>
    /// The participant's own end of the session, once it has ended: how many of the deck's scenarios
    /// they voted on, and on how many of the recap's the room agreed with them. Before the end,
    /// <see cref="DomainError.InvalidTransition"/> (the verdicts of scenarios not yet revealed must not leak).
    /// </summary>
    public async Task<ParticipantRecap> GetRecapAsync(Guid participantId, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        var sessionId = await ctx.Participants.AsNoTracking().Where(p => p.Id == participantId).Select(p => (Guid?)p.SessionId).FirstOrDefaultAsync(ct)
            ?? throw new DomainException(DomainError.NotFound, "You are not in this session; join it again with its code.").Says("notInSession");
        var view = await SessionViews.ManagerAsync(ctx, sessionId, ct);
        if (view.Room.Recap is not { } recap)
        {
            throw new DomainException(DomainError.InvalidTransition, "Your recap is ready when the session ends.").Says("recapNotReady");
        }

        var votes = (await ctx.Votes.AsNoTracking().Where(v => v.ParticipantId == participantId).ToListAsync(ct)).Select(ToReceipt).ToList();
        return new ParticipantRecap(votes.Count, view.Room.ScenarioCount, recap.AgreedWith(votes));
    }

    /// <summary>
    /// The current scenario's tally and its last sequence, for a participant who follows results: only
    /// when the room may see it (<see cref="ResultsVisibility"/>), otherwise none.
    /// </summary>
    public async Task<ResultsReply> GetRoomResultsAsync(Guid participantId, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        var session = await ctx.Participants.AsNoTracking()
            .Where(p => p.Id == participantId)
            .Join(ctx.Sessions, p => p.SessionId, s => s.Id, (_, s) => new { s.Id, s.CurrentScenarioId })
            .FirstOrDefaultAsync(ct)
            ?? throw new DomainException(DomainError.NotFound, "You are not in this session; join it again with its code.").Says("notInSession");
        if (session.CurrentScenarioId is not { } current)
        {
            return new ResultsReply(null, 0);
        }

        var (results, sequence, visible) = await Tallies.CountWithSequenceAsync(ctx, session.Id, current, ct);
        return visible ? new ResultsReply(results, sequence) : new ResultsReply(null, 0);
    }

    /// <summary>The scenario's tally, counted from the committed vote rows, with no access check: for tests and checks only.</summary>
    internal async Task<ScenarioResults> GetResultsAsync(Guid scenarioId, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        return await Tallies.CountAsync(ctx, scenarioId, ct);
    }

    /// <summary>The scenario's tally with the last vote sequence it includes, with no access check: for tests and checks only.</summary>
    internal async Task<(ScenarioResults Results, long LastSequence)> GetResultsWithSequenceAsync(Guid sessionId, Guid scenarioId, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        var (results, sequence, _) = await Tallies.CountWithSequenceAsync(ctx, sessionId, scenarioId, ct);
        return (results, sequence);
    }

    private async Task<Scenario> OpenScenarioAsync(SnogDbContext ctx, Guid participantId, Guid scenarioId, CancellationToken ct)
    {
        var participantSession = await ctx.Participants.Where(p => p.Id == participantId).Select(p => (Guid?)p.SessionId).FirstOrDefaultAsync(ct);
        var scenario = await ctx.Scenarios.AsNoTracking().FirstOrDefaultAsync(s => s.Id == scenarioId, ct);
        var phase = scenario is null ? null : await ctx.Sessions.Where(s => s.Id == scenario.SessionId).Select(s => (SessionPhase?)s.Phase).FirstAsync(ct);
        var refusal = VotingRules.WhyNot(participantSession, scenario, phase, clock.GetUtcNow().UtcDateTime);
        return refusal is null ? scenario! : throw refusal;
    }

    private static VoteReceipt ToReceipt(Vote v) => new(v.ScenarioId, v.Choice, v.Reason, v.UpdatedAt, v.Sequence);
}
