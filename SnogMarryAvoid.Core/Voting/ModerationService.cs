using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Core.Voting;

/// <summary>A participant's "why", as the facilitator moderates it.</summary>
public sealed record ReasonView(Guid VoteId, Choice Choice, string Text, bool Hidden, bool Spotlighted, DateTime UpdatedAt);

/// <summary>The facilitator's moderation of reasons: hide one, or put it on the projector.</summary>
public sealed class ModerationService(DbWork db, SessionChanges changes)
{
    /// <summary>How many of a scenario's reasons the manager's view carries: the newest ones.</summary>
    public const int ReasonsInView = 100;

    /// <summary>The reasons given on a scenario, newest first, hidden ones included and marked.</summary>
    public async Task<IReadOnlyList<ReasonView>> ListAsync(Guid sessionId, Guid scenarioId, Actor actor, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        await SessionAccess.EnsureMayRunAsync(ctx, sessionId, actor, ct);
        return await Reasons(ctx, scenarioId)
            .Where(v => ctx.Scenarios.Any(s => s.Id == scenarioId && s.SessionId == sessionId))
            .Select(v => new ReasonView(v.Id, v.Choice, v.Reason!, v.ReasonHidden, v.ReasonSpotlighted, v.UpdatedAt))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Hides a reason everywhere (and takes it off the projector), or shows it again; an ended session's
    /// too, so that its report leaves it out. Publishes <see cref="Live.SessionChanged"/>.
    /// </summary>
    public Task<RoomView> SetHiddenAsync(Guid sessionId, Guid voteId, Actor actor, bool hidden, CancellationToken ct = default) =>
        ChangeAsync(sessionId, voteId, actor, vote =>
        {
            vote.ReasonHidden = hidden;
            vote.ReasonSpotlighted &= !hidden;
        }, allowWhenEnded: true, ct);

    /// <summary>Puts a visible reason on the projector, or takes it off. Publishes <see cref="Live.SessionChanged"/>.</summary>
    public Task<RoomView> SetSpotlightAsync(Guid sessionId, Guid voteId, Actor actor, bool spotlighted, CancellationToken ct = default) =>
        ChangeAsync(sessionId, voteId, actor, vote =>
        {
            if (spotlighted && vote.ReasonHidden)
            {
                throw new DomainException(DomainError.InvalidTransition, "Show this reason again before putting it on the projector.").Says("showBeforeSpotlight");
            }

            vote.ReasonSpotlighted = spotlighted;
        }, allowWhenEnded: false, ct);

    /// <summary>The newest <see cref="ReasonsInView"/> reasons of a scenario and how many it has, for the manager's view.</summary>
    internal static async Task<(IReadOnlyList<ReasonView> Newest, int Count)> NewestAsync(SnogDbContext ctx, Guid scenarioId, CancellationToken ct)
    {
        var newest = await Reasons(ctx, scenarioId)
            .Take(ReasonsInView)
            .Select(v => new ReasonView(v.Id, v.Choice, v.Reason!, v.ReasonHidden, v.ReasonSpotlighted, v.UpdatedAt))
            .ToListAsync(ct);
        var count = newest.Count < ReasonsInView ? newest.Count : await Reasons(ctx, scenarioId).CountAsync(ct);
        return (newest, count);
    }

    /// <summary>The reason of one vote as a moderator sees it, or null when the vote has none.</summary>
    internal static ReasonView? Of(Vote vote) =>
        vote.Reason is null ? null : new ReasonView(vote.Id, vote.Choice, vote.Reason, vote.ReasonHidden, vote.ReasonSpotlighted, vote.UpdatedAt);

    internal static IQueryable<Vote> Reasons(SnogDbContext ctx, Guid scenarioId) =>
        ctx.Votes.AsNoTracking().Where(v => v.ScenarioId == scenarioId && v.Reason != null).OrderByDescending(v => v.UpdatedAt).ThenBy(v => v.Id);

    private Task<RoomView> ChangeAsync(Guid sessionId, Guid voteId, Actor actor, Action<Vote> change, bool allowWhenEnded, CancellationToken ct) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, _) =>
        {
            var vote = await ctx.Votes.FirstOrDefaultAsync(v => v.Id == voteId && v.Reason != null
                && ctx.Scenarios.Any(s => s.Id == v.ScenarioId && s.SessionId == sessionId), ct)
                ?? throw new DomainException(DomainError.NotFound, "That reason is not in this session.").Says("reasonMissing");
            change(vote);
        }, ct, allowWhenEnded);
}
