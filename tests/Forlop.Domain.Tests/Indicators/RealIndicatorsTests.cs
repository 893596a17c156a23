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
            "assessed-within-standard", "completed", "completed-within-standard", "ended-without-treatment", "evaluations-on-time",
            "included-in-pathway", "interval-distribution", "needs-assessment-in-hospital", "started", "still-open", "thrombolysis-within-standard",
        ], ids);
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
