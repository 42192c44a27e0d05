namespace SnogMarryAvoid.Web.Components;

/// <summary>The pages that load no MudBlazor assets: the participant's and the projector's.</summary>
public static class LeanPaths
{
    public static bool IsLean(PathString path) =>
        path == "/" || path.StartsWithSegments("/join") || path.StartsWithSegments("/projector");
}
