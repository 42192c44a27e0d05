using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Core.Scenarios;

/// <summary>
/// Running a session's scenarios: pending → open → closed → revealed, one open at a time, and the
/// facilitator's "current" scenario that the projector and phones show. Every method publishes
/// <see cref="SessionChanged"/> after its commit.
/// </summary>
public sealed class ScenarioService(DbWork db, SessionChanges changes, TimeProvider clock)
{
    public static readonly TimeSpan MaxCountdown = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Opens voting on a scenario and makes it current; any other open scenario closes first. The
    /// session must be live. A closed scenario may be opened again; a revealed one may not (reset it).
    /// With a countdown, voting closes by itself when it runs out, server-side.
    /// </summary>
    public Task<SessionSnapshot> OpenAsync(Guid sessionId, Guid scenarioId, Actor actor, TimeSpan? countdown = null, CancellationToken ct = default)
    {
        if (countdown is { } c && (c <= TimeSpan.Zero || c > MaxCountdown))
        {
            throw new DomainException(DomainError.InvalidInput, "A countdown runs for between 1 second and 30 minutes.");
        }

        return changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            var scenario = await FindAsync(ctx, sessionId, scenarioId, ct);
            await OpenAsync(ctx, session, scenario, countdown, ct);
        }, ct);
    }

    /// <summary>Closes voting on an open scenario; votes stay as they are.</summary>
    public Task<SessionSnapshot> CloseAsync(Guid sessionId, Guid scenarioId, Actor actor, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, _) =>
        {
            var scenario = await FindAsync(ctx, sessionId, scenarioId, ct);
            if (scenario.State != ScenarioState.Open)
            {
                throw new DomainException(DomainError.InvalidTransition, "Voting on this scenario is not open.");
            }

            Close(scenario);
        }, ct);

    /// <summary>Reveals the results of a scenario that has been opened (closing voting if needed) and makes it current.</summary>
    public Task<SessionSnapshot> RevealAsync(Guid sessionId, Guid scenarioId, Actor actor, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            var scenario = await FindAsync(ctx, sessionId, scenarioId, ct);
            Reveal(session, scenario);
        }, ct);

    /// <summary>Deletes every vote on the scenario and sets it back to pending, as if it had never been opened.</summary>
    public Task<SessionSnapshot> ResetAsync(Guid sessionId, Guid scenarioId, Actor actor, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            EnsureNotEnded(session);
            var scenario = await FindAsync(ctx, sessionId, scenarioId, ct);
            await ctx.VoteChanges.Where(c => c.ScenarioId == scenarioId).ExecuteDeleteAsync(ct);
            await ctx.Votes.Where(v => v.ScenarioId == scenarioId).ExecuteDeleteAsync(ct);

            // A new sequence number, so a results event counted before the reset is recognisably older.
            session.VoteSequence++;
            (scenario.State, scenario.OpenedAt, scenario.ClosedAt, scenario.ClosesAt) = (ScenarioState.Pending, null, null, null);
        }, ct);

    /// <summary>Makes a scenario current without opening it; an open scenario elsewhere closes.</summary>
    public Task<SessionSnapshot> GoToAsync(Guid sessionId, Guid scenarioId, Actor actor, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            EnsureNotEnded(session);
            var scenario = await FindAsync(ctx, sessionId, scenarioId, ct);
            await CloseOthersAsync(ctx, sessionId, scenarioId, ct);
            session.CurrentScenarioId = scenario.Id;
        }, ct);

    /// <summary>
    /// The presentation clicker's "next": one step through the workshop. No current scenario → open the
    /// first; pending → open; open → close; closed → reveal; revealed → open the next pending one in the
    /// deck. At the end of the deck nothing changes.
    /// </summary>
    public Task<SessionSnapshot> StepForwardAsync(Guid sessionId, Actor actor, TimeSpan? countdown = null, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            var deck = await ctx.Scenarios.Where(s => s.SessionId == sessionId).OrderBy(s => s.Order).ToListAsync(ct);
            var current = deck.FirstOrDefault(s => s.Id == session.CurrentScenarioId);
            switch (current?.State)
            {
                case null:
                case ScenarioState.Revealed:
                    var next = deck.FirstOrDefault(s => s.Order > (current?.Order ?? 0) && s.State == ScenarioState.Pending);
                    if (next is not null)
                    {
                        await OpenAsync(ctx, session, next, countdown, ct);
                    }

                    break;
                case ScenarioState.Pending:
                    await OpenAsync(ctx, session, current, countdown, ct);
                    break;
                case ScenarioState.Open:
                    Close(current);
                    break;
                case ScenarioState.Closed:
                    Reveal(session, current);
                    break;
            }
        }, ct);

    /// <summary>The clicker's "back": the previous scenario in the deck becomes current (voting closes if open).</summary>
    public Task<SessionSnapshot> StepBackAsync(Guid sessionId, Actor actor, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            EnsureNotEnded(session);
            var deck = await ctx.Scenarios.Where(s => s.SessionId == sessionId).OrderBy(s => s.Order).ToListAsync(ct);
            var current = deck.FirstOrDefault(s => s.Id == session.CurrentScenarioId);
            var previous = current is null ? null : deck.LastOrDefault(s => s.Order < current.Order);
            if (previous is null)
            {
                return;
            }

            if (current!.State == ScenarioState.Open)
            {
                Close(current);
            }

            session.CurrentScenarioId = previous.Id;
        }, ct);

    /// <summary>
    /// Closes every open scenario whose countdown has run out, as the app itself. Returns how many it
    /// closed. Safe to run on several servers at once: a scenario already closed is left alone.
    /// </summary>
    public async Task<int> CloseExpiredAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<(Guid SessionId, Guid ScenarioId)> due;
        await using (var ctx = await db.ReadAsync(ct))
        {
            due = (await ctx.Scenarios.AsNoTracking()
                .Where(s => s.State == ScenarioState.Open && s.ClosesAt != null && s.ClosesAt <= now)
                .Select(s => new { s.SessionId, s.Id })
                .ToListAsync(ct))
                .Select(s => (s.SessionId, s.Id))
                .ToList();
        }

        var closed = 0;
        foreach (var (sessionId, scenarioId) in due)
        {
            try
            {
                await CloseAsync(sessionId, scenarioId, Actor.System, ct);
                closed++;
            }
            catch (DomainException)
            {
                // Closed meanwhile by the facilitator or another server.
            }
        }

        return closed;
    }

    private async Task OpenAsync(SnogDbContext ctx, Session session, Scenario scenario, TimeSpan? countdown, CancellationToken ct)
    {
        if (session.Phase != SessionPhase.Live)
        {
            throw new DomainException(DomainError.SessionNotLive, session.Phase == SessionPhase.Draft
                ? "Start the session before opening a scenario."
                : "The session has ended.");
        }

        if (scenario.State is ScenarioState.Revealed)
        {
            throw new DomainException(DomainError.InvalidTransition, "Results of this scenario are revealed; reset it to vote again.");
        }

        await CloseOthersAsync(ctx, session.Id, scenario.Id, ct);

        // Save the closes first: the database allows one open scenario per session at any moment.
        await ctx.SaveChangesAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        scenario.State = ScenarioState.Open;
        scenario.OpenedAt ??= now;
        scenario.ClosedAt = null;
        scenario.ClosesAt = countdown is { } c ? now + c : null;
        session.CurrentScenarioId = scenario.Id;
    }

    private async Task CloseOthersAsync(SnogDbContext ctx, Guid sessionId, Guid keep, CancellationToken ct)
    {
        foreach (var other in await ctx.Scenarios.Where(s => s.SessionId == sessionId && s.State == ScenarioState.Open && s.Id != keep).ToListAsync(ct))
        {
            Close(other);
        }
    }

    private void Close(Scenario scenario)
    {
        scenario.State = ScenarioState.Closed;
        scenario.ClosedAt = clock.GetUtcNow().UtcDateTime;
        scenario.ClosesAt = null;
    }

    private void Reveal(Session session, Scenario scenario)
    {
        switch (scenario.State)
        {
            case ScenarioState.Pending:
                throw new DomainException(DomainError.InvalidTransition, "Open voting on this scenario before revealing its results.");
            case ScenarioState.Open:
                Close(scenario);
                break;
        }

        scenario.State = ScenarioState.Revealed;
        session.CurrentScenarioId = scenario.Id;
    }

    private static void EnsureNotEnded(Session session)
    {
        if (session.Phase == SessionPhase.Ended)
        {
            throw new DomainException(DomainError.SessionEnded, "The session has ended.");
        }
    }

    private static async Task<Scenario> FindAsync(SnogDbContext ctx, Guid sessionId, Guid scenarioId, CancellationToken ct)
    {
        var scenario = await ctx.Scenarios.FirstOrDefaultAsync(s => s.Id == scenarioId, ct)
            ?? throw new DomainException(DomainError.NotFound, "That scenario does not exist.");
        return scenario.SessionId == sessionId
            ? scenario
            : throw new DomainException(DomainError.ScenarioNotInSession, "That scenario belongs to another session.");
    }
}
