using System.Security.Cryptography;

namespace SnogMarryAvoid.Core.Sessions;

/// <summary>
/// Short codes people type from a projector: upper case, 5 or 6 characters, drawn from an alphabet
/// without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
/// </summary>
public static class JoinCode
{
    public const string Alphabet = "ACDEFGHJKMNPQRTUVWXY34679";

    /// <summary>The characters left out because they look like others: no code has any of them.</summary>
    public const string LookAlikes = "01258BILOSZ";
    public const int MinLength = 5;
    public const int MaxLength = 6;

    public static string Generate(int length = MinLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxLength);
        return RandomNumberGenerator.GetString(Alphabet, length);
    }

    /// <summary>
    /// Turns what someone typed into a code: case, spaces and dashes are forgiven. Returns null when
    /// what is left cannot be a code (wrong length or a character outside the alphabet).
    /// </summary>
    public static string? Normalize(string? typed) => Shape(typed) is { } code && code.All(Alphabet.Contains) ? code : null;

    /// <summary>
    /// What someone typed, made into the shape of a code (upper case, without spaces and dashes) when
    /// it is 5 or 6 letters and digits, whether or not they are all in the alphabet; else null.
    /// </summary>
    public static string? Shape(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return null;
        }

        var chars = typed.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray();
        return chars.Length is >= MinLength and <= MaxLength && chars.All(char.IsAsciiLetterOrDigit) ? new string(chars) : null;
    }

    /// <summary>The look-alike characters in a code-shaped text ("Z", "0 and O"), or null when there are none.</summary>
    public static string? LookAlikesIn(string shaped)
    {
        var found = shaped.Where(LookAlikes.Contains).Distinct().Select(c => c.ToString()).ToList();
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => $"{string.Join(", ", found[..^1])} and {found[^1]}",
        };
    }
}
