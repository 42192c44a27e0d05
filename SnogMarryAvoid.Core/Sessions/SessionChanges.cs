using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Scenarios;

namespace SnogMarryAvoid.Core.Sessions;

/// <summary>
/// The one way a session or its deck changes: load it, check the actor may manage it and that it has
/// not ended, apply the change, raise its revision, build the manager's view in the same transaction,
/// commit, then publish that view as <see cref="SessionChanged"/>.
/// </summary>
public sealed class SessionChanges(DbWork db, ISessionEvents events)
{
    /// <summary>
    /// Applies <paramref name="change"/> and returns the room's view after it. An ended session refuses
    /// every change with <see cref="DomainError.SessionEnded"/> unless <paramref name="allowWhenEnded"/>
    /// (renaming it, hiding a reason from its report). A change that alters nothing commits nothing:
    /// the revision stays and nothing is published.
    /// </summary>
    public async Task<RoomView> ApplyAsync(Guid sessionId, Actor actor, Func<SnogDbContext, Session, Task> change, CancellationToken ct = default, bool allowWhenEnded = false)
    {
        var (changed, view) = await db.WriteAsync(async ctx =>
        {
            var session = await ctx.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct)
                ?? throw new DomainException(DomainError.NotFound, "That session does not exist.").Says("sessionMissing");
            await SessionAccess.EnsureMayRunAsync(ctx, sessionId, session.OwnerId, actor, ct);
            if (session.Phase == SessionPhase.Ended && !allowWhenEnded)
            {
                throw ScenarioRules.Ended();
            }

            // A change may save part of its work itself (the database allows one open scenario at a time).
            var saved = 0;
            void Count(object? sender, SavedChangesEventArgs e) => saved += e.EntitiesSavedCount;
            ctx.SavedChanges += Count;
            await change(ctx, session);
            ctx.SavedChanges -= Count;
            var changed = saved > 0 || ctx.ChangeTracker.HasChanges();
            if (changed)
            {
                session.Revision++;
                await ctx.SaveChangesAsync(ct);
            }

            return (changed, await SessionViews.ManagerAsync(ctx, sessionId, ct));
        }, ct);
        if (changed)
        {
            await events.PublishAsync(new SessionChanged(sessionId, view));
        }

        return view.Room;
    }
}
