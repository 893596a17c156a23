using Forlop.Domain.Catalogue;
using static Forlop.Domain.Tests.TestCatalogue;

namespace Forlop.Domain.Tests.Catalogue;

public class CatalogueTests
{
    private const string Minimal = """
        code: Z01
        family: cancer
        name: { nb: "Testforløp", en: "Test pathway" }
        valid_from: 2015-01-01
        verified: false
        source: "a test"
        events:
          - code: Z01A
            kind: start
            name: { nb: "Start", en: "Start" }
            verified: false
            source: "a test"
        """;

    [Fact]
    public void RealCatalogue_HoldsEveryPathwayOfTheReference()
    {
        var cancer = Real.Pathways.Where(p => p.Family == PathwayFamily.Cancer && p.Code.StartsWith('A')).ToList();
        var today = D("2026-11-23");

        Assert.Equal(24, cancer.Count(p => p.IsInForceOn(today)));
        Assert.Equal(2, cancer.Count(p => p.ValidTo == D("2021-04-30")));
        Assert.NotNull(Real.Pathway("B01"));
        Assert.NotNull(Real.Pathway("C01"));
        Assert.Contains(Real.Pathways, p => p.Family == PathwayFamily.MentalHealth && p.RequiresOutcome);
        Assert.Contains(Real.Pathways, p => p.Family == PathwayFamily.Stroke && p.Unit == TimeUnit.Minutes);
        Assert.Contains(Real.Pathways, p => p.Family == PathwayFamily.Home);
    }

    [Theory]
    [InlineData("A12", TreatmentType.Surgery, 35)]      // metodebok / helsebiblioteket
    [InlineData("A12", TreatmentType.Drug, 35)]
    [InlineData("A12", TreatmentType.Radiotherapy, 39)]
    [InlineData("A37", TreatmentType.Surgery, 41)]      // fastlegeportalen 7142
    public void RealCatalogue_VerifiedOF4Standards(string pathway, TreatmentType treatment, int limit)
    {
        var standard = Real.Pathway(pathway)!.Interval("OF4")!.StandardOn(D("2016-09-01"), treatment)!;

        Assert.Equal(limit, standard.Limit);
        Assert.True(standard.Provenance.Verified);
    }

    [Fact]
    public void RealCatalogue_EveryFactHasASource()
    {
        foreach (var p in Real.Pathways)
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Provenance.Source), p.Code);
            Assert.All(p.Events, e => Assert.False(string.IsNullOrWhiteSpace(e.Provenance.Source), e.Code));
            Assert.All(p.Intervals.SelectMany(i => i.Standards), s => Assert.False(string.IsNullOrWhiteSpace(s.Provenance.Source), p.Code));
        }
    }

    [Fact]
    public void Parse_MinimalFile_Works() =>
        Assert.Equal("Z01A", PathwayFileParser.Parse("Z01.yaml", Minimal).Events[0].Code);

    [Theory]
    [InlineData("family: cancer", "family: tumour", "family", "'tumour' is not one of")]           // bad enum
    [InlineData("    source: \"a test\"", "", "events[0] (Z01A)", "needs a source")]                  // missing source
    [InlineData("code: Z01A", "code: X01A", "events[0] (X01A)", "must start with the pathway code")] // code outside the pathway
    [InlineData("valid_from: 2015-01-01", "valid_from: 2015-02-30", "valid_from", "is not a date")]  // impossible date
    [InlineData("verified: false\nsource", "verified: false\ncolour: red\nsource", "line", "colour")] // unknown key
    public void Parse_BrokenFile_NamesFileEntryAndProblem(string find, string replace, string entry, string problem)
    {
        var yaml = Minimal.Replace(find, replace, StringComparison.Ordinal);

        var e = Assert.Throws<CatalogueException>(() => PathwayFileParser.Parse("Z01.yaml", yaml));

        var p = e.Problems[0];
        Assert.Equal("Z01.yaml", p.File);
        Assert.Contains(entry, p.Entry, StringComparison.Ordinal);
        Assert.Contains(problem, p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFiles_TheSameCodeInTwoFiles_IsRefused()
    {
        var e = Assert.Throws<CatalogueException>(() => PathwayCatalogue.FromFiles([("a.yaml", Minimal), ("b.yaml", Minimal)]));

        Assert.Contains("also defined in a.yaml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interval_WithAnUnknownEndpoint_IsRefused()
    {
        var yaml = Minimal + """

            intervals:
              - id: OF1
                name: { nb: "x", en: "x" }
                from: start
                to: first-attendance
                standards: []
            """;

        var e = Assert.Throws<CatalogueException>(() => PathwayFileParser.Parse("Z01.yaml", yaml));

        Assert.Contains("'first-attendance' is neither an event kind used by this pathway", e.Message, StringComparison.Ordinal);
    }
}
