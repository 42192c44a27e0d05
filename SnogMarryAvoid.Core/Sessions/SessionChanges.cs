using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Persistence;

namespace SnogMarryAvoid.Core.Sessions;

/// <summary>
/// The one way a session or its deck changes: load it, check the actor may manage it, apply the
/// change, raise its revision, commit, then publish the new snapshot as <see cref="SessionChanged"/>.
/// </summary>
public sealed class SessionChanges(DbWork db, ISessionEvents events)
{
    public async Task<SessionSnapshot> ApplyAsync(Guid sessionId, Actor actor, Func<SnogDbContext, Session, Task> change, CancellationToken ct = default)
    {
        var snapshot = await db.WriteAsync(async ctx =>
        {
            var session = await ctx.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct)
                ?? throw new DomainException(DomainError.NotFound, "That session does not exist.");
            actor.EnsureMayManage(session.OwnerId);
            await change(ctx, session);
            session.Revision++;
            await ctx.SaveChangesAsync(ct);
            return await SessionSnapshots.LoadAsync(ctx, sessionId, ct);
        }, ct);
        await events.PublishAsync(new SessionChanged(sessionId, snapshot));
        return snapshot;
    }
}
