using MudBlazor;

namespace EdgeHive.Cloud.Portal.Components.Layout;

/// <summary>The portal's MudBlazor theme: light and dark palettes with the same accents, and the system font stack
/// (the portal loads no web fonts, so it looks the same on machines without internet access).</summary>
internal static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00897b",
            AppbarBackground = "#0d47a1",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#64b5f6",
            Secondary = "#4db6ac",
            AppbarBackground = "#1b1f27",
            Background = "#12151b",
            Surface = "#1b1f27",
            DrawerBackground = "#1b1f27",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
