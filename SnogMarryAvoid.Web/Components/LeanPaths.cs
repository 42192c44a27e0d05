namespace SnogMarryAvoid.Web.Components;

/// <summary>The pages that load no MudBlazor assets: the participant's, the projector's, the sign-in forms, "Not found" and the accessibility statement.</summary>
public static class LeanPaths
{
    public static bool IsLean(PathString path) =>
        path == "/" || path.StartsWithSegments("/join") || path.StartsWithSegments("/projector")
        || path.StartsWithSegments("/account") || path.StartsWithSegments("/setup") || path.StartsWithSegments("/not-found")
        || path.StartsWithSegments("/accessibility");

    /// <summary>
    /// The participant's vote page, <c>/join/CODE</c>, which loads no Blazor script at all: js/phone.js talks
    /// to the hub. (<c>/join</c> alone is the code-entry page.)
    /// </summary>
    public static bool IsPhonePage(PathString path) => path.StartsWithSegments("/join", out var rest) && rest.HasValue && rest != "/";

    /// <summary>
    /// The pages a participant opens on a phone: the code-entry page (<c>/</c>, <c>/join</c>) and the vote page.
    /// They load app.css alone (and the vote page its two scripts): no Blazor script, no import map, no staff
    /// styles, so a phone on venue Wi-Fi downloads only what it draws (docs/benchmarks.md).
    /// </summary>
    public static bool IsForPhones(PathString path) => path == "/" || path.StartsWithSegments("/join");
}
