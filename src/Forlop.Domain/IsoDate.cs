using System.Globalization;
using System.Numerics;
using NodaTime;

namespace Forlop.Domain;

/// <summary>
/// The one reader and writer of calendar dates as the contract, the catalogue and the database write them: exactly
/// YYYY-MM-DD, nothing else, and only a day that exists. Hand-written because it runs for every row of an import and
/// every stored date of a cold dashboard load, where NodaTime's general pattern parser and <c>DateOnly.Parse</c> were
/// a third of the row checks and most of the load (bench/Forlop.Bench.Import, docs/performance.md). One generic body
/// serves text (<c>char</c>) and SQLite's raw UTF-8 column bytes (<c>byte</c>).
/// </summary>
public static class IsoDate
{
    public static LocalDate? Parse(string? text) => text is null ? null : Parse(text.AsSpan());

    public static LocalDate? Parse(ReadOnlySpan<char> text) => Parse<char>(text);

    public static LocalDate? Parse(ReadOnlySpan<byte> utf8) => Parse<byte>(utf8);

    /// <summary>The date as YYYY-MM-DD.</summary>
    public static string Text(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static LocalDate? Parse<T>(ReadOnlySpan<T> text) where T : IBinaryInteger<T>
    {
        var dash = T.CreateTruncating('-');
        if (text.Length != 10 || text[4] != dash || text[7] != dash)
        {
            return null;
        }
        var year = Digits(text, 0, 4);
        var month = Digits(text, 5, 2);
        var day = Digits(text, 8, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return null;
        }
        return new LocalDate(year, month, day);
    }

    // −1 when any character is not a digit; the checks above then refuse the date.
    private static int Digits<T>(ReadOnlySpan<T> text, int start, int count) where T : IBinaryInteger<T>
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = int.CreateTruncating(text[i]) - '0';
            if ((uint)d > 9)
            {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
