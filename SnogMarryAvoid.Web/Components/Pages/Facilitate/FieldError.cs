namespace SnogMarryAvoid.Web.Components.Pages.Facilitate;

/// <summary>
/// Puts Core's refusal beside the field it is about: Core's messages about a field start with the field's
/// name, in every language ("Counterpart is required.", "Y parti arall: mae angen hwn."; Languages.Field), so a
/// form shows each under its field and only the rest in a banner.
/// </summary>
public static class FieldError
{
    /// <summary>
    /// The message if it is about <paramref name="field"/>, else null. "Public body (cy) is required." is about the
    /// Welsh field "Public body (cy)", not the English "Public body".
    /// </summary>
    public static string? Of(string? message, string field) =>
        message is not null && message.Length > field.Length && message.StartsWith(field, StringComparison.Ordinal) && message[field.Length] is ' ' or ':'
        && !message.StartsWith(field + " (", StringComparison.Ordinal) ? message : null;

    /// <summary>The message if it is about none of <paramref name="fields"/>, else null.</summary>
    public static string? Unplaced(string? message, params string[] fields) =>
        message is not null && fields.All(f => Of(message, f) is null) ? message : null;
}
