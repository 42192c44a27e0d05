using MudBlazor;

namespace SnogMarryAvoid.Web.Components.Layout;

/// <summary>
/// The staff pages' MudBlazor theme: our colours, the system font stack (no web fonts to fetch) and
/// sentence-case buttons. The button scale: the default size for a page's and a form's actions, small
/// only for an action inside one row of a list (a reason, an account, a co-facilitator).
/// </summary>
public static class AppTheme
{
    private static readonly string[] SystemFonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        // Every colour used for text or outlines on white reaches WCAG AA contrast (4.5:1) or better.
        PaletteLight = new PaletteLight
        {
            Primary = "#7a1f5c",
            Secondary = "#1864ab",
            Tertiary = "#5c3d99",
            Info = "#0b5cad",
            Success = "#1b6e35",
            Warning = "#8a4b00",
            Error = "#b3261e",
            Dark = "#1d1d1f",
            TextSecondary = "#55505a",
            ActionDisabled = "#6e6a73",
            AppbarBackground = "#7a1f5c",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },

            // One button case on every staff page: sentence case, as written ("Open voting", not "OPEN VOTING").
            Button = new ButtonTypography { FontFamily = SystemFonts, TextTransform = "none", FontWeight = "600" },
        },
    };
}
