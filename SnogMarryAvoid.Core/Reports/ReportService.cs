using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Live;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Scenarios;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Reports;

/// <summary>One scenario of a session report.</summary>
public sealed record ScenarioReport(
    ScenarioView Scenario,
    ScenarioResults Results,
    double Polarisation,
    bool MostDivided,
    int Switchers,
    IReadOnlyList<SwitchCount> Switches,
    int Joined,
    int Voted,
    IReadOnlyDictionary<Choice, IReadOnlyList<string>> Reasons,
    DateTime? EditedAt,
    IReadOnlyDictionary<Choice, IReadOnlyList<RoomWord>> Words,
    TernaryPoint? Place,
    Camps.CampSplitView? Camps = null);

/// <summary>
/// What a room thought and why, scenario by scenario. <paramref name="Camps"/> are the session's camps when
/// anyone gave one (each scenario then has its split by camp, under the three-person rule), else empty.
/// </summary>
public sealed record SessionReport(ManagerView Session, int Participants, IReadOnlyList<ScenarioReport> Scenarios, IReadOnlyList<Camps.Camp>? Camps = null);

/// <summary>Reports for organisers and the facilitator who ran the session.</summary>
public sealed class ReportService(DbWork db, SessionService sessions)
{
    /// <summary>
    /// The session's report, for someone who may manage it. Reasons a facilitator hid are left out
    /// unless <paramref name="includeHidden"/>. Polarisation and switches as <see cref="Polarisation"/>
    /// and <see cref="Switches"/> define them.
    /// </summary>
    public async Task<SessionReport> GetAsync(Guid sessionId, Actor actor, bool includeHidden = false, CancellationToken ct = default)
    {
        var session = await sessions.GetAsync(sessionId, actor, ct);
        await using var ctx = await db.ReadAsync(ct);
        var scenarioIds = session.Scenarios.Select(s => s.Id).ToList();
        var votes = await ctx.Votes.AsNoTracking().Where(v => scenarioIds.Contains(v.ScenarioId)).ToListAsync(ct);
        var changes = await ctx.VoteChanges.AsNoTracking().Where(c => scenarioIds.Contains(c.ScenarioId)).ToListAsync(ct);
        var joined = await ctx.Participants.CountAsync(p => p.SessionId == sessionId, ct);
        var camps = await CampsAsync(ctx, session, ct);
        var byCamp = camps.Count > 0 ? await Tallies.CountByCampAsync(ctx, scenarioIds, ct) : null;

        var edited = session.Deck.ToDictionary(d => d.Scenario.Id, d => d.EditedAt);
        var rows = session.Scenarios.Select(s =>
        {
            var mine = votes.Where(v => v.ScenarioId == s.Id).ToList();
            var results = TallyOf(s.Id, mine);
            var moves = Switches.Count(changes.Where(c => c.ScenarioId == s.Id), mine.ToDictionary(v => v.ParticipantId, v => v.Choice));
            var reasons = Enum.GetValues<Choice>().ToDictionary(
                c => c,
                c => (IReadOnlyList<string>)mine.Where(v => v.Choice == c && v.Reason != null && (includeHidden || !v.ReasonHidden)).OrderBy(v => v.UpdatedAt).Select(v => v.Reason!).ToList());
            // What the room said, in words: hidden reasons are never counted, whoever reads the report.
            var words = Enum.GetValues<Choice>().ToDictionary(
                c => c,
                c => RoomWords.Of(mine.Where(v => v.Choice == c && v.Reason != null).Select(v => new ReasonText(v.ParticipantId, v.Reason!, v.ReasonHidden))));
            return (s, results, moves, reasons, words, voted: mine.Count);
        }).ToList();

        var flags = Polarisation.MostDivided(rows.Select(r => Polarisation.Of(r.results)).ToList());
        var reports = rows.Select((r, i) => new ScenarioReport(
            r.s, r.results, Polarisation.Of(r.results), flags[i], r.moves.Sum(m => m.Count), r.moves, joined, r.voted, r.reasons, edited[r.s.Id],
            r.words, Ternary.Of(r.results),
            byCamp is null ? null : Camps.CampSplit.Of(r.s.Id, camps, Tallies.ByCamp(camps, byCamp, r.s.Id), r.results))).ToList();
        return new SessionReport(session, joined, reports, camps);
    }

    /// <summary>The session's camps when anyone in it gave one (asked now or before), else none.</summary>
    private static async Task<IReadOnlyList<Camps.Camp>> CampsAsync(SnogDbContext ctx, ManagerView session, CancellationToken ct) =>
        await ctx.Participants.AnyAsync(p => p.SessionId == session.Id && p.Camp != null, ct) ? session.CampSettings.Camps : [];

    /// <summary>
    /// Every vote of the session in deck order, without participant keys or ids; hidden reasons blank unless
    /// asked for. Each vote carries its voter's camp only where that camp is shown on its own in the
    /// scenario's split (the three-person rule): otherwise a camp and a reason could single someone out.
    /// </summary>
    public async Task<IReadOnlyList<ExportedVote>> VotesAsync(Guid sessionId, Actor actor, bool includeHidden = false, CancellationToken ct = default)
    {
        var session = await sessions.GetAsync(sessionId, actor, ct);
        var byId = session.Scenarios.ToDictionary(s => s.Id);
        await using var ctx = await db.ReadAsync(ct);
        var votes = await ctx.Votes.AsNoTracking().Where(v => byId.Keys.Contains(v.ScenarioId)).ToListAsync(ct);
        var campOf = await CampOfVotesAsync(ctx, session, votes, ct);
        return votes
            .Select(v => (v, s: byId[v.ScenarioId]))
            .OrderBy(x => x.s.Order).ThenBy(x => x.v.CastAt)
            .Select(x => new ExportedVote(x.s.Order, x.s.PublicBody, x.s.Counterpart, x.v.Choice, includeHidden || !x.v.ReasonHidden ? x.v.Reason : null, x.v.CastAt, x.v.UpdatedAt, x.v.Sequence,
                campOf.GetValueOrDefault((x.v.ScenarioId, x.v.ParticipantId))))
            .ToList();
    }

    /// <summary>The camp's name of each vote whose voter's camp is shown on its own in that scenario's split.</summary>
    private static async Task<Dictionary<(Guid Scenario, Guid Participant), string>> CampOfVotesAsync(SnogDbContext ctx, ManagerView session, List<Vote> votes, CancellationToken ct)
    {
        var campOf = new Dictionary<(Guid Scenario, Guid Participant), string>();
        var camps = await CampsAsync(ctx, session, ct);
        if (camps.Count == 0)
        {
            return campOf;
        }

        var people = await ctx.Participants.AsNoTracking().Where(p => p.SessionId == session.Id && p.Camp != null)
            .Select(p => new { p.Id, Camp = p.Camp!.Value }).ToDictionaryAsync(p => p.Id, p => p.Camp, ct);
        var byCamp = await Tallies.CountByCampAsync(ctx, [.. session.Scenarios.Select(s => s.Id)], ct);
        foreach (var scenario in votes.GroupBy(v => v.ScenarioId))
        {
            var room = TallyOf(scenario.Key, [.. scenario]);
            var shown = Camps.CampSplit.Of(scenario.Key, camps, Tallies.ByCamp(camps, byCamp, scenario.Key), room).Camps
                .Select((c, i) => (c, i)).Where(x => x.c.Shown).ToDictionary(x => x.i, x => x.c.Camp.Name);
            foreach (var vote in scenario)
            {
                if (people.TryGetValue(vote.ParticipantId, out var camp) && shown.TryGetValue(camp, out var name))
                {
                    campOf[(vote.ScenarioId, vote.ParticipantId)] = name;
                }
            }
        }

        return campOf;
    }

    /// <summary>A scenario's tally from its vote rows, as loaded for the report.</summary>
    private static ScenarioResults TallyOf(Guid scenarioId, IReadOnlyCollection<Vote> votes) =>
        new(scenarioId, votes.Count(v => v.Choice == Choice.Snog), votes.Count(v => v.Choice == Choice.Marry), votes.Count(v => v.Choice == Choice.Avoid));
}
