using System.Globalization;
using System.Text;

namespace SnogMarryAvoid.Core;

/// <summary>
/// The one place free text from people is cleaned and measured: trimmed (of spaces and of invisible
/// characters such as zero-width spaces and byte-order marks), control characters removed (line
/// breaks kept where allowed), and counted in characters as people see them (an emoji is one). A text
/// with nothing visible in it counts as empty. Text is stored as typed otherwise; every view renders it
/// as text, never as markup.
/// </summary>
public static class TextInput
{
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>The cleaned text, or null when it is empty; a <see cref="DomainException"/> when it is required or too long.</summary>
    public static string? Clean(string? text, string field, int maxLength, bool required, bool allowLineBreaks = false)
    {
        var cleaned = TrimInvisible(Strip(text ?? string.Empty, allowLineBreaks));
        if (!HasVisible(cleaned))
        {
            return required
                ? throw new DomainException(DomainError.InvalidInput, $"{field} is required.").Says("fieldRequired", ("field", field))
                : null;
        }

        var length = Length(cleaned);
        if (length > maxLength)
        {
            throw new DomainException(DomainError.InvalidInput, TooLong(field, length.ToString(CultureInfo.InvariantCulture), maxLength))
                .Says("fieldTooLong", ("field", field), ("length", length.ToString(CultureInfo.InvariantCulture)), ("max", maxLength.ToString(CultureInfo.InvariantCulture)));
        }

        return cleaned;
    }

    /// <summary>The refusal of a text over its limit: "Your reason is 281 characters; the limit is 280."</summary>
    public static string TooLong(string field, string length, int maxLength) => $"{field} is {length} characters; the limit is {maxLength}.";

    /// <summary><see cref="Clean"/> for a field that must have a value.</summary>
    public static string Required(string? text, string field, int maxLength, bool allowLineBreaks = false) =>
        Clean(text, field, maxLength, required: true, allowLineBreaks)!;

    /// <summary>
    /// Whether <paramref name="text"/> shows anything: a character other than white space, control and
    /// format characters (zero-width space, zero-width joiner, byte-order mark, direction marks, tags),
    /// variation selectors and the blank "filler" letters that render as nothing.
    /// </summary>
    public static bool HasVisible(string text) => text.EnumerateRunes().Any(r => !IsInvisible(r));

    private static bool IsInvisible(Rune rune) =>
        Rune.IsWhiteSpace(rune) || Rune.IsControl(rune) || IsTrimmable(rune)
        || rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or 0x034F;

    // What may go from either end: format characters and blank fillers. Not variation selectors: at
    // the end of a text they belong to the emoji before them.
    private static bool IsTrimmable(Rune rune) =>
        Rune.IsWhiteSpace(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format
        || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800;

    private static string TrimInvisible(string text)
    {
        var runes = text.EnumerateRunes().ToList();
        var start = runes.FindIndex(r => !IsTrimmable(r));
        if (start < 0)
        {
            return string.Empty;
        }

        var end = runes.FindLastIndex(r => !IsTrimmable(r));
        return string.Concat(runes.Skip(start).Take(end - start + 1).Select(r => r.ToString()));
    }

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
