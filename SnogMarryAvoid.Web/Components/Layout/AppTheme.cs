using MudBlazor;

namespace SnogMarryAvoid.Web.Components.Layout;

/// <summary>The console's MudBlazor theme: our colours and the system font stack (no web fonts to fetch).</summary>
public static class AppTheme
{
    private static readonly string[] SystemFonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#7a1f5c",
            Secondary = "#1864ab",
            AppbarBackground = "#7a1f5c",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
        },
    };
}
