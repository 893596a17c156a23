using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Forlop.Domain.Catalogue;

namespace Forlop.Domain.Codes;

/// <summary>
/// A pathway's code as the coding guide gives it: the cancer pathways' A12, B01, C01, the mental-health type codes
/// (Volven 9321) D11, DGRA, and this project's HJEM and HS: up to 8 capital letters and digits.
/// </summary>
[JsonConverter(typeof(CodeJsonConverter<PathwayCode>))]
public readonly record struct PathwayCode : ICode<PathwayCode>
{
    private static readonly LocalizedText Kind = new(Nb: "forløpskode", En: "pathway code");
    private readonly string? _value;

    private PathwayCode(string value) => _value = value;

    public string Value => _value ?? "";

    public static bool TryParse([NotNullWhen(true)] string? text, out PathwayCode code, [NotNullWhen(false)] out LocalizedText? problem)
    {
        problem = CodeShape.Problem(text, maxLength: 8, Kind, upperCase: true);
        code = problem is null ? new PathwayCode(text!) : default;
        return problem is null;
    }

    /// <summary>A code the program itself spells (tests, constants); throws <see cref="FormatException"/> when it is none.</summary>
    public static PathwayCode Parse(string text) => CodeShape.Parse<PathwayCode>(text);

    static PathwayCode IParsable<PathwayCode>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<PathwayCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out PathwayCode result) => TryParse(s, out result, out _);

    public int CompareTo(PathwayCode other) => string.CompareOrdinal(Value, other.Value);

    public bool Equals(PathwayCode other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    public static implicit operator string(PathwayCode code) => code.Value;

    public static bool operator <(PathwayCode left, PathwayCode right) => left.CompareTo(right) < 0;

    public static bool operator <=(PathwayCode left, PathwayCode right) => left.CompareTo(right) <= 0;

    public static bool operator >(PathwayCode left, PathwayCode right) => left.CompareTo(right) > 0;

    public static bool operator >=(PathwayCode left, PathwayCode right) => left.CompareTo(right) >= 0;
}
