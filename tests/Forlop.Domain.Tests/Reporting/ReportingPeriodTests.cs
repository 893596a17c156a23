using Forlop.Domain.Reporting;
using NodaTime;

namespace Forlop.Domain.Tests.Reporting;

public class ReportingPeriodTests
{
    private static ReportingPeriod Parsed(string text)
    {
        Assert.True(ReportingPeriod.TryParse(text, out var period, out var error), error);
        return period;
    }

    [Theory]
    [InlineData("2016", "2016-01-01", "2016-12-31")]     // a year
    [InlineData("2016-T1", "2016-01-01", "2016-04-30")]  // tertial 1: January–April
    [InlineData("2016-T2", "2016-05-01", "2016-08-31")]  // tertial 2: May–August
    [InlineData("2016-T3", "2016-09-01", "2016-12-31")]  // tertial 3: September–December
    [InlineData("2016-Q1", "2016-01-01", "2016-03-31")]  // quarter 1, in a leap year
    [InlineData("2016-Q2", "2016-04-01", "2016-06-30")]  // quarter 2
    [InlineData("2016-Q3", "2016-07-01", "2016-09-30")]  // quarter 3
    [InlineData("2016-Q4", "2016-10-01", "2016-12-31")]  // quarter 4
    [InlineData("2016-02", "2016-02-01", "2016-02-29")]  // February of a leap year
    [InlineData("2015-02", "2015-02-01", "2015-02-28")]  // February of another year
    [InlineData("2016-09", "2016-09-01", "2016-09-30")]  // a 30-day month
    [InlineData("2016-12", "2016-12-01", "2016-12-31")]  // the last month: the end is in the same year
    [InlineData(" 2016-T3 ", "2016-09-01", "2016-12-31")] // blanks around are ignored
    [InlineData("9999-12", "9999-12-01", "9999-12-31")]  // the last month the calendar has
    [InlineData("9999", "9999-01-01", "9999-12-31")]     // and the last year
    public void TryParse_Period_HasExactInclusiveBounds(string text, string start, string end)
    {
        var period = Parsed(text);

        Assert.Equal(TestPatient.Date(start), period.Start);
        Assert.Equal(TestPatient.Date(end), period.End);
        Assert.Equal(text.Trim(), period.Text);
    }

    [Theory]
    [InlineData("")]                         // empty
    [InlineData(null)]                       // absent
    [InlineData("16")]                       // a two-digit year
    [InlineData("201")]                      // three digits
    [InlineData("20161")]                    // five digits
    [InlineData("abcd")]                     // not a number
    [InlineData("1899")]                     // before any data
    [InlineData("2016-T0")]                  // no tertial 0
    [InlineData("2016-T4")]                  // only three tertials
    [InlineData("2016-Q0")]                  // no quarter 0
    [InlineData("2016-Q5")]                  // only four quarters
    [InlineData("2016-00")]                  // no month 0
    [InlineData("2016-13")]                  // no month 13
    [InlineData("2016-9")]                   // months have two digits
    [InlineData("2016-123")]                 // three
    [InlineData("2016/09")]                  // wrong separator
    [InlineData("2016T3")]                   // no separator
    [InlineData("2016-H1")]                  // half-years are not a period here
    [InlineData("2016-+9")]                  // a sign is not a digit
    [InlineData("+016")]                     // nor in the year
    public void TryParse_NotAPeriod_SaysWhatIsAllowed(string? text)
    {
        Assert.False(ReportingPeriod.TryParse(text, out _, out var error));
        Assert.Contains("YYYY-Tn", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2016-09-01", true)]         // the first day
    [InlineData("2016-12-31", true)]         // the last day
    [InlineData("2016-08-31", false)]        // the day before
    [InlineData("2017-01-01", false)]        // the day after
    public void Contains_BothEndsAreInside(string date, bool inside) =>
        Assert.Equal(inside, Parsed("2016-T3").Contains(TestPatient.Date(date)));

    [Fact]
    public void TryParse_Tertials_CoverTheYearWithoutGapsOrOverlap()
    {
        var tertials = new[] { "2020-T1", "2020-T2", "2020-T3" }.Select(Parsed).ToList();

        Assert.Equal(new LocalDate(2020, 1, 1), tertials[0].Start);
        Assert.Equal(tertials[0].End.PlusDays(1), tertials[1].Start);
        Assert.Equal(tertials[1].End.PlusDays(1), tertials[2].Start);
        Assert.Equal(new LocalDate(2020, 12, 31), tertials[2].End);
    }
}
