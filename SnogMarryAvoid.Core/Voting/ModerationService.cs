using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Core.Voting;

/// <summary>A participant's "why", as the facilitator moderates it.</summary>
public sealed record ReasonView(Guid VoteId, Choice Choice, string Text, bool Hidden, bool Spotlighted, DateTime UpdatedAt);

/// <summary>The facilitator's moderation of reasons: hide one, or put it on the projector.</summary>
public sealed class ModerationService(DbWork db, SessionChanges changes)
{
    /// <summary>The reasons given on a scenario, newest first, hidden ones included and marked.</summary>
    public async Task<IReadOnlyList<ReasonView>> ListAsync(Guid sessionId, Guid scenarioId, Actor actor, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        var owner = await ctx.Sessions.Where(s => s.Id == sessionId).Select(s => new { s.OwnerId }).FirstOrDefaultAsync(ct)
            ?? throw new DomainException(DomainError.NotFound, "That session does not exist.");
        actor.EnsureMayManage(owner.OwnerId);
        return await ctx.Votes.AsNoTracking()
            .Where(v => v.ScenarioId == scenarioId && v.Reason != null && ctx.Scenarios.Any(s => s.Id == scenarioId && s.SessionId == sessionId))
            .OrderByDescending(v => v.UpdatedAt)
            .Select(v => new ReasonView(v.Id, v.Choice, v.Reason!, v.ReasonHidden, v.ReasonSpotlighted, v.UpdatedAt))
            .ToListAsync(ct);
    }

    /// <summary>Hides a reason everywhere (and takes it off the projector), or shows it again. Publishes <see cref="SessionChanged"/>.</summary>
    public Task<SessionSnapshot> SetHiddenAsync(Guid sessionId, Guid voteId, Actor actor, bool hidden, CancellationToken ct = default) =>
        ChangeAsync(sessionId, voteId, actor, vote =>
        {
            vote.ReasonHidden = hidden;
            vote.ReasonSpotlighted &= !hidden;
        }, ct);

    /// <summary>Puts a visible reason on the projector, or takes it off. Publishes <see cref="SessionChanged"/>.</summary>
    public Task<SessionSnapshot> SetSpotlightAsync(Guid sessionId, Guid voteId, Actor actor, bool spotlighted, CancellationToken ct = default) =>
        ChangeAsync(sessionId, voteId, actor, vote =>
        {
            if (spotlighted && vote.ReasonHidden)
            {
                throw new DomainException(DomainError.InvalidTransition, "Show this reason again before putting it on the projector.");
            }

            vote.ReasonSpotlighted = spotlighted;
        }, ct);

    private Task<SessionSnapshot> ChangeAsync(Guid sessionId, Guid voteId, Actor actor, Action<Vote> change, CancellationToken ct) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, _) =>
        {
            var vote = await ctx.Votes.FirstOrDefaultAsync(v => v.Id == voteId && v.Reason != null
                && ctx.Scenarios.Any(s => s.Id == v.ScenarioId && s.SessionId == sessionId), ct)
                ?? throw new DomainException(DomainError.NotFound, "That reason is not in this session.");
            change(vote);
        }, ct);
}
