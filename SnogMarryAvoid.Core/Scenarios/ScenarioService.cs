using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Core.Scenarios;

/// <summary>
/// Running a session's scenarios: pending → open → closed → revealed, one open at a time, and the
/// facilitator's "current" scenario that the projector and phones show. The rules are
/// <see cref="ScenarioRules"/>; an ended session refuses every step (<see cref="DomainError.SessionEnded"/>).
/// Every method that changes something publishes <see cref="Live.SessionChanged"/> after its commit.
/// </summary>
public sealed class ScenarioService(DbWork db, SessionChanges changes, TimeProvider clock)
{
    /// <summary>
    /// Opens voting on a scenario and makes it current; any other open scenario closes first. The
    /// session must be live. A closed scenario may be opened again; a revealed one may not (reset it).
    /// With a countdown (<see cref="Countdown"/>'s range), voting closes by itself when it runs out, server-side.
    /// </summary>
    public Task<RoomView> OpenAsync(Guid sessionId, Guid scenarioId, Actor actor, TimeSpan? countdown = null, CancellationToken ct = default)
    {
        Countdown.Check(countdown);
        return changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            var scenario = await FindAsync(ctx, sessionId, scenarioId, ct);
            await OpenAsync(ctx, session, scenario, countdown, ct);
        }, ct);
    }

    /// <summary>Closes voting on an open scenario; votes stay as they are.</summary>
    public Task<RoomView> CloseAsync(Guid sessionId, Guid scenarioId, Actor actor, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            var scenario = await FindAsync(ctx, sessionId, scenarioId, ct);
            Refuse(ScenarioRules.WhyNotClose(session.Phase, scenario.State));
            Close(scenario);
        }, ct);

    /// <summary>Reveals the results of a scenario that has been opened (closing voting if needed) and makes it current.</summary>
    public Task<RoomView> RevealAsync(Guid sessionId, Guid scenarioId, Actor actor, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            var scenario = await FindAsync(ctx, sessionId, scenarioId, ct);
            Reveal(session, scenario);
        }, ct);

    /// <summary>Deletes every vote on the scenario and sets it back to pending, as if it had never been opened.</summary>
    public Task<RoomView> ResetAsync(Guid sessionId, Guid scenarioId, Actor actor, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            Refuse(ScenarioRules.WhyNotReset(session.Phase));
            var scenario = await FindAsync(ctx, sessionId, scenarioId, ct);
            await ctx.VoteChanges.Where(c => c.ScenarioId == scenarioId).ExecuteDeleteAsync(ct);
            await ctx.Votes.Where(v => v.ScenarioId == scenarioId).ExecuteDeleteAsync(ct);

            // A new sequence number, so a results event counted before the reset is recognisably older.
            session.VoteSequence++;
            (scenario.State, scenario.OpenedAt, scenario.ClosedAt, scenario.ClosesAt) = (ScenarioState.Pending, null, null, null);
        }, ct);

    /// <summary>Makes a scenario current without opening it (the projector shows it); an open scenario elsewhere closes.</summary>
    public Task<RoomView> GoToAsync(Guid sessionId, Guid scenarioId, Actor actor, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            Refuse(ScenarioRules.WhyNotShow(session.Phase));
            var scenario = await FindAsync(ctx, sessionId, scenarioId, ct);
            await CloseOthersAsync(ctx, sessionId, scenarioId, ct);
            session.CurrentScenarioId = scenario.Id;
        }, ct);

    /// <summary>
    /// The presentation clicker's "next": the step <see cref="ScenarioRules.Next"/> names (open, close,
    /// reveal, or show the next pending scenario, which opens it too where the session says so). At the
    /// end of the deck nothing changes.
    /// </summary>
    public Task<RoomView> StepForwardAsync(Guid sessionId, Actor actor, TimeSpan? countdown = null, CancellationToken ct = default)
    {
        Countdown.Check(countdown);
        return changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            Refuse(ScenarioRules.WhyNotStep(session.Phase));
            var deck = await ctx.Scenarios.Where(s => s.SessionId == sessionId).OrderBy(s => s.Order).ToListAsync(ct);
            var step = ScenarioRules.Next(session.Phase, [.. deck.Select(ScenarioView.From)], session.CurrentScenarioId, session.ShowOpensVoting);
            var target = deck.FirstOrDefault(s => s.Id == step.ScenarioId);
            switch (step.Kind)
            {
                case StepKind.Open or StepKind.OpenNext:
                    await OpenAsync(ctx, session, target!, countdown, ct);
                    break;
                case StepKind.Close:
                    Close(target!);
                    break;
                case StepKind.Reveal:
                    Reveal(session, target!);
                    break;
                case StepKind.ShowNext:
                    session.CurrentScenarioId = target!.Id;
                    break;
            }
        }, ct);
    }

    /// <summary>The clicker's "back": the previous scenario in the deck becomes current (voting closes if open).</summary>
    public Task<RoomView> StepBackAsync(Guid sessionId, Actor actor, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, actor, async (ctx, session) =>
        {
            var deck = await ctx.Scenarios.Where(s => s.SessionId == sessionId).OrderBy(s => s.Order).ToListAsync(ct);
            if (ScenarioRules.Previous([.. deck.Select(ScenarioView.From)], session.CurrentScenarioId) is not { } previous)
            {
                return;
            }

            var current = deck.Single(s => s.Id == session.CurrentScenarioId);
            if (current.State == ScenarioState.Open)
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
        Refuse(ScenarioRules.WhyNotOpen(session.Phase, scenario.State));
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
        Refuse(ScenarioRules.WhyNotReveal(session.Phase, scenario.State));
        if (scenario.State == ScenarioState.Open)
        {
            Close(scenario);
        }

        scenario.State = ScenarioState.Revealed;
        session.CurrentScenarioId = scenario.Id;
    }

    private static void Refuse(DomainException? refusal)
    {
        if (refusal is not null)
        {
            throw refusal;
        }
    }

    private static async Task<Scenario> FindAsync(SnogDbContext ctx, Guid sessionId, Guid scenarioId, CancellationToken ct)
    {
        var scenario = await ctx.Scenarios.FirstOrDefaultAsync(s => s.Id == scenarioId, ct)
            ?? throw new DomainException(DomainError.NotFound, "That scenario does not exist.").Says("scenarioMissing");
        return scenario.SessionId == sessionId
            ? scenario
            : throw new DomainException(DomainError.ScenarioNotInSession, "That scenario belongs to another session.").Says("scenarioElsewhere");
    }
}
