using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Forlop.Domain.Catalogue;

namespace Forlop.Domain.Codes;

/// <summary>
/// An organisation's code in this installation's register (OUS, HSO, OUS-KIR): up to 32 letters, digits, '-' or
/// '_'. Not an official register id; an installation maps codes to RESH ids or organisation numbers.
/// </summary>
[JsonConverter(typeof(CodeJsonConverter<OrganisationCode>))]
public readonly record struct OrganisationCode : ICode<OrganisationCode>
{
    private static readonly LocalizedText Kind = new(Nb: "organisasjonskode", En: "organisation code");
    private readonly string? _value;

    private OrganisationCode(string value) => _value = value;

    public string Value => _value ?? "";

    public static bool TryParse([NotNullWhen(true)] string? text, out OrganisationCode code, [NotNullWhen(false)] out LocalizedText? problem)
    {
        problem = CodeShape.Problem(text, maxLength: 32, Kind, dashes: true);
        code = problem is null ? new OrganisationCode(text!) : default;
        return problem is null;
    }

    /// <summary>A code the program itself spells (tests, constants); throws <see cref="FormatException"/> when it is none.</summary>
    public static OrganisationCode Parse(string text) => CodeShape.Parse<OrganisationCode>(text);

    static OrganisationCode IParsable<OrganisationCode>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<OrganisationCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out OrganisationCode result) => TryParse(s, out result, out _);

    public int CompareTo(OrganisationCode other) => string.CompareOrdinal(Value, other.Value);

    public bool Equals(OrganisationCode other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    public static implicit operator string(OrganisationCode code) => code.Value;

    public static bool operator <(OrganisationCode left, OrganisationCode right) => left.CompareTo(right) < 0;

    public static bool operator <=(OrganisationCode left, OrganisationCode right) => left.CompareTo(right) <= 0;

    public static bool operator >(OrganisationCode left, OrganisationCode right) => left.CompareTo(right) > 0;

    public static bool operator >=(OrganisationCode left, OrganisationCode right) => left.CompareTo(right) >= 0;
}
