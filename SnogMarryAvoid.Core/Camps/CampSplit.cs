using System.Globalization;
using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Camps;

/// <summary>One camp's part of a split: its tally, or null when it is shown only as part of the room.</summary>
public sealed record CampTally(Camp Camp, ScenarioResults? Results)
{
    public bool Shown => Results is not null;
}

/// <summary>The two camps that saw a scenario most differently, and each one's leading choice.</summary>
public sealed record CampGap(Camp First, Choice FirstChoice, int FirstPercent, Camp Second, Choice SecondChoice, int SecondPercent, double Distance)
{
    /// <summary>"Public bodies: marry 64 % · Online: avoid 58 %".</summary>
    public string Text =>
        string.Create(CultureInfo.InvariantCulture, $"{First.Short}: {Word(FirstChoice)} {FirstPercent} % · {Second.Short}: {Word(SecondChoice)} {SecondPercent} %");

    private static string Word(Choice choice) => choice.ToString().ToLowerInvariant();
}

/// <summary>
/// A scenario's split by camp: a tally per camp that may be shown (in the session's order), how many
/// votes are counted only as part of the room (small camps and people who gave no camp), and the widest
/// gap between the shown camps.
/// </summary>
public sealed record CampSplitView(Guid ScenarioId, IReadOnlyList<CampTally> Camps, int Others, CampGap? WidestGap)
{
    /// <summary>Whether any camp is shown on its own.</summary>
    public bool AnyShown => Camps.Any(c => c.Shown);
}

/// <summary>
/// Splits a scenario's votes by camp, under the three-person rule: a camp with fewer than
/// <see cref="CampRules.SmallestShown"/> voters is shown only as part of the room. And since the room's
/// own tally is shown, the votes not in a shown camp (the small camps and those who gave no camp) are
/// a tally too: when they are one or two people, the smallest shown camp is folded in with them, and
/// so on, so that no vote can be worked out by subtracting the shown camps from the room.
/// </summary>
public static class CampSplit
{
    /// <summary>Below this distance between two camps' splits (half the sum of the share differences), there is no gap worth naming.</summary>
    public const double GapFloor = 0.2;

    /// <param name="camps">The session's camps, in their order.</param>
    /// <param name="byCamp">The tally of each camp's voters (camps missing have no voter).</param>
    /// <param name="room">The whole room's tally, those who gave no camp included.</param>
    public static CampSplitView Of(Guid scenarioId, IReadOnlyList<Camp> camps, IReadOnlyDictionary<Camp, ScenarioResults> byCamp, ScenarioResults room)
    {
        ScenarioResults Tally(Camp camp) => byCamp.TryGetValue(camp, out var tally) ? tally : ScenarioResults.Empty(scenarioId);
        var shown = camps.Where(c => Tally(c).Total >= CampRules.SmallestShown).ToHashSet();
        while (true)
        {
            var rest = room.Total - shown.Sum(c => Tally(c).Total);
            if (rest is 0 or >= CampRules.SmallestShown || shown.Count == 0)
            {
                break;
            }

            // The smallest shown camp goes; of two as small, the later one.
            shown.Remove(camps.Where(shown.Contains).Reverse().MinBy(c => Tally(c).Total)!);
        }

        var tallies = camps.Select(c => new CampTally(c, shown.Contains(c) ? Tally(c) : null)).ToList();
        var others = room.Total - tallies.Where(t => t.Shown).Sum(t => t.Results!.Total);
        return new CampSplitView(scenarioId, tallies, others, WidestGap(tallies.Where(t => t.Shown).ToList()));
    }

    private static CampGap? WidestGap(IReadOnlyList<CampTally> shown)
    {
        var choices = Enum.GetValues<Choice>();
        double Share(ScenarioResults r, Choice c) => (double)r.Count(c) / r.Total;
        var pairs = from i in Enumerable.Range(0, shown.Count)
                    from j in Enumerable.Range(i + 1, shown.Count - i - 1)
                    let a = shown[i]
                    let b = shown[j]
                    let distance = Math.Round(choices.Sum(c => Math.Abs(Share(a.Results!, c) - Share(b.Results!, c))) / 2, 4)
                    select (a, b, distance);
        var widest = pairs.OrderByDescending(p => p.distance).FirstOrDefault();
        if (widest.a is null || widest.distance < GapFloor)
        {
            return null;
        }

        // Each camp's leading choice; on a tie, the one where it differs most from the other camp.
        Choice Lead(ScenarioResults mine, ScenarioResults theirs) => choices
            .OrderByDescending(c => mine.Count(c))
            .ThenByDescending(c => Share(mine, c) - Share(theirs, c))
            .First();
        var (first, second) = (widest.a.Results!, widest.b.Results!);
        var firstChoice = Lead(first, second);
        var secondChoice = Lead(second, first);
        return new CampGap(widest.a.Camp, firstChoice, first.Percent(firstChoice), widest.b.Camp, secondChoice, second.Percent(secondChoice), widest.distance);
    }
}
