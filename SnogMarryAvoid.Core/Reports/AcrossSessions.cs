using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Accounts;
using SnogMarryAvoid.Core.Persistence;
using SnogMarryAvoid.Core.Sessions;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Reports;

/// <summary>One room's result for a scenario that several sessions ran.</summary>
/// <summary>One room's result on a scenario; its date, time and join code tell apart two sessions with the same title.</summary>
public sealed record ComparisonRow(Guid SessionId, string SessionTitle, DateTime Date, ScenarioResults Results, double Polarisation, string JoinCode);

/// <summary>The same scenario (body and counterpart, ignoring case and spacing) across sessions, oldest first.</summary>
public sealed record ScenarioComparison(string PublicBody, string Counterpart, IReadOnlyList<ComparisonRow> Rooms);

/// <summary>One cell of the relationship matrix: every vote on that pairing, over the chosen sessions.</summary>
public sealed record MatrixCell(string PublicBody, string Counterpart, ScenarioResults Totals, double Polarisation)
{
    public Verdict Dominant => Totals.Verdict;
    public int Votes => Totals.Total;
}

/// <summary>Public bodies (rows) against counterparts (columns); a pairing nobody ran has no cell.</summary>
public sealed record RelationshipMatrix(IReadOnlyList<string> PublicBodies, IReadOnlyList<string> Counterparts, IReadOnlyList<MatrixCell> Cells)
{
    public MatrixCell? Cell(string publicBody, string counterpart) =>
        Cells.FirstOrDefault(c => AcrossSessions.Same(c.PublicBody, publicBody) && AcrossSessions.Same(c.Counterpart, counterpart));
}

/// <summary>
/// Comparing rooms: which sessions ran the same scenario and how each voted, and the matrix of who the
/// rooms want to snog, marry or avoid. Organisers see every session; a facilitator only their own.
/// </summary>
public sealed partial class AcrossSessions(DbWork db)
{
    /// <summary>How names are matched: case and runs of white space do not matter.</summary>
    public static string Normalize(string text) => Spaces().Replace(text.Trim(), " ").ToLowerInvariant();

    public static bool Same(string a, string b) => Normalize(a) == Normalize(b);

    /// <summary>
    /// The camps the visible sessions asked, by name (as the filter offers them): camps of different
    /// sessions with the same name (ignoring case and spacing) are one camp.
    /// </summary>
    public async Task<IReadOnlyList<string>> CampsAsync(Actor actor, CancellationToken ct = default)
    {
        await using var ctx = await db.ReadAsync(ct);
        var lists = await SessionAccess.Runnable(ctx, actor).Where(s => s.AsksCamp).Select(s => s.CampList).ToListAsync(ct);
        return [.. lists.SelectMany(Camps.CampList.Read).Select(c => c.Name).DistinctBy(Normalize).Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Every scenario that ran in two or more of the visible sessions, with each room's result; with
    /// <paramref name="camp"/>, only that camp's votes (see <see cref="MatrixAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<ScenarioComparison>> CompareAsync(Actor actor, CancellationToken ct = default) => await CompareAsync(actor, null, ct);

    public async Task<IReadOnlyList<ScenarioComparison>> CompareAsync(Actor actor, string? camp, CancellationToken ct = default)
    {
        var rows = await LoadAsync(actor, null, camp, ct);
        return rows
            .GroupBy(r => (Normalize(r.PublicBody), Normalize(r.Counterpart)))
            .Where(g => g.Select(r => r.SessionId).Distinct().Count() > 1)
            .Select(g =>
            {
                var first = g.OrderBy(r => r.Date).First();
                return new ScenarioComparison(first.PublicBody, first.Counterpart, g
                    .OrderBy(r => r.Date)
                    .Select(r => new ComparisonRow(r.SessionId, r.SessionTitle, r.Date, r.Results, Polarisation.Of(r.Results), r.JoinCode))
                    .ToList());
            })
            .OrderBy(c => c.PublicBody, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Counterpart, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>
    /// The relationship matrix over the visible sessions, or only <paramref name="sessionIds"/> among them.
    /// With <paramref name="camp"/> (a camp's name), only the votes of that camp in the sessions that asked
    /// it, and only where the three-person rule lets that camp be shown on its own (<see cref="Camps.CampSplit"/>).
    /// </summary>
    public async Task<RelationshipMatrix> MatrixAsync(Actor actor, IReadOnlyCollection<Guid>? sessionIds = null, CancellationToken ct = default) =>
        await MatrixAsync(actor, sessionIds, null, ct);

    public async Task<RelationshipMatrix> MatrixAsync(Actor actor, IReadOnlyCollection<Guid>? sessionIds, string? camp, CancellationToken ct = default)
    {
        var rows = await LoadAsync(actor, sessionIds, camp, ct);
        var cells = rows
            .GroupBy(r => (Normalize(r.PublicBody), Normalize(r.Counterpart)))
            .Select(g =>
            {
                var first = g.OrderBy(r => r.Date).First();
                var totals = new ScenarioResults(Guid.Empty, g.Sum(r => r.Results.Snog), g.Sum(r => r.Results.Marry), g.Sum(r => r.Results.Avoid));
                return new MatrixCell(first.PublicBody, first.Counterpart, totals, Polarisation.Of(totals));
            })
            .ToList();
        var bodies = cells.Select(c => c.PublicBody).DistinctBy(Normalize).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var counterparts = cells.Select(c => c.Counterpart).DistinctBy(Normalize).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return new RelationshipMatrix(bodies, counterparts, cells);
    }

    private sealed record Row(Guid SessionId, string SessionTitle, DateTime Date, string PublicBody, string Counterpart, ScenarioResults Results, string JoinCode);

    private async Task<List<Row>> LoadAsync(Actor actor, IReadOnlyCollection<Guid>? sessionIds, string? camp, CancellationToken ct)
    {
        await using var ctx = await db.ReadAsync(ct);
        var sessions = SessionAccess.Runnable(ctx, actor);
        if (sessionIds is not null)
        {
            sessions = sessions.Where(s => sessionIds.Contains(s.Id));
        }

        var scenarios = await ctx.Scenarios.AsNoTracking()
            .Join(sessions, sc => sc.SessionId, s => s.Id, (sc, s) => new { sc.Id, sc.PublicBody, sc.Counterpart, SessionId = s.Id, s.Title, s.JoinCode, Date = s.StartedAt ?? s.CreatedAt, s.AsksCamp, s.CampList })
            .ToListAsync(ct);
        var tallyOf = await Tallies.CountManyAsync(ctx, [.. scenarios.Select(s => s.Id)], ct);
        if (camp is null)
        {
            return scenarios
                .Select(s => new Row(s.SessionId, s.Title, s.Date, s.PublicBody, s.Counterpart, tallyOf(s.Id), s.JoinCode))
                .Where(r => r.Results.Total > 0)
                .ToList();
        }

        // Only the sessions that asked this camp, and the camp's own tally where it may be shown.
        var asked = scenarios.Where(s => s.AsksCamp && Camps.CampList.Read(s.CampList).Any(c => Same(c.Name, camp))).ToList();
        var byCamp = await Tallies.CountByCampAsync(ctx, [.. asked.Select(s => s.Id)], ct);
        return asked
            .Select(s =>
            {
                var camps = Camps.CampList.Read(s.CampList);
                var split = Camps.CampSplit.Of(s.Id, camps, Tallies.ByCamp(camps, byCamp, s.Id), tallyOf(s.Id));
                var mine = split.Camps.First(c => Same(c.Camp.Name, camp)).Results;
                return mine is null ? null : new Row(s.SessionId, s.Title, s.Date, s.PublicBody, s.Counterpart, mine, s.JoinCode);
            })
            .OfType<Row>()
            .ToList();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
