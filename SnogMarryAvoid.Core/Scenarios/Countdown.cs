namespace SnogMarryAvoid.Core.Scenarios;

/// <summary>The countdown's range and the presets the console offers, as the manager's view carries them.</summary>
public sealed record CountdownRules(int MinSeconds, int MaxSeconds, IReadOnlyList<int> PresetSeconds);

/// <summary>
/// The one countdown range: a countdown runs for <see cref="MinSeconds"/> to <see cref="MaxSeconds"/>
/// seconds, wherever it is set (the console, the clicker, the hub). The presets are the usual lengths
/// that fall within it.
/// </summary>
public static class Countdown
{
    public const int MinSeconds = 5;
    public const int MaxSeconds = 600;

    private static readonly int[] UsualLengths = [30, 60, 90, 120, 300];

    public static CountdownRules Rules { get; } = new(MinSeconds, MaxSeconds, [.. UsualLengths.Where(s => s is >= MinSeconds and <= MaxSeconds)]);

    public static string OutOfRange => $"A countdown is {MinSeconds} to {MaxSeconds} seconds.";

    /// <summary>The countdown for <paramref name="seconds"/> (none for null), or <see cref="DomainError.InvalidInput"/> outside the range.</summary>
    public static TimeSpan? FromSeconds(int? seconds) => seconds switch
    {
        null => null,
        >= MinSeconds and <= MaxSeconds => TimeSpan.FromSeconds(seconds.Value),
        _ => throw OutOfRangeRefusal(),
    };

    /// <summary>Refuses a countdown outside the range (a whole number of seconds, as the console and the hub set it).</summary>
    public static void Check(TimeSpan? countdown)
    {
        if (countdown is { } c && (c.TotalSeconds < MinSeconds || c.TotalSeconds > MaxSeconds || c.TotalSeconds != Math.Floor(c.TotalSeconds)))
        {
            throw OutOfRangeRefusal();
        }
    }

    private static DomainException OutOfRangeRefusal() =>
        new DomainException(DomainError.InvalidInput, OutOfRange).Says("countdownRange", ("min", $"{MinSeconds}"), ("max", $"{MaxSeconds}"));

    /// <summary>How a preset reads in the console: "30 seconds", "2 minutes".</summary>
    public static string Describe(int seconds) => seconds switch
    {
        0 => "No timer",
        < 120 => $"{seconds} seconds",
        _ when seconds % 60 == 0 => $"{seconds / 60} minutes",
        _ => $"{seconds} seconds",
    };
}
