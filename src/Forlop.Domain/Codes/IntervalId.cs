using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Forlop.Domain.Catalogue;

namespace Forlop.Domain.Codes;

/// <summary>
/// An interval's name in the catalogue and the indicators: OF1–OF4 for cancer, EV1/EV2 for mental health, OTN, DTN …
/// for stroke; up to 8 capital letters and digits.
/// </summary>
[JsonConverter(typeof(CodeJsonConverter<IntervalId>))]
public readonly record struct IntervalId : ICode<IntervalId>
{
    private static readonly LocalizedText Kind = new(Nb: "intervallkode", En: "interval code");
    private readonly string? _value;

    private IntervalId(string value) => _value = value;

    public string Value => _value ?? "";

    public static bool TryParse([NotNullWhen(true)] string? text, out IntervalId code, [NotNullWhen(false)] out LocalizedText? problem)
    {
        problem = CodeShape.Problem(text, maxLength: 8, Kind, upperCase: true);
        code = problem is null ? new IntervalId(text!) : default;
        return problem is null;
    }

    /// <summary>A code the program itself spells (tests, constants); throws <see cref="FormatException"/> when it is none.</summary>
    public static IntervalId Parse(string text) => CodeShape.Parse<IntervalId>(text);

    static IntervalId IParsable<IntervalId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<IntervalId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out IntervalId result) => TryParse(s, out result, out _);

    public int CompareTo(IntervalId other) => string.CompareOrdinal(Value, other.Value);

    public bool Equals(IntervalId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    public static implicit operator string(IntervalId code) => code.Value;

    public static bool operator <(IntervalId left, IntervalId right) => left.CompareTo(right) < 0;

    public static bool operator <=(IntervalId left, IntervalId right) => left.CompareTo(right) <= 0;

    public static bool operator >(IntervalId left, IntervalId right) => left.CompareTo(right) > 0;

    public static bool operator >=(IntervalId left, IntervalId right) => left.CompareTo(right) >= 0;
}
