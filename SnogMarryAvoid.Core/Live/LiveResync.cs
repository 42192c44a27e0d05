using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SnogMarryAvoid.Core.Participants;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Live;

/// <summary>
/// After a Redis outage, re-reads every live session from the database and publishes it again: its
/// snapshot, a recount of its current scenario and this server's presence. Each server does this when
/// its own connection comes back, so every view ends up showing the database's state and tallies,
/// whatever it missed while the servers could not hear each other.
/// </summary>
public sealed class LiveResync(ISessionEvents events, DbWork db, TallyBroadcaster tallies, PresenceTracker presence, ILogger<LiveResync> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (events is RedisSessionEvents redis)
        {
            redis.Restored += OnRestored;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (events is RedisSessionEvents redis)
        {
            redis.Restored -= OnRestored;
        }

        return Task.CompletedTask;
    }

    private void OnRestored() => _ = Task.Run(async () =>
    {
        try
        {
            await RunOnceAsync();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Re-publishing live sessions after the Redis outage failed");
        }
    });

    /// <summary>Publishes every live session again from the database; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        var live = await ctx.Sessions.AsNoTracking()
            .Where(s => s.Phase == SessionPhase.Live)
            .Select(s => new { s.Id, s.CurrentScenarioId })
            .ToListAsync(ct);
        foreach (var session in live)
        {
            await events.PublishAsync(new SessionChanged(session.Id, await SessionViews.ManagerAsync(ctx, session.Id, ct)));
            if (session.CurrentScenarioId is { } current)
            {
                tallies.Recount(session.Id, current);
            }

            presence.Republish(session.Id);
        }

        return live.Count;
    }
}
