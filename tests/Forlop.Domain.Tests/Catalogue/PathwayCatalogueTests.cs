using Forlop.Domain.Catalogue;

namespace Forlop.Domain.Tests.Catalogue;

public class PathwayCatalogueTests
{
    [Fact]
    public void TryFindEvent_KnownCode_GivesItsPathwayAndMeaning()
    {
        Assert.True(TestCatalogue.Instance.TryFindEvent("A12FS", out var pathway, out var definition));

        Assert.Equal("A12", pathway.Code);
        Assert.Equal(TreatmentType.Radiotherapy, definition.Treatment);
    }

    [Theory]
    [InlineData("A12")]                      // a pathway code is not an event code
    [InlineData("a12fs")]                    // codes compare ordinally
    [InlineData("")]                         // empty
    public void TryFindEvent_OtherText_IsNotFound(string code) =>
        Assert.False(TestCatalogue.Instance.TryFindEvent(code, out _, out _));

    [Fact]
    public void Pathways_AreSortedByCode() =>
        Assert.Equal(["A01", "A12", "A32", "A37", "D01", "HS"], TestCatalogue.Instance.Pathways.Select(p => p.Code.Value));

    [Fact]
    public void FromFiles_SamePathwayInTwoFiles_NamesBothFiles()
    {
        var a12 = TestCatalogue.Files().Single(f => f.FileName == "test/A12.yaml").Text;

        var e = Assert.Throws<CatalogueException>(() => PathwayCatalogue.FromFiles([("one.yaml", a12), ("two.yaml", a12)]));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("two.yaml", problem.File);
        Assert.Contains("also defined in one.yaml", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFiles_EventCodeUsedByTwoPathways_IsAProblem()
    {
        // Pathway A1 and pathway A12 both start with "A1": A1's code A12A is A12's start code.
        var a1 = TestCatalogue.Lines(
            "code: A1", "family: cancer", "name: { nb: \"A1\", en: \"A1\" }", "valid_from: 2015-01-01", "valid_to: null",
            "verified: true", "source: \"test\"", "events:", TestCatalogue.Event("A12A", "start"), "intervals: []");

        var e = Assert.Throws<CatalogueException>(() => PathwayCatalogue.FromFiles([.. TestCatalogue.Files(), ("a1.yaml", a1)]));

        Assert.Contains(e.Problems, p => p.Message.Contains("code A12A is also used by pathway", StringComparison.Ordinal));
    }

    [Fact]
    public void FromFiles_ProblemsOfEveryFile_AreReportedTogether()
    {
        var e = Assert.Throws<CatalogueException>(() => PathwayCatalogue.FromFiles([("one.yaml", "code: X1"), ("two.yaml", "")]));

        Assert.Contains(e.Problems, p => p.File == "one.yaml");
        Assert.Contains(e.Problems, p => p.File == "two.yaml");
    }

    [Fact]
    public void FromFiles_NoFiles_IsAProblem() =>
        Assert.Contains("no pathway files", Assert.Throws<CatalogueException>(() => PathwayCatalogue.FromFiles([])).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("2015-08-31", false)]        // before valid_from
    [InlineData("2015-09-01", true)]         // the first day
    [InlineData("2021-04-30", true)]         // the last day
    [InlineData("2021-05-01", false)]        // withdrawn
    public void IsInForceOn_IncludesBothEnds(string date, bool inForce) =>
        Assert.Equal(inForce, TestCatalogue.Instance.Pathway("A32")!.IsInForceOn(TestPatient.Date(date)));

    [Fact]
    public void TakesOutcomes_OnlyForPathwaysWithOutcomeCodes()
    {
        Assert.True(TestCatalogue.Instance.Pathway("D01")!.TakesOutcomes);
        Assert.False(TestCatalogue.Instance.Pathway("A12")!.TakesOutcomes);
    }

    [Theory]
    [InlineData("nb", "Hjerneslag")]         // Norwegian bokmål
    [InlineData("en", "Stroke")]             // English
    [InlineData("nn", "Hjerneslag")]         // anything else falls back to bokmål
    public void LocalizedText_In_PicksTheLanguage(string language, string text) =>
        Assert.Equal(text, TestCatalogue.Instance.Pathway("HS")!.Name.In(language));
}
