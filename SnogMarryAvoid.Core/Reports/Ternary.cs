using SnogMarryAvoid.Core.Voting;

namespace SnogMarryAvoid.Core.Reports;

/// <summary>A point of the triangle chart, in a unit triangle: x from 0 to 1, y from 0 (top) to √3/2 (bottom).</summary>
public sealed record TernaryPoint(double X, double Y);

/// <summary>
/// The session at a glance: each scenario placed in a triangle by its snog, marry and avoid shares. The
/// corners are all-marry (top), all-snog (bottom left) and all-avoid (bottom right); an even three-way
/// split is the centre. Screen coordinates: y grows downwards, as in SVG.
/// </summary>
public static class Ternary
{
    public static readonly double Height = Math.Sqrt(3) / 2;

    public static TernaryPoint Marry { get; } = new(0.5, 0);
    public static TernaryPoint Snog { get; } = new(0, Height);
    public static TernaryPoint Avoid { get; } = new(1, Height);

    /// <summary>Where a tally sits; null when nobody voted (a scenario with no votes has no place).</summary>
    public static TernaryPoint? Of(ScenarioResults results)
    {
        if (results.Total == 0)
        {
            return null;
        }

        var (s, m, a) = ((double)results.Snog / results.Total, (double)results.Marry / results.Total, (double)results.Avoid / results.Total);
        return new(
            Math.Round((s * Snog.X) + (m * Marry.X) + (a * Avoid.X), 4),
            Math.Round((s * Snog.Y) + (m * Marry.Y) + (a * Avoid.Y), 4));
    }
}
