using NodaTime;
using NodaTime.Text;

namespace Forlop.Domain.Catalogue;

/// <summary>A text in both languages, as the catalogue's YAML files write it (<c>nb:</c> and <c>en:</c>).</summary>
internal sealed class CatalogueText
{
    public string? Nb { get; set; }
    public string? En { get; set; }
}

/// <summary>
/// The field checks the catalogue's file parsers share (pathways, indicators): each reports a problem by its entry's
/// path and gives a value to go on with, so one reading lists every problem of a file.
/// </summary>
internal static class CatalogueFields
{
    /// <summary>A text in both languages; <paramref name="what"/> names it in the problem ("name", "text").</summary>
    public static LocalizedText Text(CatalogueText? text, string entry, Action<string, string> problem, string what)
    {
        if (string.IsNullOrWhiteSpace(text?.Nb) || string.IsNullOrWhiteSpace(text.En))
        {
            problem(entry, $"needs a {what} in both nb and en");
        }
        return new LocalizedText(text?.Nb?.Trim() ?? "", text?.En?.Trim() ?? "");
    }

    public static LocalDate? Date(string? text, string entry, Action<string, string> problem)
    {
        if (IsoDate.Parse(text) is { } date)
        {
            return date;
        }
        problem(entry, $"'{text}' is not a date (YYYY-MM-DD)");
        return null;
    }

    /// <summary>Whether a fact is verified and where it was seen; <paramref name="what"/> names the fact ("fact", "definition").</summary>
    public static Provenance Source(bool? verified, string? source, string entry, Action<string, string> problem, string what)
    {
        if (verified is null)
        {
            problem(entry, "needs 'verified: true' or 'verified: false'");
        }
        if (string.IsNullOrWhiteSpace(source))
        {
            problem(entry, $"needs a source (where the {what} was seen, or what is missing)");
        }
        return new Provenance(verified ?? false, source?.Trim() ?? "");
    }

    /// <summary>An enum in the catalogue's spelling; a problem lists the values offered (all but <paramref name="notOffered"/>).</summary>
    public static T Enum<T>(string? text, string entry, Action<string, string> problem, bool required, params string[] notOffered) where T : struct, Enum
    {
        if (EnumNames.TryParse<T>(text, out var value))
        {
            return value;
        }
        if (required || text is not null)
        {
            var allowed = string.Join(", ", System.Enum.GetNames<T>().Where(n => !notOffered.Contains(n, StringComparer.Ordinal)).Select(EnumNames.Of));
            problem(entry, text is null ? $"is missing (one of: {allowed})" : $"'{text}' is not one of: {allowed}");
        }
        return default;
    }
}
