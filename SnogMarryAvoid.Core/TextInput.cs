using System.Globalization;
using System.Text;

namespace SnogMarryAvoid.Core;

/// <summary>
/// The one place free text from people is cleaned and measured: trimmed, control characters removed
/// (line breaks kept where allowed), and counted in characters as people see them (an emoji is one).
/// Text is stored as typed otherwise; every view renders it as text, never as markup.
/// </summary>
public static class TextInput
{
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>The cleaned text, or null when it is empty; a <see cref="DomainException"/> when it is required or too long.</summary>
    public static string? Clean(string? text, string field, int maxLength, bool required, bool allowLineBreaks = false)
    {
        var cleaned = Strip(text ?? string.Empty, allowLineBreaks).Trim();
        if (cleaned.Length == 0)
        {
            return required
                ? throw new DomainException(DomainError.InvalidInput, $"{field} is required.")
                : null;
        }

        var length = Length(cleaned);
        if (length > maxLength)
        {
            throw new DomainException(DomainError.InvalidInput, $"{field} is {length} characters; the limit is {maxLength}.");
        }

        return cleaned;
    }

    /// <summary><see cref="Clean"/> for a field that must have a value.</summary>
    public static string Required(string? text, string field, int maxLength, bool allowLineBreaks = false) =>
        Clean(text, field, maxLength, required: true, allowLineBreaks)!;

    private static string Strip(string text, bool allowLineBreaks)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            if (c == '\n' && allowLineBreaks)
            {
                builder.Append(c);
            }
            else if (c is '\t' or '\n' or '\r')
            {
                builder.Append(' ');
            }
            else if (!char.IsControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
