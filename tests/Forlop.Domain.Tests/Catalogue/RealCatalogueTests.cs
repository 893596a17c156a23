using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using NodaTime;

namespace Forlop.Domain.Tests.Catalogue;

/// <summary>The catalogue the application ships (catalog/ at the repository root), read as the application reads it.</summary>
public class RealCatalogueTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "catalog");
    private static readonly Lazy<PathwayCatalogue> Loaded = new(() => PathwayCatalogue.FromFiles(
        Directory.EnumerateFiles(Folder, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(RepositoryRoot(), f), File.ReadAllText(f)))));

    // "In force today" is a claim about the real calendar, so this test reads the clock.
    private static readonly LocalDate Today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Oslo"]).Date;

    private static PathwayCatalogue Catalogue => Loaded.Value;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Forlop.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} holds Forlop.slnx");
    }

    private static Pathway Pathway(string code) => Catalogue.Pathway(code) ?? throw new Xunit.Sdk.XunitException($"{code} is not in the catalogue");

    [Fact]
    public void Load_EveryFile_WithoutProblems()
    {
        // Every pathway file: the indicator definitions under catalog/indicators/ are read by IndicatorCatalogue.
        var files = Directory.EnumerateFiles(Folder, "*.yaml", SearchOption.AllDirectories)
            .Count(f => !Forlop.Domain.Indicators.IndicatorCatalogue.IsIndicatorFile(Path.GetRelativePath(Folder, f))
                        && !RecommendedActionCatalogue.IsActionFile(Path.GetRelativePath(Folder, f)));

        Assert.Equal(files, Catalogue.Pathways.Count());
    }

    [Fact]
    public void OrganSpecificCancerPathways_24InForceToday()
    {
        var inForce = Catalogue.Pathways
            .Where(p => p.Family == PathwayFamily.Cancer && p.Code.Value.StartsWith('A') && p.IsInForceOn(Today))
            .ToList();

        Assert.Equal(24, inForce.Count);
    }

    [Fact]
    public void OrganSpecificCancerPathways_TwoWithdrawnAfter2021_04_30()
    {
        var withdrawn = Catalogue.Pathways.Where(p => p.Family == PathwayFamily.Cancer && p.ValidTo is not null).ToList();

        Assert.Equal(2, withdrawn.Count);
        Assert.All(withdrawn, p =>
        {
            Assert.StartsWith("A", p.Code, StringComparison.Ordinal);
            Assert.Equal(new LocalDate(2021, 4, 30), p.ValidTo);
            Assert.True(p.IsInForceOn(new LocalDate(2021, 4, 30)));
            Assert.False(p.IsInForceOn(new LocalDate(2021, 5, 1)));
        });
    }

    [Theory]
    [InlineData("B01")]                      // metastases of unknown origin
    [InlineData("C01")]                      // the diagnostic pathway
    public void CancerPathway_BesidesTheOrganSpecific_IsPresent(string code)
    {
        var pathway = Pathway(code);

        Assert.Equal(PathwayFamily.Cancer, pathway.Family);
        Assert.Contains(pathway.Events, e => e.Kind == EventKind.Start && e.Code == code + "A");
    }

    [Theory]
    [InlineData("A12", TreatmentType.Surgery, 35)]      // reference/pathways.md §1.3
    [InlineData("A12", TreatmentType.Drug, 35)]         // the same
    [InlineData("A12", TreatmentType.Radiotherapy, 39)] // the same
    [InlineData("A37", TreatmentType.Surgery, 41)]      // the same
    public void Of4_VerifiedStandard_IsTheReferenceValue(string code, TreatmentType treatment, int limit)
    {
        var standard = Pathway(code).Interval("OF4")?.StandardOn(new LocalDate(2016, 9, 5), treatment);

        Assert.NotNull(standard);
        Assert.Equal(limit, standard.Limit);
        Assert.Equal(treatment, standard.Treatment);
        Assert.True(standard.Provenance.Verified);
    }

    [Theory]
    [InlineData("A12")]                      // a confirmed pathway number (reference/pathways.md §1.1)
    [InlineData("A37")]                      // another one
    public void ConfirmedPathway_HasVerifiedCodes(string code)
    {
        var pathway = Pathway(code);

        Assert.True(pathway.Provenance.Verified);
        Assert.Contains(pathway.Events, e => e.Code == code + "FK" && e.Treatment == TreatmentType.Surgery);
    }

    [Fact]
    public void MentalHealth_SomePathwayRegistersOutcomes()
    {
        var withOutcomes = Catalogue.Pathways.Where(p => p.Family == PathwayFamily.MentalHealth && p.Outcomes.Count > 0).ToList();

        Assert.NotEmpty(withOutcomes);
        Assert.All(withOutcomes, p => Assert.True(p.TakesOutcomes));
    }

    [Fact]
    public void Stroke_IsMeasuredInMinutes()
    {
        var stroke = Assert.Single(Catalogue.Pathways, p => p.Family == PathwayFamily.Stroke);

        Assert.Equal(TimeUnit.Minutes, stroke.Unit);
    }

    [Fact]
    public void Home_PathwayIsPresent() =>
        Assert.Contains(Catalogue.Pathways, p => p.Family == PathwayFamily.Home);

    [Fact]
    public void EveryUnverifiedFact_SaysWhatItIsBasedOn()
    {
        var facts = Catalogue.Pathways.SelectMany(p =>
            new[] { (Where: p.Code.Value, p.Provenance) }
                .Concat(p.Events.Select(e => (Where: e.Code.Value, e.Provenance)))
                .Concat(p.Outcomes.Select(o => (Where: o.Code, o.Provenance)))
                .Concat(p.Intervals.SelectMany(i => i.Standards.Select(s => (Where: $"{p.Code} {i.Id} {s.ValidFrom}", s.Provenance)))));

        var unverified = facts.Where(f => !f.Provenance.Verified).ToList();

        Assert.NotEmpty(unverified);
        Assert.All(unverified, f => Assert.True(
            !string.IsNullOrWhiteSpace(f.Provenance.Source) && f.Provenance.Source.StartsWith("unverified", StringComparison.Ordinal),
            $"{f.Where}: '{f.Provenance.Source}'"));
    }

    [Fact]
    public void EveryFile_IsNamedAfterItsPathwayInItsFamilyFolder()
    {
        Assert.All(Catalogue.Pathways, p =>
        {
            var file = p.SourceFile.Replace('\\', '/');
            Assert.StartsWith($"catalog/{EnumNames.Of(p.Family)}/{p.Code}-", file, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Organisations_SeedListFormsADirectory()
    {
        var directory = new OrganisationDirectory(OrganisationDirectory.ParseTsv(File.ReadAllText(Path.Combine(Folder, "organisations.tsv"))));

        Assert.Equal(4, directory.All.Count(o => o.Kind == OrganisationKind.Rhf));
        Assert.Equal("HSO", directory.RhfOf("AHUS")!.Code);
        Assert.Equal("HN", directory.RhfOf("UNN")!.Code);
    }
}
