using System.Collections.Concurrent;
using System.Text.Json;

namespace Forlop.Domain;

/// <summary>
/// The one spelling of enum values outside C#: lower-case words joined by '-' (<c>first-attendance</c>,
/// <c>no-treatment</c>, <c>on-track</c>), as the catalogue's YAML, the interchange contract, the stored columns, the
/// URLs and the JSON of the API write them. Everything that turns an enum into text or back goes through here; the
/// API's JSON converter uses <see cref="JsonPolicy"/>, so the two cannot drift apart.
/// </summary>
public static class EnumNames
{
    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    /// <summary>The naming policy for <c>JsonStringEnumConverter</c>: the same words as <see cref="Of{T}"/>.</summary>
    public static JsonNamingPolicy JsonPolicy { get; } = new KebabPolicy();

    /// <summary>The value's name in the catalogue's spelling.</summary>
    public static string Of<T>(T value) where T : struct, Enum => Of(value.ToString());

    /// <summary>A PascalCase name in the catalogue's spelling (FirstAttendance → first-attendance).</summary>
    public static string Of(string pascal) => Names.GetOrAdd(pascal, static p =>
        string.Concat(p.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())));

    /// <summary>Reads a value in the catalogue's spelling, the inverse of <see cref="Of{T}"/>; nothing else is accepted.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        // Only the documented spelling: lower-case words joined by '-' (treatment-started, not TreatmentStarted).
        if (string.IsNullOrWhiteSpace(text) || text.Any(char.IsUpper))
        {
            return false;
        }
        var pascal = string.Concat(text.Trim().Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
        return Enum.TryParse(pascal, ignoreCase: false, out value) && Enum.IsDefined(value)
            && !pascal.Any(char.IsDigit);
    }

    private sealed class KebabPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => Of(name);
    }
}
