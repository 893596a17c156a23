using Forlop.Domain.Catalogue;
using Forlop.Domain.Tests.RealCatalogue;
using NodaTime;

namespace Forlop.Domain.Tests.Catalogue;

/// <summary>The recommended actions of catalog/recommended-actions/: data per pathway family and version, each with its source.</summary>
public class RecommendedActionCatalogueTests
{
    private static readonly Lazy<RecommendedActionCatalogue> Real = new(() => RecommendedActionCatalogue.FromFiles(
        Directory.EnumerateFiles(Path.Combine(RealCatalogueData.CatalogueFolder(), RecommendedActionCatalogue.Folder), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(Path.GetDirectoryName(RealCatalogueData.CatalogueFolder())!, f), File.ReadAllText(f))),
        RealCatalogueData.Real));

    [Fact]
    public void RealFiles_GiveMentalHealthAndCancerTheirActions_EachWithASourceOrMarkedAsAPlaceholder()
    {
        var start = new LocalDate(2026, 3, 1);

        Assert.Equal(["somatic-health-and-lifestyle", "children-as-relatives", "violence-abuse-and-trauma", "treatment-plan", "evaluation-with-patient", "municipal-contact-point"],
            Real.Value.For("D11", start).Select(a => a.Id));
        Assert.Equal(["coordinator-named", "home-needs-assessment-offered"], Real.Value.For("A01", start).Select(a => a.Id));
        Assert.Empty(Real.Value.For("HJEM", start));
        // Every action says where it was seen; one without a confirmed source is unverified and says why.
        Assert.All(Real.Value.All, a => Assert.True(a.Provenance.Verified
            ? a.Provenance.Source.Contains("helsedirektoratet.no", StringComparison.Ordinal)
            : a.Provenance.Source.StartsWith("unverified:", StringComparison.Ordinal) || a.Provenance.Source.StartsWith("placeholder:", StringComparison.Ordinal),
            $"{a.Id}: {a.Provenance.Source}"));
    }

    [Fact]
    public void For_AnEpisodeStartedBeforeAnActionsVersion_LeavesItOut() =>
        // Pakkeforløp hjem's needs assessment came with its publication on 1 January 2022.
        Assert.Equal(["coordinator-named"], Real.Value.For("A01", new LocalDate(2021, 12, 31)).Select(a => a.Id));

    [Theory]
    [InlineData("family: cancer\nactions:\n  - id: Bad_Id\n    name: { nb: a, en: b }\n    valid_from: 2020-01-01\n    verified: false\n    source: x", "lower-case words")]
    [InlineData("family: cancer\nactions:\n  - id: a\n    name: { nb: a }\n    valid_from: 2020-01-01\n    verified: false\n    source: x", "both nb and en")]
    [InlineData("family: cancer\nactions:\n  - id: a\n    name: { nb: a, en: b }\n    valid_from: 2020-01-01\n    verified: false", "needs a source")]
    [InlineData("family: cancer\nactions:\n  - id: a\n    name: { nb: a, en: b }\n    pathways: [D11]\n    valid_from: 2020-01-01\n    verified: false\n    source: x", "not a pathway of the cancer family")]
    [InlineData("family: cancer\nactions:\n  - id: a\n    name: { nb: a, en: b }\n    valid_from: 2020-01-01\n    valid_to: 2019-01-01\n    verified: false\n    source: x", "valid_to is before")]
    [InlineData("family: dentistry\nactions: []", "is not one of")]
    public void FromFiles_ABrokenEntry_IsReportedWithItsFileAndReason(string yaml, string reason)
    {
        var broken = Assert.Throws<CatalogueException>(() => RecommendedActionCatalogue.FromFiles([("catalog/recommended-actions/x.yaml", yaml)], RealCatalogueData.Real));

        Assert.Contains(broken.Problems, p => p.File == "catalog/recommended-actions/x.yaml" && p.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void PathwayCatalogue_LeavesTheActionFilesToTheirOwnCatalogue()
    {
        var folder = RealCatalogueData.CatalogueFolder();
        var files = Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(folder, f), File.ReadAllText(f))).ToList();

        // Read with the action files beside the pathway files, the pathways are exactly those without them.
        Assert.Contains(files, f => RecommendedActionCatalogue.IsActionFile(f.Item1));
        Assert.Equal(RealCatalogueData.Real.Pathways.Select(p => p.Code), PathwayCatalogue.FromFiles(files).Pathways.Select(p => p.Code));
    }
}
