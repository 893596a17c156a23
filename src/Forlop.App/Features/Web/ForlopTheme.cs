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
            Warning = "#b26a00",
            Error = "#c62828",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
