using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Persistence;

namespace SnogMarryAvoid.Core.Sessions;

/// <summary>
/// Who may run a session and see its report: an organiser, its owner, and the co-facilitators it is shared
/// with. Who may share it, delete it or change who it is shared with: an organiser and its owner only.
/// Every service asks here; no page or hub method decides it.
/// </summary>
public static class SessionAccess
{
    public static DomainException NotYours() => new(DomainError.Forbidden, "This session belongs to another facilitator.");

    /// <summary>The sessions <paramref name="actor"/> may run: every one for an organiser.</summary>
    public static IQueryable<Session> Runnable(SnogDbContext ctx, Actor actor)
    {
        var sessions = ctx.Sessions.AsNoTracking();
        return actor.IsOrganiser
            ? sessions
            : sessions.Where(s => s.OwnerId == actor.UserId || ctx.SessionShares.Any(sh => sh.SessionId == s.Id && sh.UserId == actor.UserId));
    }

    /// <summary>Throws <see cref="DomainError.Forbidden"/> unless <paramref name="actor"/> may run a session with that owner (one query only for a co-facilitator).</summary>
    public static async Task EnsureMayRunAsync(SnogDbContext ctx, Guid sessionId, string? ownerId, Actor actor, CancellationToken ct)
    {
        if (actor.MayManage(ownerId) || await ctx.SessionShares.AnyAsync(s => s.SessionId == sessionId && s.UserId == actor.UserId, ct))
        {
            return;
        }

        throw NotYours();
    }

    /// <summary>Loads the session's owner and checks <paramref name="actor"/> may run it; NotFound when there is none.</summary>
    public static async Task EnsureMayRunAsync(SnogDbContext ctx, Guid sessionId, Actor actor, CancellationToken ct)
    {
        var owner = await ctx.Sessions.Where(s => s.Id == sessionId).Select(s => new { s.OwnerId }).FirstOrDefaultAsync(ct)
            ?? throw new DomainException(DomainError.NotFound, "That session does not exist.").Says("sessionMissing");
        await EnsureMayRunAsync(ctx, sessionId, owner.OwnerId, actor, ct);
    }

    /// <summary>Sharing, unsharing and deleting: the owner and organisers only, never a co-facilitator.</summary>
    public static void EnsureMayShare(string? ownerId, Actor actor)
    {
        if (!actor.MayManage(ownerId))
        {
            throw new DomainException(DomainError.Forbidden, "Only the session's owner or an organiser can do that.").Says("ownerOnly");
        }
    }
}
