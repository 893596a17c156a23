using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Forlop.Domain.Catalogue;

namespace Forlop.Domain.Codes;

/// <summary>
/// A measurement point's code (A12A, A12CK, X9377E): letters and digits, up to 16. A prefixed code begins with its
/// pathway's code (<see cref="BelongsTo"/>); the shared codes of the current mental-health shape do not.
/// </summary>
[JsonConverter(typeof(CodeJsonConverter<EventCode>))]
public readonly record struct EventCode : ICode<EventCode>
{
    private static readonly LocalizedText Kind = new(Nb: "målepunktkode", En: "measurement point code");
    private readonly string? _value;

    private EventCode(string value) => _value = value;

    public string Value => _value ?? "";

    public static bool TryParse([NotNullWhen(true)] string? text, out EventCode code, [NotNullWhen(false)] out LocalizedText? problem)
    {
        problem = CodeShape.Problem(text, maxLength: 16, Kind);
        code = problem is null ? new EventCode(text!) : default;
        return problem is null;
    }

    /// <summary>A code the program itself spells (tests, constants); throws <see cref="FormatException"/> when it is none.</summary>
    public static EventCode Parse(string text) => CodeShape.Parse<EventCode>(text);

    static EventCode IParsable<EventCode>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<EventCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out EventCode result) => TryParse(s, out result, out _);

    /// <summary>Whether this code carries the pathway's code as its prefix, as every prefixed code of the guide does.</summary>
    public bool BelongsTo(PathwayCode pathway) => pathway.Value.Length > 0 && Value.StartsWith(pathway.Value, StringComparison.Ordinal);

    public int CompareTo(EventCode other) => string.CompareOrdinal(Value, other.Value);

    public bool Equals(EventCode other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    public static implicit operator string(EventCode code) => code.Value;

    public static bool operator <(EventCode left, EventCode right) => left.CompareTo(right) < 0;

    public static bool operator <=(EventCode left, EventCode right) => left.CompareTo(right) <= 0;

    public static bool operator >(EventCode left, EventCode right) => left.CompareTo(right) > 0;

    public static bool operator >=(EventCode left, EventCode right) => left.CompareTo(right) >= 0;
}
