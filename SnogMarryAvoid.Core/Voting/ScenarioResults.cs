namespace SnogMarryAvoid.Core.Voting;

public enum Verdict
{
    /// <summary>Nobody has voted.</summary>
    None = 0,
    Snog = 1,
    Marry = 2,
    Avoid = 3,

    /// <summary>Two or more choices share the highest count.</summary>
    Split = 4,
}

/// <summary>An immutable tally of one scenario. Percentages are whole numbers that add up to 100.</summary>
public sealed record ScenarioResults(Guid ScenarioId, int Snog, int Marry, int Avoid)
{
    public static ScenarioResults Empty(Guid scenarioId) => new(scenarioId, 0, 0, 0);

    public int Total => Snog + Marry + Avoid;

    /// <summary>The shares as <see cref="Percent"/> gives them, so that clients (the phone page, the API) never round on their own.</summary>
    public int SnogPercent => Percent(Choice.Snog);

    public int MarryPercent => Percent(Choice.Marry);

    public int AvoidPercent => Percent(Choice.Avoid);

    public int Count(Choice choice) => choice switch
    {
        Choice.Snog => Snog,
        Choice.Marry => Marry,
        Choice.Avoid => Avoid,
        _ => throw new ArgumentOutOfRangeException(nameof(choice)),
    };

    /// <summary>
    /// The share of the vote for a choice, rounded by the largest-remainder method so that the three
    /// shown figures always add up to 100 (or are all 0 when nobody voted).
    /// </summary>
    public int Percent(Choice choice)
    {
        if (Total == 0)
        {
            return 0;
        }

        Choice[] all = [Choice.Snog, Choice.Marry, Choice.Avoid];
        var floors = all.ToDictionary(c => c, c => Count(c) * 100 / Total);
        var leftOver = 100 - floors.Values.Sum();
        foreach (var c in all.OrderByDescending(c => Count(c) * 100 % Total).ThenBy(c => c).Take(leftOver))
        {
            floors[c]++;
        }

        return floors[choice];
    }

    /// <summary>The plurality choice; <see cref="Verdict.Split"/> on a tie for first place.</summary>
    public Verdict Verdict
    {
        get
        {
            if (Total == 0)
            {
                return Verdict.None;
            }

            var top = Math.Max(Snog, Math.Max(Marry, Avoid));
            var leaders = (Snog == top ? 1 : 0) + (Marry == top ? 1 : 0) + (Avoid == top ? 1 : 0);
            if (leaders > 1)
            {
                return Verdict.Split;
            }

            return Snog == top ? Verdict.Snog : Marry == top ? Verdict.Marry : Verdict.Avoid;
        }
    }
}
