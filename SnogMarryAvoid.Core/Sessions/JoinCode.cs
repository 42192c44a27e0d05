using System.Security.Cryptography;

namespace SnogMarryAvoid.Core.Sessions;

/// <summary>
/// Short codes people type from a projector: upper case, 5 or 6 characters, drawn from an alphabet
/// without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
/// </summary>
public static class JoinCode
{
    public const string Alphabet = "ACDEFGHJKMNPQRTUVWXY34679";
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
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return null;
        }

        var chars = typed.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray();
        if (chars.Length is < MinLength or > MaxLength || chars.Any(c => !Alphabet.Contains(c)))
        {
            return null;
        }

        return new string(chars);
    }
}
