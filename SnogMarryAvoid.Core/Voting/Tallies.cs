using Microsoft.EntityFrameworkCore;
using SnogMarryAvoid.Core.Camps;
using SnogMarryAvoid.Core.Persistence;

namespace SnogMarryAvoid.Core.Voting;

/// <summary>Tallies are derived from the vote rows, never kept as counters.</summary>
internal static class Tallies
{
    public static async Task<ScenarioResults> CountAsync(SnogDbContext ctx, Guid scenarioId, CancellationToken ct = default)
    {
        var counts = await ctx.Votes.AsNoTracking()
            .Where(v => v.ScenarioId == scenarioId)
            .GroupBy(v => v.Choice)
            .Select(g => new { Choice = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        int Of(Choice c) => counts.FirstOrDefault(x => x.Choice == c)?.Count ?? 0;
        return new ScenarioResults(scenarioId, Of(Choice.Snog), Of(Choice.Marry), Of(Choice.Avoid));
    }

    /// <summary>The tallies of many scenarios in one query; a scenario nobody voted on counts zero.</summary>
    public static async Task<Func<Guid, ScenarioResults>> CountManyAsync(SnogDbContext ctx, IReadOnlyCollection<Guid> scenarioIds, CancellationToken ct = default)
    {
        var counts = await ctx.Votes.AsNoTracking()
            .Where(v => scenarioIds.Contains(v.ScenarioId))
            .GroupBy(v => new { v.ScenarioId, v.Choice })
            .Select(g => new { g.Key.ScenarioId, g.Key.Choice, Count = g.Count() })
            .ToListAsync(ct);
        var byScenario = counts.ToLookup(c => c.ScenarioId);
        return id =>
        {
            int Of(Choice c) => byScenario[id].FirstOrDefault(x => x.Choice == c)?.Count ?? 0;
            return new ScenarioResults(id, Of(Choice.Snog), Of(Choice.Marry), Of(Choice.Avoid));
        };
    }

    /// <summary>
    /// The tally with the last vote sequence it surely includes, and whether the room may see it
    /// (<see cref="ResultsVisibility"/>), for results events and for a participant's request alike. The
    /// sequence is read first: every vote up to it has committed, so the count that follows includes
    /// them all (and perhaps a few more).
    /// </summary>
    public static async Task<(ScenarioResults Results, long LastSequence, bool VisibleToRoom)> CountWithSequenceAsync(SnogDbContext ctx, Guid sessionId, Guid scenarioId, CancellationToken ct = default)
    {
        var state = await ctx.Sessions.AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Select(s => new
            {
                s.VoteSequence,
                s.ShowResultsLive,
                State = ctx.Scenarios.Where(x => x.Id == scenarioId).Select(x => (Scenarios.ScenarioState?)x.State).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        var results = await CountAsync(ctx, scenarioId, ct);
        return state is null ? (results, 0, false) : (results, state.VoteSequence, state.State is { } s && ResultsVisibility.ToRoom(state.ShowResultsLive, s));
    }

    /// <summary>
    /// What a results event carries (<see cref="CountWithSequenceAsync"/>), and the split by camp when the
    /// session asks camps: the session's row is read once for both, so a session without camps costs no
    /// query more than before.
    /// </summary>
    public static async Task<(ScenarioResults Results, long LastSequence, bool VisibleToRoom, CampSplitView? Split)> CountForBroadcastAsync(SnogDbContext ctx, Guid sessionId, Guid scenarioId, CancellationToken ct = default)
    {
        var state = await ctx.Sessions.AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Select(s => new
            {
                s.VoteSequence,
                s.ShowResultsLive,
                s.AsksCamp,
                s.CampList,
                State = ctx.Scenarios.Where(x => x.Id == scenarioId).Select(x => (Scenarios.ScenarioState?)x.State).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        var results = await CountAsync(ctx, scenarioId, ct);
        if (state is null)
        {
            return (results, 0, false, null);
        }

        var split = state.AsksCamp ? await SplitAsync(ctx, CampList.Read(state.CampList), results, ct) : null;
        return (results, state.VoteSequence, state.State is { } s && ResultsVisibility.ToRoom(state.ShowResultsLive, s), split);
    }

    /// <summary>
    /// The scenario's split by the session's camps under the three-person rule (<see cref="CampSplit"/>).
    /// Each vote counts in the camp its participant has now.
    /// </summary>
    public static async Task<CampSplitView> SplitAsync(SnogDbContext ctx, IReadOnlyList<Camp> camps, ScenarioResults room, CancellationToken ct = default)
    {
        var byCamp = await CountByCampAsync(ctx, [room.ScenarioId], ct);
        return CampSplit.Of(room.ScenarioId, camps, ByCamp(camps, byCamp, room.ScenarioId), room);
    }

    /// <summary>Each scenario's tally per camp (by its place in the session's list), in one query; votes of people with no camp are left out.</summary>
    public static async Task<ILookup<Guid, (int Camp, Choice Choice, int Count)>> CountByCampAsync(SnogDbContext ctx, IReadOnlyCollection<Guid> scenarioIds, CancellationToken ct = default)
    {
        var counts = await (
            from v in ctx.Votes.AsNoTracking()
            where scenarioIds.Contains(v.ScenarioId)
            join p in ctx.Participants.AsNoTracking() on v.ParticipantId equals p.Id
            where p.Camp != null
            group v by new { v.ScenarioId, Camp = p.Camp!.Value, v.Choice } into g
            select new { g.Key.ScenarioId, g.Key.Camp, g.Key.Choice, Count = g.Count() }).ToListAsync(ct);
        return counts.ToLookup(c => c.ScenarioId, c => (c.Camp, c.Choice, c.Count));
    }

    /// <summary>One scenario's counts per camp as tallies keyed by camp (a camp nobody in it voted has none).</summary>
    public static IReadOnlyDictionary<Camp, ScenarioResults> ByCamp(IReadOnlyList<Camp> camps, ILookup<Guid, (int Camp, Choice Choice, int Count)> counts, Guid scenarioId) =>
        counts[scenarioId]
            .Where(c => c.Camp >= 0 && c.Camp < camps.Count)
            .GroupBy(c => c.Camp)
            .ToDictionary(g => camps[g.Key], g =>
            {
                int Of(Choice choice) => g.Where(x => x.Choice == choice).Sum(x => x.Count);
                return new ScenarioResults(scenarioId, Of(Choice.Snog), Of(Choice.Marry), Of(Choice.Avoid));
            });
}
