namespace SnogMarryAvoid.Web.Components;

/// <summary>The pages that load no MudBlazor assets: the participant's, the projector's, the sign-in forms and "Not found".</summary>
public static class LeanPaths
{
    public static bool IsLean(PathString path) =>
        path == "/" || path.StartsWithSegments("/join") || path.StartsWithSegments("/projector")
        || path.StartsWithSegments("/account") || path.StartsWithSegments("/setup") || path.StartsWithSegments("/not-found");

    /// <summary>
    /// The participant's vote page, <c>/join/CODE</c>, which loads no Blazor script at all: js/phone.js talks
    /// to the hub. (<c>/join</c> alone is the code-entry page.)
    /// </summary>
    public static bool IsPhonePage(PathString path) => path.StartsWithSegments("/join", out var rest) && rest.HasValue && rest != "/";
}
