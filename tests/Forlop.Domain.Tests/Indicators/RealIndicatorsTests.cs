using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Tests.RealCatalogue;

namespace Forlop.Domain.Tests.Indicators;

/// <summary>The indicator definitions the application ships (catalog/indicators/), read against the real catalogue.</summary>
public class RealIndicatorsTests
{
    private static IndicatorCatalogue Load()
    {
        var folder = RealCatalogueData.CatalogueFolder();
        var files = Directory.EnumerateFiles(Path.Combine(folder, IndicatorCatalogue.Folder), "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(folder, f), File.ReadAllText(f)));
        return IndicatorCatalogue.FromFiles(files, RealCatalogueData.Real);
    }

    [Fact]
    public void Load_EveryIndicatorOfTheIssue_WithoutProblems()
    {
        var ids = Load().All.Select(i => i.Id).ToList();

        Assert.Equal(
        [
            "ambulance-on-scene-within-standard", "assessed-within-standard", "completed", "completed-within-standard", "ended-without-treatment",
            "evaluations-on-time", "included-in-pathway", "interval-distribution", "needs-assessment-in-hospital", "of1-within-standard",
            "of2-within-standard", "of3-within-standard", "started", "still-open", "thrombolysis-within-standard",
        ], ids);
    }

    // Issue 10 item 6: OF1, OF2 and OF3 each as a share within the standard (their quartiles per pathway: interval-distribution).
    [Theory]
    [InlineData("of1-within-standard", "OF1")]
    [InlineData("of2-within-standard", "OF2")]
    [InlineData("of3-within-standard", "OF3")]
    public void EachCancerInterval_HasAShareWithinTheStandardAndItsQuartiles(string id, string interval)
    {
        var indicators = Load();
        var share = indicators.Find(id)!;

        Assert.Equal(IndicatorKind.ShareWithinStandard, share.Kind);
        Assert.Equal([interval], share.Intervals);
        Assert.Equal([PathwayFamily.Cancer], share.Families);
        Assert.Contains(interval, indicators.Find("interval-distribution")!.Intervals);
    }

    // reference/pathways.md §4: ambulance on scene → departure within 25 minutes for 80 %.
    [Fact]
    public void Stroke_AmbulanceOnSceneToDeparture_IsMeasuredAgainst25MinutesWithTarget80()
    {
        var indicator = Load().Find("ambulance-on-scene-within-standard")!;
        var interval = RealCatalogueData.Real.Pathway("HS")!.Interval(indicator.Intervals.Single())!;

        Assert.Equal(("HSMP2B", "HSMP2C"), (interval.From, interval.To));
        Assert.Equal(25, interval.StandardOn(new NodaTime.LocalDate(2024, 1, 1))!.Limit);
        Assert.Equal(TimeUnit.Minutes, RealCatalogueData.Real.Pathway("HS")!.Unit);
        Assert.Equal(80m, indicator.TargetFor(new NodaTime.LocalDate(2024, 1, 1))!.Percent);
    }

    // reference/pathways.md §1.4 (the denominator counts new cancer patients) and §1.1 (B01 for metastases of unknown origin):
    // inclusion counts B01's confirmed metastases of unknown origin, and the diagnostic pathway C01 not at all.
    [Fact]
    public void Inclusion_CountsB01sUnknownOriginAndLeavesOutC01()
    {
        var inclusion = Load().Find("included-in-pathway")!;

        Assert.Contains(DecisionKind.UnknownOrigin, inclusion.Decisions);
        Assert.True(inclusion.Covers(RealCatalogueData.Real.Pathway("B01")!));
        Assert.False(inclusion.Covers(RealCatalogueData.Real.Pathway("C01")!));
    }

    [Theory]
    [InlineData("completed-within-standard", "2016-09-01", 70)]
    [InlineData("included-in-pathway", "2016-09-01", 70)]
    [InlineData("assessed-within-standard", "2020-01-01", 80)]
    [InlineData("thrombolysis-within-standard", "2024-09-01", 60)]     // the last period of the 40-minute standard
    [InlineData("thrombolysis-within-standard", "2025-01-01", 50)]     // 50 % within 30 minutes from 2025
    public void Targets_AreThoseOfTheSources(string id, string periodStart, int percent) =>
        Assert.Equal(percent, Load().Find(id)!.TargetFor(IndicatorFacts.D(periodStart))!.Percent);

    [Fact]
    public void EveryDefinition_NamesASourceAndWhatItCounts() =>
        Assert.All(Load().All, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.Provenance.Source));
            Assert.True(i.Provenance.Verified || i.Provenance.Source.StartsWith("unverified:", StringComparison.Ordinal), i.Id);
            Assert.False(string.IsNullOrWhiteSpace(i.Counts.Nb));
            Assert.False(string.IsNullOrWhiteSpace(i.Counts.En));
        });

    [Fact]
    public void Stroke_IsCountedInMinutesAndTheRestInDays()
    {
        var indicators = Load();

        Assert.All(indicators.Find("thrombolysis-within-standard")!.Families, f => Assert.Equal(PathwayFamily.Stroke, f));
        Assert.Equal(IndicatorKind.Distribution, indicators.Find("interval-distribution")!.Kind);
    }
}
