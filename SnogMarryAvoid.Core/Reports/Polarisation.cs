using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Reports;

/// <summary>
/// How split a room was, from 0 (everyone chose the same) to 1 (an even three-way split): the Shannon
/// entropy of the split divided by its largest possible value, ln 3. A 50/50 split between two choices
/// scores 0.63.
/// </summary>
public static class Polarisation
{
    /// <summary>Scenarios within this distance of a session's highest score are flagged as its most divided.</summary>
    public const double FlagMargin = 0.05;

    /// <summary>Below this, no scenario is flagged: a room that mostly agreed was not divided.</summary>
    public const double FlagFloor = 0.5;

    public static double Of(ScenarioResults results)
    {
        if (results.Total == 0)
        {
            return 0;
        }

        var entropy = new[] { results.Snog, results.Marry, results.Avoid }
            .Where(n => n > 0)
            .Select(n => (double)n / results.Total)
            .Sum(p => -p * Math.Log(p));
        return Math.Round(entropy / Math.Log(3), 4);
    }

    /// <summary>Which of a session's scores are its most divided: within <see cref="FlagMargin"/> of the top, and at least <see cref="FlagFloor"/>.</summary>
    public static IReadOnlyList<bool> MostDivided(IReadOnlyList<double> scores)
    {
        var top = scores.DefaultIfEmpty(0).Max();
        return scores.Select(s => top >= FlagFloor && s >= top - FlagMargin).ToList();
    }
}
