using MudBlazor;

namespace Forlop.App.Features.Web;

/// <summary>Colours and type of the web application. System fonts: hospital networks often block font hosts.</summary>
public static class ForlopTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            AppbarBackground = "#1f5f8b",
            Success = "#2e7d32",
            // Dark enough for text on white at WCAG AA (4.5:1): the "Frist nær" chip was 4.2:1 with #b26a00.
            Warning = "#8a5300",
            Secondary = "#6a1b9a",
            Info = "#0b5394",
            Error = "#c62828",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
