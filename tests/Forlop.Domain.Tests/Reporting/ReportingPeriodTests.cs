using Forlop.Domain.Reporting;
using static Forlop.Domain.Tests.TestCatalogue;

namespace Forlop.Domain.Tests.Reporting;

public class ReportingPeriodTests
{
    [Theory]
    [InlineData("2016", "2016-01-01", "2016-12-31")]    // a year
    [InlineData("2016-T1", "2016-01-01", "2016-04-30")] // tertial 1: January–April
    [InlineData("2016-T2", "2016-05-01", "2016-08-31")] // tertial 2: May–August
    [InlineData("2016-T3", "2016-09-01", "2016-12-31")] // tertial 3: September–December
    [InlineData("2016-Q1", "2016-01-01", "2016-03-31")] // a quarter
    [InlineData("2016-Q4", "2016-10-01", "2016-12-31")]
    [InlineData("2016-02", "2016-02-01", "2016-02-29")] // a month, in a leap year
    public void TryParse_ValidPeriod_GivesInclusiveBounds(string text, string start, string end)
    {
        Assert.True(ReportingPeriod.TryParse(text, out var period, out var error), error);
        Assert.Equal(D(start), period.Start);
        Assert.Equal(D(end), period.End);
    }

    [Theory]
    [InlineData("2016-T4")] // there are three tertials
    [InlineData("2016-Q5")] // and four quarters
    [InlineData("2016-13")] // and twelve months
    [InlineData("16-T1")]   // a two-digit year
    [InlineData("")]        // nothing
    [InlineData("T3-2016")] // the wrong way round
    public void TryParse_InvalidPeriod_SaysWhatIsExpected(string text)
    {
        Assert.False(ReportingPeriod.TryParse(text, out _, out var error));
        Assert.Contains("YYYY-Tn", error, StringComparison.Ordinal);
    }
}
