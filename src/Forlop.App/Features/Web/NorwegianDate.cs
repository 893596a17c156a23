using System.Globalization;

namespace Forlop.App.Features.Web;

/// <summary>Dates as Norwegians write them (23.11.2026), in either language of the application.</summary>
public static class NorwegianDate
{
    public static string Format(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>A date typed as 23.11.2026 (or 3.1.2026); false for anything else.</summary>
    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), ["dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
