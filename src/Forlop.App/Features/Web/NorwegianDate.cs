using System.Globalization;

namespace Forlop.App.Features.Web;

/// <summary>Dates as Norwegians write them (23.11.2026), in either language of the application.</summary>
public static class NorwegianDate
{
    public static string Format(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
