using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Reports;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Sessions;

/// <summary>
/// Builds the views of a session from one context: inside the transaction of a change (so the view is
/// exactly what was committed), or on a read. The only place a <see cref="RoomView"/> or a
/// <see cref="ManagerView"/> is made.
/// </summary>
internal static class SessionViews
{
    /// <summary>The room's view alone: what a phone gets when it joins (fewer queries than the manager's view).</summary>
    public static async Task<RoomView> RoomAsync(SnogDbContext db, Guid sessionId, CancellationToken ct = default)
    {
        var session = await LoadSessionAsync(db, sessionId, ct);
        if (session.Phase == SessionPhase.Ended)
        {
            // The end is rare and every phone draws the recap: the manager's view has it all.
            return (await ManagerAsync(db, sessionId, ct)).Room;
        }

        var current = session.CurrentScenarioId is { } currentId
            ? await db.Scenarios.AsNoTracking().Where(s => s.Id == currentId).Select(s => ScenarioViewOf(s)).FirstOrDefaultAsync(ct)
            : null;
        var scenarioCount = await db.Scenarios.CountAsync(s => s.SessionId == sessionId, ct);
        var participantCount = await db.Participants.CountAsync(p => p.SessionId == sessionId, ct);

        // Every phone shows the revealed split: it travels in the view so that no phone queries for it.
        var revealed = current is { State: ScenarioState.Revealed } ? await Tallies.CountAsync(db, current.Id, ct) : null;
        return Room(session, current, scenarioCount, participantCount, revealed, await SpotlightsAsync(db, current, ct), recap: null);
    }

    /// <summary>The manager's view, with the room's view inside it.</summary>
    public static async Task<ManagerView> ManagerAsync(SnogDbContext db, Guid sessionId, CancellationToken ct = default)
    {
        var session = await LoadSessionAsync(db, sessionId, ct);
        var rows = await db.Scenarios.AsNoTracking().Where(s => s.SessionId == sessionId).OrderBy(s => s.Order)
            .Select(s => new { View = ScenarioViewOf(s), s.Notes, s.EditedAt }).ToListAsync(ct);
        var deck = rows.Select(r => r.View).ToList();
        var current = deck.FirstOrDefault(s => s.Id == session.CurrentScenarioId);
        var participantCount = await db.Participants.CountAsync(p => p.SessionId == sessionId, ct);
        ScenarioResults? results = null;
        long sequence = 0;
        IReadOnlyList<ReasonView> reasons = [];
        var reasonCount = 0;
        CampSplitView? split = null;
        IReadOnlyDictionary<Choice, IReadOnlyList<RoomWord>> words = NoWords;
        if (current is not null)
        {
            (results, sequence, _) = await Tallies.CountWithSequenceAsync(db, sessionId, current.Id, ct);
            (reasons, reasonCount) = await ModerationService.NewestAsync(db, current.Id, ct);
            split = session.AsksCamp ? await Tallies.SplitAsync(db, CampList.Read(session.CampList), results, ct) : null;
            words = current.State == ScenarioState.Pending ? NoWords : await WordsAsync(db, current.Id, ct);
        }

        var recap = session.Phase == SessionPhase.Ended ? await RoomRecap.LoadAsync(db, deck, session.ShowResultsLive, ct) : null;
        var room = Room(session, current, deck.Count, participantCount, current is { State: ScenarioState.Revealed } ? results : null, await SpotlightsAsync(db, current, ct), recap);
        var shares = await db.SessionShares.AsNoTracking().Where(sh => sh.SessionId == sessionId)
            .Join(db.Users, sh => sh.UserId, u => u.Id, (sh, u) => new { u.Id, Email = u.Email ?? u.UserName ?? u.Id })
            .OrderBy(c => c.Email).Select(c => new CoFacilitator(c.Id, c.Email)).ToListAsync(ct);
        var items = rows.Select(r => new DeckItem(r.View, r.View.Id == current?.Id, ScenarioRules.ActionsFor(session.Phase, r.View, r.View.Id == current?.Id, deck.Count), r.Notes, r.EditedAt)).ToList();
        return new ManagerView(room, session.OwnerId, session.CreatedAt, session.StartedAt, session.EndedAt, items,
            ScenarioRules.Next(session.Phase, deck, current?.Id, session.ShowOpensVoting), results, sequence, reasons, reasonCount, Countdown.Rules, SessionActions.For(session.Phase), session.ShowOpensVoting, shares,
            CampList.Of(session), split, words);
    }

    private static readonly IReadOnlyDictionary<Choice, IReadOnlyList<RoomWord>> NoWords =
        Enum.GetValues<Choice>().ToDictionary(c => c, _ => (IReadOnlyList<RoomWord>)[]);

    /// <summary>The words of a scenario's reasons for each choice (<see cref="RoomWords"/>): hidden reasons are never counted.</summary>
    public static async Task<IReadOnlyDictionary<Choice, IReadOnlyList<RoomWord>>> WordsAsync(SnogDbContext db, Guid scenarioId, CancellationToken ct = default)
    {
        var reasons = await db.Votes.AsNoTracking()
            .Where(v => v.ScenarioId == scenarioId && v.Reason != null && !v.ReasonHidden)
            .Select(v => new { v.ParticipantId, v.Choice, v.Reason, v.ReasonHidden })
            .ToListAsync(ct);
        return Enum.GetValues<Choice>().ToDictionary(
            c => c,
            c => RoomWords.Of(reasons.Where(r => r.Choice == c).Select(r => new ReasonText(r.ParticipantId, r.Reason!, r.ReasonHidden))));
    }

    private static async Task<Session> LoadSessionAsync(SnogDbContext db, Guid sessionId, CancellationToken ct) =>
        await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct)
            ?? throw new DomainException(DomainError.NotFound, "That session does not exist.").Says("sessionMissing");

    private static ScenarioView ScenarioViewOf(Scenario s) => ScenarioView.From(s);

    private static async Task<IReadOnlyList<string>> SpotlightsAsync(SnogDbContext db, ScenarioView? current, CancellationToken ct) =>
        current is null ? [] : await db.Votes.AsNoTracking()
            .Where(v => v.ScenarioId == current.Id && v.ReasonSpotlighted && !v.ReasonHidden && v.Reason != null)
            .OrderBy(v => v.UpdatedAt)
            .Select(v => v.Reason!)
            .ToListAsync(ct);

    private static RoomView Room(Session session, ScenarioView? current, int scenarioCount, int participantCount, ScenarioResults? revealed, IReadOnlyList<string> spotlights, RoomRecap? recap) =>
        new(session.Id, session.Title, session.JoinCode, session.Phase, current, scenarioCount, participantCount, session.Revision,
            revealed, session.ShowResultsLive, session.IsBlanked, spotlights,
            ResultsVisible: current is not null && ResultsVisibility.ToRoom(session.ShowResultsLive, current.State),
            VerdictText: revealed is null ? null : VerdictText.Of(revealed.Verdict),
            Recap: recap,
            Camps: session.AsksCamp && session.Phase != SessionPhase.Ended ? [.. CampList.Read(session.CampList).Select(c => c.Name)] : null,
            Languages: session.RoomLanguages is null ? null : RoomLanguages.Read(session.RoomLanguages));
}
