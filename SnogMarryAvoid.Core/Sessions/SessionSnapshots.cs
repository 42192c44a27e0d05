using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Sessions;

/// <summary>Builds the <see cref="SessionSnapshot"/> that events carry, from one context.</summary>
internal static class SessionSnapshots
{
    public static async Task<SessionSnapshot> LoadAsync(SnogDbContext db, Guid sessionId, CancellationToken ct = default)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct)
            ?? throw new DomainException(DomainError.NotFound, "That session does not exist.");
        var current = session.CurrentScenarioId is { } currentId
            ? await db.Scenarios.AsNoTracking().FirstOrDefaultAsync(s => s.Id == currentId, ct)
            : null;
        var scenarioCount = await db.Scenarios.CountAsync(s => s.SessionId == sessionId, ct);
        var participantCount = await db.Participants.CountAsync(p => p.SessionId == sessionId, ct);

        // Every phone shows the revealed split: it travels in the snapshot so that no phone queries for it.
        var revealed = current is { State: ScenarioState.Revealed } ? await Tallies.CountAsync(db, current.Id, ct) : null;
        var spotlights = current is null ? [] : await db.Votes.AsNoTracking()
            .Where(v => v.ScenarioId == current.Id && v.ReasonSpotlighted && !v.ReasonHidden && v.Reason != null)
            .OrderBy(v => v.UpdatedAt)
            .Select(v => v.Reason!)
            .ToListAsync(ct);
        return new SessionSnapshot(
            session.Id,
            session.Title,
            session.JoinCode,
            session.Phase,
            current is null ? null : ScenarioView.From(current),
            scenarioCount,
            participantCount,
            session.Revision,
            revealed,
            session.ShowResultsLive,
            session.IsBlanked,
            spotlights);
    }
}
