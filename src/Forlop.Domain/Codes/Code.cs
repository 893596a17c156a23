using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Forlop.Domain.Catalogue;

namespace Forlop.Domain.Codes;

/// <summary>
/// A code of the coding guide (pathway, measurement point, interval) or of the organisation register: a short text
/// that is checked once, where it enters (catalogue file, batch file, API, command line), and then travels as its own
/// type so the inside never re-checks or confuses one kind of code with another.
/// </summary>
/// <remarks>
/// Codes convert implicitly to <see cref="string"/> (for storage, display and ordinal dictionaries) but never from
/// it: the only way in is <see cref="TryParse"/>, which says what is wrong in bokmål and English, or
/// <see cref="IParsable{TSelf}.Parse(string, IFormatProvider?)"/> for values the program itself spells.
/// </remarks>
public interface ICode<TSelf> : IParsable<TSelf>, IComparable<TSelf>, IEquatable<TSelf>
    where TSelf : struct, ICode<TSelf>
{
    string Value { get; }

    /// <summary>Reads a code; false with the reason when <paramref name="text"/> is not one (nothing is trimmed).</summary>
    static abstract bool TryParse([NotNullWhen(true)] string? text, out TSelf code, [NotNullWhen(false)] out LocalizedText? problem);
}

/// <summary>The shape checks the code types share.</summary>
internal static class CodeShape
{
    /// <summary>
    /// Null when <paramref name="text"/> is 1..<paramref name="maxLength"/> ASCII letters or digits (and, where
    /// allowed, '-' or '_'), starting with a letter or digit; otherwise the reason, naming the kind of code.
    /// </summary>
    public static LocalizedText? Problem(string? text, int maxLength, LocalizedText kind, bool dashes = false, bool upperCase = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new(Nb: $"{Capital(kind.Nb)} mangler.", En: $"{Capital(kind.En)} is missing");
        }
        var shown = text.Length > 40 ? text[..40] + "…" : text;
        var a = "aeiou".Contains(kind.En[0], StringComparison.Ordinal) ? "an" : "a";
        if (text.Length > maxLength)
        {
            return new(Nb: $"«{shown}» er ingen {kind.Nb}: høyst {maxLength} tegn.", En: $"'{shown}' is not {a} {kind.En}: at most {maxLength} characters");
        }
        var ok = char.IsAsciiLetterOrDigit(text[0])
            && text.All(c => char.IsAsciiLetterOrDigit(c) || (dashes && c is '-' or '_'))
            && (!upperCase || !text.Any(char.IsAsciiLetterLower));
        if (ok)
        {
            return null;
        }
        var allowed = (dashes, upperCase) switch
        {
            (true, _) => new LocalizedText(Nb: "bokstaver (a–z), sifre, '-' og '_'", En: "letters (a–z), digits, '-' and '_'"),
            (false, true) => new LocalizedText(Nb: "store bokstaver (A–Z) og sifre", En: "capital letters (A–Z) and digits"),
            _ => new LocalizedText(Nb: "bokstaver (a–z) og sifre", En: "letters (a–z) and digits"),
        };
        return new(Nb: $"«{shown}» er ingen {kind.Nb}: bare {allowed.Nb}.", En: $"'{shown}' is not {a} {kind.En}: only {allowed.En}");
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    public static TSelf Parse<TSelf>(string text) where TSelf : struct, ICode<TSelf> =>
        TSelf.TryParse(text, out var code, out var problem) ? code : throw new FormatException(problem.En);
}

/// <summary>Writes a code as its text and reads it back through the type's own check (JSON APIs and exports).</summary>
public sealed class CodeJsonConverter<TSelf> : JsonConverter<TSelf> where TSelf : struct, ICode<TSelf>
{
    public override TSelf Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TSelf.TryParse(reader.GetString(), out var code, out var problem) ? code : throw new JsonException(problem.En);

    public override void Write(Utf8JsonWriter writer, TSelf value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);

    public override TSelf ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TSelf value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Value);
}
