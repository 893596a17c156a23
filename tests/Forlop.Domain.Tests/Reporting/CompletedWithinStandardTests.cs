using Forlop.Domain.Catalogue;
using Forlop.Domain.Reporting;
using static Forlop.Domain.Tests.TestCatalogue;

namespace Forlop.Domain.Tests.Reporting;

public class CompletedWithinStandardTests
{
    private static readonly ReportingPeriod T3 = Period("2016-T3");

    private static ReportingPeriod Period(string text) => ReportingPeriod.TryParse(text, out var p, out _) ? p : throw new ArgumentException(text);

    private static CompletedPathway A12(string hf, string rhf, string start, string treated, TreatmentType type = TreatmentType.Surgery) =>
        new("A12", hf, rhf, D(start), D(treated), type);

    [Fact]
    public void Compute_CountsByTreatmentDateInThePeriodAndJudgesByOF4()
    {
        var table = CompletedWithinStandard.Compute(
        [
            A12("AHUS", "HSO", "2016-09-01", "2016-10-06"),                           // 35 days: within
            A12("AHUS", "HSO", "2016-09-01", "2016-10-07"),                           // 36 days: over
            A12("SUS", "HV", "2016-09-01", "2016-10-10", TreatmentType.Radiotherapy), // 39 days radiotherapy: within
            A12("SUS", "HV", "2016-08-01", "2016-08-31"),                             // treated before the period
            A12("SUS", "HV", "2016-12-01", "2016-12-31"),                             // the period's last day counts
        ], Real, T3, ReportBreakdown.Pathway);

        var row = Assert.Single(table.Rows);
        Assert.Equal(("A12", 4, 3), (row.Pathway, row.Completed, row.WithinStandard));
        Assert.Equal("75.0", row.SharePercent);
        Assert.Equal((4, 3), (table.Total.Completed, table.Total.WithinStandard));
    }

    [Fact]
    public void Compute_ByRhf_SortsByPathwayThenOrganisation()
    {
        var table = CompletedWithinStandard.Compute(
        [
            A12("SUS", "HV", "2016-09-01", "2016-10-06"),
            A12("AHUS", "HSO", "2016-09-01", "2016-10-06"),
            new CompletedPathway("A01", "HB", "HV", D("2016-09-01"), D("2016-09-20"), TreatmentType.Surgery),
        ], Real, T3, ReportBreakdown.Rhf);

        Assert.Equal(["A01/HV", "A12/HSO", "A12/HV"], table.Rows.Select(r => $"{r.Pathway}/{r.Organisation}"));
    }

    [Theory]
    [InlineData(3, 2, "66.7")] // two thirds rounds up
    [InlineData(3, 1, "33.3")] // one third rounds down
    [InlineData(8, 7, "87.5")] // exact
    [InlineData(1, 0, "0.0")]  // none within
    public void SharePercent_HasOneDecimalWithAPoint(int completed, int within, string share) =>
        Assert.Equal(share, new IndicatorRow("A12", null, completed, within).SharePercent);

    [Fact]
    public void Compute_WithoutAStandardForTheTreatment_WarnsInsteadOfGuessing()
    {
        var table = CompletedWithinStandard.Compute(
            [new CompletedPathway("A16", "AHUS", "HSO", D("2016-09-01"), D("2016-10-01"), TreatmentType.Surgery)],
            Real, T3, ReportBreakdown.Pathway);

        Assert.Empty(table.Rows);
        Assert.Contains("A16 surgery", Assert.Single(table.Warnings), StringComparison.Ordinal);
    }
}
