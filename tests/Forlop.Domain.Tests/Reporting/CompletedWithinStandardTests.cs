using Forlop.Domain.Catalogue;
using Forlop.Domain.Reporting;
using NodaTime;

namespace Forlop.Domain.Tests.Reporting;

public class CompletedWithinStandardTests
{
    private static readonly ReportingPeriod T3 = Period("2016-T3");

    private static ReportingPeriod Period(string text)
    {
        Assert.True(ReportingPeriod.TryParse(text, out var period, out var error), error);
        return period;
    }

    /// <summary>A completed pathway: treatment <paramref name="days"/> after the seniority date.</summary>
    private static CompletedPathway Completed(string pathway, string seniority, int days, TreatmentType treatment = TreatmentType.Surgery, string hf = "AHUS", string rhf = "HSO")
    {
        var start = TestPatient.Date(seniority);
        return new CompletedPathway(pathway, hf, rhf, start, start.PlusDays(days), treatment);
    }

    private static IndicatorTable Compute(IEnumerable<CompletedPathway> pathways, ReportBreakdown by = ReportBreakdown.Pathway, ReportingPeriod? period = null) =>
        CompletedPathways.Table(pathways, period ?? T3, by);

    private static (string, string?, int, int, string) Row(IndicatorRow r) => (r.Pathway, r.Organisation, r.Completed, r.WithinStandard, r.SharePercent);

    [Fact]
    public void Compute_WorkedExample_GivesTheExpectedTable()
    {
        var table = Compute(
        [
            Completed("A12", "2016-09-05", 35),                         // surgery on the limit: within
            Completed("A12", "2016-09-05", 36),                         // one day over
            Completed("A12", "2016-09-20", 39, TreatmentType.Radiotherapy), // radiotherapy's own limit: within
            Completed("A12", "2016-07-01", 30, TreatmentType.Drug),     // treated in July: outside the period
            Completed("A37", "2016-10-03", 40),                         // counted from the first start
            Completed("A37", "2016-10-03", 41),                         // the corrected date, on the limit
        ]);

        Assert.Equal([("A12", null, 3, 2, "66.7"), ("A37", null, 2, 2, "100.0")], table.Rows.Select(Row));
        Assert.Equal(("ALL", null, 5, 4, "80.0"), Row(table.Total));
        Assert.Empty(table.Warnings);
    }

    [Theory]
    [InlineData(TreatmentType.Surgery, 35, 1)]      // on the surgery limit
    [InlineData(TreatmentType.Surgery, 36, 0)]      // a day over
    [InlineData(TreatmentType.Drug, 35, 1)]         // on the drug limit
    [InlineData(TreatmentType.Drug, 36, 0)]         // a day over
    [InlineData(TreatmentType.Radiotherapy, 39, 1)] // on the radiotherapy limit
    [InlineData(TreatmentType.Radiotherapy, 40, 0)] // a day over
    public void Compute_Boundary_IsWithinUpToAndIncludingTheLimit(TreatmentType treatment, int days, int within)
    {
        var table = Compute([Completed("A12", "2016-09-05", days, treatment)]);

        Assert.Equal(1, table.Total.Completed);
        Assert.Equal(within, table.Total.WithinStandard);
    }

    [Fact]
    public void Compute_MixedTreatmentTypes_UseEachTypesLimit()
    {
        // 37 days: over for surgery and drug, within for radiotherapy; 38 days the same.
        var table = Compute(
        [
            Completed("A12", "2016-09-05", 37, TreatmentType.Surgery),
            Completed("A12", "2016-09-05", 37, TreatmentType.Drug),
            Completed("A12", "2016-09-05", 37, TreatmentType.Radiotherapy),
            Completed("A12", "2016-09-05", 38, TreatmentType.Radiotherapy),
            Completed("A12", "2016-09-05", 20, TreatmentType.Drug),
        ]);

        Assert.Equal(("A12", null, 5, 3, "60.0"), Row(Assert.Single(table.Rows)));
    }

    [Theory]
    [InlineData("2016-09-01", 1)]            // the first day of the tertial
    [InlineData("2016-12-31", 1)]            // the last day
    [InlineData("2016-08-31", 0)]            // the day before
    [InlineData("2017-01-01", 0)]            // the day after
    public void Compute_TreatmentDate_DecidesThePeriodWithBothEndsInside(string treatmentDate, int completed)
    {
        var treated = TestPatient.Date(treatmentDate);
        var table = Compute([new CompletedPathway("A12", "AHUS", "HSO", treated.PlusDays(-20), treated, TreatmentType.Surgery)]);

        Assert.Equal(completed, table.Total.Completed);
    }

    [Fact]
    public void Compute_StartBeforeThePeriod_CountsWhenTheTreatmentIsInside()
    {
        var table = Compute([Completed("A12", "2016-08-01", 40, TreatmentType.Radiotherapy)]);

        Assert.Equal(("ALL", null, 1, 0, "0.0"), Row(table.Total));
    }

    [Fact]
    public void Compute_ByHf_GivesARowPerPathwayAndHfSortedByCode()
    {
        var table = Compute(
        [
            Completed("A37", "2016-10-03", 30, hf: "UNN", rhf: "HN"),
            Completed("A12", "2016-10-03", 30, hf: "SUS", rhf: "HV"),
            Completed("A12", "2016-10-03", 30, hf: "AHUS", rhf: "HSO"),
            Completed("A12", "2016-10-03", 50, hf: "SIV", rhf: "HSO"),
            Completed("A12", "2016-10-03", 30, hf: "AHUS", rhf: "HSO"),
            Completed("A12", "2016-10-03", 50, hf: "AHUS", rhf: "HSO"),
        ], ReportBreakdown.Hf);

        Assert.Equal(
        [
            ("A12", "AHUS", 3, 2, "66.7"),
            ("A12", "SIV", 1, 0, "0.0"),
            ("A12", "SUS", 1, 1, "100.0"),
            ("A37", "UNN", 1, 1, "100.0"),
        ], table.Rows.Select(Row));
        Assert.Equal(("ALL", "", 6, 4, "66.7"), Row(table.Total));
    }

    [Fact]
    public void Compute_ByRhf_AddsUpTheHfsOfARegion()
    {
        var table = Compute(
        [
            Completed("A12", "2016-10-03", 30, hf: "SIV", rhf: "HSO"),
            Completed("A12", "2016-10-03", 50, hf: "AHUS", rhf: "HSO"),
            Completed("A12", "2016-10-03", 30, hf: "LDS", rhf: "HSO"),
            Completed("A12", "2016-10-03", 30, hf: "SUS", rhf: "HV"),
        ], ReportBreakdown.Rhf);

        Assert.Equal([("A12", "HSO", 3, 2, "66.7"), ("A12", "HV", 1, 1, "100.0")], table.Rows.Select(Row));
        Assert.Equal(("ALL", "", 4, 3, "75.0"), Row(table.Total));
    }

    [Fact]
    public void Compute_Rows_AreSortedOrdinally()
    {
        var table = Compute(
        [
            Completed("A37", "2016-10-03", 30),
            Completed("A12", "2016-10-03", 30),
            Completed("A01", "2016-10-03", 20),
        ]);

        Assert.Equal(["A01", "A12", "A37"], table.Rows.Select(r => r.Pathway));
    }

    [Theory]
    [InlineData(2, 3, "66.7")]               // 66.666… rounds up
    [InlineData(1, 3, "33.3")]               // 33.333… rounds down
    [InlineData(1, 16, "6.3")]               // 6.25 exactly: half rounds away from zero, not to even
    [InlineData(3, 16, "18.8")]              // 18.75 exactly: the same
    [InlineData(0, 4, "0.0")]                // none within: one decimal still
    [InlineData(4, 4, "100.0")]              // all within
    [InlineData(7, 10, "70.0")]              // the national target
    [InlineData(699, 1000, "69.9")]          // just below it
    public void SharePercent_HasOneDecimalWithAPoint(int within, int completed, string share) =>
        Assert.Equal(share, new IndicatorRow("A12", null, completed, within).SharePercent);

    [Fact]
    public void SharePercent_OfNothing_IsEmpty() =>
        Assert.Equal("", new IndicatorRow("ALL", null, 0, 0).SharePercent);

    [Fact]
    public void Compute_NothingCompleted_HasOnlyAnEmptyTotal()
    {
        var table = Compute([Completed("A12", "2016-01-05", 30)]);

        Assert.Empty(table.Rows);
        Assert.Equal(("ALL", null, 0, 0, ""), Row(table.Total));
    }

    // interchange.md, report: "completed … whether or not the catalogue knows a standard time for it"; the share is within ÷ (completed − without_standard).
    [Fact]
    public void Compute_TreatmentWithoutAStandard_IsCompletedButOutsideTheShare()
    {
        var table = Compute(
        [
            Completed("A37", "2016-10-03", 30, TreatmentType.Drug),   // A37 has an OF4 standard for surgery only
            Completed("A37", "2016-10-03", 31, TreatmentType.Drug),
            Completed("A37", "2016-10-03", 30),
        ]);

        var row = Assert.Single(table.Rows);
        Assert.Equal(("A37", null, 3, 1, "100.0"), Row(row));
        Assert.Equal(2, row.WithoutStandard);
        Assert.Equal((3, 1, 2), (table.Total.Completed, table.Total.WithinStandard, table.Total.WithoutStandard));
        Assert.Equal(["2 measured OF4 of A37 (drug) without a standard in the catalogue: counted, but outside the share"], table.Warnings);
    }

    [Fact]
    public void Compute_OnlyPathwaysWithoutAStandard_HaveNoShare()
    {
        var table = Compute([Completed("A37", "2016-10-03", 30, TreatmentType.Drug)]);

        Assert.Equal(("ALL", null, 1, 0, ""), Row(table.Total));
        Assert.Equal(1, table.Total.WithoutStandard);
    }

    [Fact]
    public void Compute_PathwayMissingFromTheCatalogue_IsNotCounted()
    {
        // The import rejects a code the catalogue does not know, so no such episode is stored; the indicator covers catalogue pathways only.
        var table = Compute([Completed("A99", "2016-10-03", 30)]);

        Assert.Empty(table.Rows);
        Assert.Equal(0, table.Total.Completed);
    }

    [Fact]
    public void Compute_StartBeforeTheFirstStandard_IsCompletedWithoutAStandard()
    {
        // A32's standard begins with the pathway on 2015-09-01.
        var table = Compute([Completed("A32", "2015-08-20", 5, TreatmentType.Drug)], period: Period("2015-08"));

        Assert.Equal(("A32", null, 1, 0, ""), Row(Assert.Single(table.Rows)));
        Assert.Equal(1, table.Rows[0].WithoutStandard);
        Assert.Single(table.Warnings);
    }

    [Theory]
    [InlineData("2021-04-30", 0)]            // started the day before the change: 30 days against the old 27
    [InlineData("2021-05-01", 1)]            // started on the day of the change: against the new 32
    public void Compute_UsesTheStandardValidOnTheSeniorityDate(string seniority, int within)
    {
        var table = Compute([Completed("A01", seniority, 30)], period: Period("2021"));

        Assert.Equal(within, table.Total.WithinStandard);
    }
}
