using Forlop.Domain.Catalogue;
using NodaTime;

namespace Forlop.Domain.Patients;

/// <summary>What kind of Norwegian identity number a value is.</summary>
public enum NationalIdentityNumberKind
{
    BirthNumber,
    DNumber,
    HNumber,
    Synthetic,
}

/// <summary>
/// A Norwegian national identity number (fødselsnummer, D-nummer, H-nummer or synthetic test number): DDMMYY
/// (day + 40 for a D-number, month + 40 for an H-number, month + 80 for a synthetic test number), an individual
/// number of three digits and two check digits.
/// </summary>
/// <remarks>
/// Check digits: today the first weighted sum (3 7 6 1 8 9 4 5 2, and 1 for K1) must leave remainder 0 modulo 11;
/// for numbers issued from 1 January 2032 it may leave 0, 1, 2 or 3. The second (5 4 3 2 7 6 5 4 3 2, and 1 for K2)
/// must leave 0 under both rules. Source: Skatteetaten, "Nytt fødselsnummer fra 2032"
/// (github.com/Skatteetaten/folkeregisteret-api-dokumentasjon, src/om-tjenestene/nyttfnr2032.md). From 2032 the
/// individual number no longer tells the century, so <see cref="BirthDate"/> of a number valid only under the new
/// rule is a best guess (<see cref="CenturyIsCertain"/> is false).
/// </remarks>
public readonly record struct NationalIdentityNumber
{
    private static readonly int[] K1Weights = [3, 7, 6, 1, 8, 9, 4, 5, 2, 1];
    private static readonly int[] K2Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
    private static readonly LocalizedText NotElevenDigits = new(En: "must be 11 digits", Nb: "må ha 11 sifre");

    private NationalIdentityNumber(string value, NationalIdentityNumberKind kind, LocalDate birthDate, bool centuryIsCertain)
    {
        Value = value;
        Kind = kind;
        BirthDate = birthDate;
        CenturyIsCertain = centuryIsCertain;
    }

    public string Value { get; }
    public NationalIdentityNumberKind Kind { get; }
    /// <summary>The birth date the number encodes, its century read from the individual number (pre-2032 table).</summary>
    public LocalDate BirthDate { get; }

    /// <summary>False for a number valid only under the 2032 rule, whose individual number no longer tells the century.</summary>
    public bool CenturyIsCertain { get; }
    public string Masked => Value is null ? "" : Value[..6] + "*****";

    public override string ToString() => Value;

    /// <summary>
    /// Makes the number of a birth date and individual number with check digits under the current rule, for test
    /// and demo data. False when no check digit fits (about one individual number in five), as for real numbers.
    /// </summary>
    public static bool TryCreate(LocalDate birthDate, int individual, NationalIdentityNumberKind kind, out NationalIdentityNumber number)
    {
        number = default;
        Span<int> d = stackalloc int[11];
        var day = birthDate.Day + (kind == NationalIdentityNumberKind.DNumber ? 40 : 0);
        var month = birthDate.Month + kind switch { NationalIdentityNumberKind.HNumber => 40, NationalIdentityNumberKind.Synthetic => 80, _ => 0 };
        int[] parts = [day / 10, day % 10, month / 10, month % 10, birthDate.Year % 100 / 10, birthDate.Year % 10, individual / 100, individual / 10 % 10, individual % 10];
        parts.CopyTo(d);
        var k1 = CheckDigit(d[..9], K1Weights);
        d[9] = k1;
        var k2 = CheckDigit(d[..10], K2Weights);
        d[10] = k2;
        if (k1 > 9 || k2 > 9)
        {
            return false;
        }
        Span<char> text = stackalloc char[11];
        for (var i = 0; i < 11; i++)
        {
            text[i] = (char)('0' + d[i]);
        }
        return TryParse(new string(text), out number, out _) && number.BirthDate == birthDate;

        static int CheckDigit(ReadOnlySpan<int> digits, int[] weights)
        {
            var sum = 0;
            for (var i = 0; i < digits.Length; i++)
            {
                sum += weights[i] * digits[i];
            }
            return (11 - sum % 11) % 11;
        }
    }

    public static NationalIdentityNumber Parse(string text) =>
        TryParse(text, out var n, out var error) ? n : throw new FormatException(error);

    public static bool TryParse(string? text, out NationalIdentityNumber number, out string? error)
    {
        var parsed = TryRead(text, out number, out var problem);
        error = problem?.En;
        return parsed;
    }

    /// <summary>
    /// Reads a number, or says what is wrong with it in English and in bokmål, as a phrase that follows the number:
    /// "must be 11 digits", "må ha 11 sifre".
    /// </summary>
    internal static bool TryRead(string? text, out NationalIdentityNumber number, out LocalizedText? problem)
    {
        number = default;
        if (text is null || text.Length != 11)
        {
            problem = NotElevenDigits;
            return false;
        }
        Span<int> d = stackalloc int[11];
        for (var i = 0; i < 11; i++)
        {
            var c = text[i];
            if (c is < '0' or > '9')
            {
                problem = NotElevenDigits;
                return false;
            }
            d[i] = c - '0';
        }
        var k1Sum = 0;
        for (var i = 0; i < 10; i++)
        {
            k1Sum += K1Weights[i] * d[i];
        }
        var k2Sum = 0;
        for (var i = 0; i < 11; i++)
        {
            k2Sum += K2Weights[i] * d[i];
        }
        // Current rule: both weighted sums divisible by 11. From 2032 the first may leave remainder 0–3 (see remarks).
        if (k2Sum % 11 != 0 || k1Sum % 11 > 3)
        {
            problem = new(En: "has check digits that do not match", Nb: "har kontrollsifre som ikke stemmer");
            return false;
        }
        var day = d[0] * 10 + d[1];
        var month = d[2] * 10 + d[3];
        var year = d[4] * 10 + d[5];
        var individual = d[6] * 100 + d[7] * 10 + d[8];
        var kind = NationalIdentityNumberKind.BirthNumber;
        if (day > 40)
        {
            day -= 40;
            kind = NationalIdentityNumberKind.DNumber;
        }
        if (month > 80)
        {
            month -= 80;
            kind = NationalIdentityNumberKind.Synthetic;
        }
        else if (month > 40)
        {
            month -= 40;
            kind = NationalIdentityNumberKind.HNumber;
        }
        int century = individual switch
        {
            <= 499 => 1900,
            <= 749 when year >= 54 => 1800,
            >= 500 when year <= 39 => 2000,
            >= 900 when year >= 40 => 1900,
            _ => -1,
        };
        if (century < 0 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(century + year, month))
        {
            problem = new(
                En: $"does not hold a valid birth date (day {day:00}, month {month:00})",
                Nb: $"inneholder ikke en gyldig fødselsdato (dag {day:00}, måned {month:00})");
            return false;
        }
        number = new NationalIdentityNumber(text, kind, new LocalDate(century + year, month, day), k1Sum % 11 == 0);
        problem = null;
        return true;
    }

}
