using System.Globalization;
using NodaTime;

namespace Forlop.Domain.Reporting;

/// <summary>
/// A reporting period: a year (<c>2016</c>), a tertial (<c>2016-T3</c>: T1 Jan–Apr, T2 May–Aug, T3 Sep–Dec),
/// a quarter (<c>2016-Q4</c>) or a month (<c>2016-09</c>). <see cref="Start"/> and <see cref="End"/> are inclusive.
/// </summary>
public sealed record ReportingPeriod(string Text, LocalDate Start, LocalDate End)
{
    public bool Contains(LocalDate date) => date >= Start && date <= End;

    public static bool TryParse(string? text, out ReportingPeriod period, out string error)
    {
        period = null!;
        error = "";
        text = text?.Trim() ?? "";
        if (text.Length < 4 || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1900)
        {
            error = $"'{text}' is not a period: use YYYY, YYYY-Tn, YYYY-Qn or YYYY-MM";
            return false;
        }
        if (text.Length == 4)
        {
            period = Of(text, year, 1, 12);
            return true;
        }
        if (text.Length == 7 && text[4] == '-')
        {
            var kind = text[5];
            var digit = text[6] - '0';
            if (kind == 'T' && digit is >= 1 and <= 3)
            {
                period = Of(text, year, (digit - 1) * 4 + 1, digit * 4);
                return true;
            }
            if (kind == 'Q' && digit is >= 1 and <= 4)
            {
                period = Of(text, year, (digit - 1) * 3 + 1, digit * 3);
                return true;
            }
            if (int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
            {
                period = Of(text, year, month, month);
                return true;
            }
        }
        error = $"'{text}' is not a period: use YYYY, YYYY-Tn (T1–T3), YYYY-Qn (Q1–Q4) or YYYY-MM";
        return false;
    }

    // The last day from the month's length: stepping to the next month would overflow the calendar in 9999.
    private static ReportingPeriod Of(string text, int year, int firstMonth, int lastMonth) =>
        new(text, new LocalDate(year, firstMonth, 1), new LocalDate(year, lastMonth, CalendarSystem.Iso.GetDaysInMonth(year, lastMonth)));
}
