using Microsoft.EntityFrameworkCore;
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
}
