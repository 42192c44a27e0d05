using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Sessions;

namespace SnogMarryAvoid.Core.Scenarios;

/// <summary>The deck of a session and the life of each scenario: pending → open → closed → revealed.</summary>
public sealed class ScenarioService(SessionChanges changes, TimeProvider clock)
{
    /// <summary>
    /// Adds a scenario at the end of the deck. Body and counterpart are required (at most
    /// <see cref="Scenario.MaxPartyLength"/> characters); context is optional. A deck can grow until
    /// the session ends. Publishes <see cref="SessionChanged"/>.
    /// </summary>
    public async Task<ScenarioView> AddAsync(Guid sessionId, string? publicBody, string? counterpart, string? context, CancellationToken ct = default)
    {
        var body = TextInput.Required(publicBody, "Public body", Scenario.MaxPartyLength);
        var other = TextInput.Required(counterpart, "Counterpart", Scenario.MaxPartyLength);
        var about = TextInput.Clean(context, "Context", Scenario.MaxContextLength, required: false, allowLineBreaks: true);

        Scenario? added = null;
        await changes.ApplyAsync(sessionId, async (ctx, session) =>
        {
            if (session.Phase == SessionPhase.Ended)
            {
                throw new DomainException(DomainError.SessionEnded, "The session has ended; its deck can no longer change.");
            }

            var last = await ctx.Scenarios.Where(s => s.SessionId == sessionId).MaxAsync(s => (int?)s.Order, ct) ?? 0;
            added = new Scenario
            {
                Id = Guid.NewGuid(),
                SessionId = sessionId,
                Order = last + 1,
                PublicBody = body,
                Counterpart = other,
                Context = about,
                State = ScenarioState.Pending,
            };
            ctx.Scenarios.Add(added);
        }, ct);
        return ScenarioView.From(added!);
    }

    /// <summary>
    /// Opens voting on a scenario and makes it the current one. Any other open scenario of the session
    /// closes first, so at most one is open. The session must be live. A closed scenario may be opened
    /// again; a revealed one may not. Publishes <see cref="SessionChanged"/>.
    /// </summary>
    public Task<SessionSnapshot> OpenAsync(Guid sessionId, Guid scenarioId, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, async (ctx, session) =>
        {
            if (session.Phase != SessionPhase.Live)
            {
                throw new DomainException(DomainError.SessionNotLive, session.Phase == SessionPhase.Draft
                    ? "Start the session before opening a scenario."
                    : "The session has ended.");
            }

            var scenario = await FindAsync(ctx, sessionId, scenarioId, ct);
            if (scenario.State is ScenarioState.Open)
            {
                return;
            }

            if (scenario.State is ScenarioState.Revealed)
            {
                throw new DomainException(DomainError.InvalidTransition, "Results of this scenario are revealed; it cannot be opened again.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var other in await ctx.Scenarios.Where(s => s.SessionId == sessionId && s.State == ScenarioState.Open).ToListAsync(ct))
            {
                other.State = ScenarioState.Closed;
                other.ClosedAt = now;
            }

            // Save the closes first: the database allows one open scenario per session at any moment.
            await ctx.SaveChangesAsync(ct);
            scenario.State = ScenarioState.Open;
            scenario.OpenedAt ??= now;
            scenario.ClosedAt = null;
            session.CurrentScenarioId = scenario.Id;
        }, ct);

    /// <summary>Closes voting on an open scenario; votes stay as they are. Publishes <see cref="SessionChanged"/>.</summary>
    public Task<SessionSnapshot> CloseAsync(Guid sessionId, Guid scenarioId, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, async (ctx, _) =>
        {
            var scenario = await FindAsync(ctx, sessionId, scenarioId, ct);
            if (scenario.State != ScenarioState.Open)
            {
                throw new DomainException(DomainError.InvalidTransition, "Voting on this scenario is not open.");
            }

            scenario.State = ScenarioState.Closed;
            scenario.ClosedAt = clock.GetUtcNow().UtcDateTime;
        }, ct);

    /// <summary>
    /// Reveals the results of a scenario that has been opened; voting closes if it was still open.
    /// The scenario becomes the current one. Publishes <see cref="SessionChanged"/>.
    /// </summary>
    public Task<SessionSnapshot> RevealAsync(Guid sessionId, Guid scenarioId, CancellationToken ct = default) =>
        changes.ApplyAsync(sessionId, async (ctx, session) =>
        {
            var scenario = await FindAsync(ctx, sessionId, scenarioId, ct);
            switch (scenario.State)
            {
                case ScenarioState.Pending:
                    throw new DomainException(DomainError.InvalidTransition, "Open voting on this scenario before revealing its results.");
                case ScenarioState.Revealed:
                    return;
                case ScenarioState.Open:
                    scenario.ClosedAt = clock.GetUtcNow().UtcDateTime;
                    break;
            }

            scenario.State = ScenarioState.Revealed;
            session.CurrentScenarioId = scenario.Id;
        }, ct);

    private static async Task<Scenario> FindAsync(SnogDbContext ctx, Guid sessionId, Guid scenarioId, CancellationToken ct)
    {
        var scenario = await ctx.Scenarios.FirstOrDefaultAsync(s => s.Id == scenarioId, ct)
            ?? throw new DomainException(DomainError.NotFound, "That scenario does not exist.");
        return scenario.SessionId == sessionId
            ? scenario
            : throw new DomainException(DomainError.ScenarioNotInSession, "That scenario belongs to another session.");
    }
}
