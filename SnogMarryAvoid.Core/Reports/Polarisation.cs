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

    /// <summary>What the score means, in the words every page uses (one click away from each score).</summary>
    public const string Definition =
        "How divided the room was, from 0 (everyone chose the same) to 1 (an even three-way split between snog, marry and avoid). " +
        "A 50/50 split between two choices scores 0.63. Below 0.35 the room agreed; below 0.6 it leaned one way; below 0.8 it was divided; from 0.8 it was very divided.";

    /// <summary>The word for a score: "agreed", "leaned one way", "divided" or "very divided".</summary>
    public static string Word(double score) => score switch
    {
        < 0.35 => "agreed",
        < 0.6 => "leaned one way",
        < 0.8 => "divided",
        _ => "very divided",
    };

    /// <summary>A score as every page shows it: "0.87 (very divided)".</summary>
    public static string Describe(double score) =>
        $"{score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} ({Word(score)})";

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
