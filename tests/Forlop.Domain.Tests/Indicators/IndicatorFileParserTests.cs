using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using static Forlop.Domain.Tests.Indicators.IndicatorFacts;

namespace Forlop.Domain.Tests.Indicators;

public class IndicatorFileParserTests
{
    private static CatalogueProblem Problem(string yaml)
    {
        var e = Assert.Throws<CatalogueException>(() => Definition(yaml));
        Assert.All(e.Problems, p => Assert.Equal("catalog/indicators/test.yaml", p.File));
        return Assert.Single(e.Problems);
    }

    [Fact]
    public void Parse_ShareWithinStandard_ReadsEveryKey()
    {
        var d = Definition(File("assessed", "kind: share-within-standard", "families: [mental-health]", "intervals: [OF2]", "setting: outpatient",
            "targets: [ { valid_from: 2019-01-01, percent: 80, verified: true, source: \"t\" }, { valid_from: 2015-01-01, percent: 70.5, verified: false, source: \"unverified: t\" } ]",
            "note: \"a note\""));

        Assert.Equal(("assessed", IndicatorKind.ShareWithinStandard, CareSetting.Outpatient), (d.Id, d.Kind, d.Setting));
        Assert.Equal([PathwayFamily.MentalHealth], d.Families);
        Assert.Equal(["OF2"], d.Intervals);
        Assert.Equal("what is counted", d.Counts.En);
        // Targets sorted by date; the one in force on the period's first day applies.
        Assert.Equal([70.5m, 80m], d.Targets.Select(t => t.Percent));
        Assert.Equal(70.5m, d.TargetFor(D("2018-12-31"))!.Percent);
        Assert.Equal(80m, d.TargetFor(D("2019-01-01"))!.Percent);
        Assert.Null(d.TargetFor(D("2014-12-31")));
        Assert.True(d.IsShare);
    }

    [Fact]
    public void Parse_ExcludedPathway_IsNotCovered()
    {
        var d = Definition(File("inclusion", "kind: inclusion", "families: [cancer]", "exclude_pathways: [A32]", "decisions: [cancer-treatment]"));

        Assert.True(d.Covers(Pathways.Pathway("A12")!));
        Assert.False(d.Covers(Pathways.Pathway("A32")!));
        Assert.False(d.Covers(Pathways.Pathway("D01")!));
    }

    [Theory]
    // Each row breaks one thing; the entry and the words the problem must name.
    [InlineData("kind: share-within-standard|families: [cancer]|intervals: [OF9]", "intervals", "'OF9' is not an interval of any pathway the indicator covers")]
    [InlineData("kind: share-within-standard|families: [cancer]", "intervals", "needs at least one interval")]
    [InlineData("kind: shares|families: [cancer]", "kind", "'shares' is not one of: share-within-standard, share-reached, inclusion, count, distribution")]
    [InlineData("kind: count|count: started", "families", "names no pathway family")]
    [InlineData("kind: count|families: [cancer]", "count", "is missing")]
    [InlineData("kind: count|count: completed|families: [cancer]", "treatments", "needs the treatment types that complete one")]
    [InlineData("kind: count|count: still-open|families: [stroke]", "families", "still-open needs pathways whose episodes end with a code")]
    [InlineData("kind: count|count: started|families: [cancer]|targets: [ { valid_from: 2015-01-01, percent: 70, verified: true, source: \"t\" } ]", "targets", "only a share has a target")]
    [InlineData("kind: share-within-standard|families: [cancer]|intervals: [OF4]|targets: [ { valid_from: 2015-01-01, percent: 170, verified: true, source: \"t\" } ]", "targets[0].percent", "from 0 to 100")]
    [InlineData("kind: distribution|families: [cancer, stroke]|intervals: [OF4]", "families", "cannot mix pathways counted in days with pathways counted in minutes")]
    [InlineData("kind: share-reached|families: [home]|intervals: [BK1]|treatments: [surgery]", "treatments", "does not filter by treatment type")]
    [InlineData("kind: inclusion|families: [cancer]", "decisions", "needs either the decisions that include a patient")]
    [InlineData("kind: inclusion|families: [home]|intervals: [BK1]|decisions: [cancer-treatment]", "decisions", "not both")]  // a point reached or a decision, not both
    [InlineData("kind: count|count: started|families: [home]|intervals: [BK1]", "intervals", "only share-within-standard, share-reached, distribution and inclusion")]
    [InlineData("kind: inclusion|families: [cancer]|decisions: [cancer-treatment]|exclude_pathways: [Z99]", "exclude_pathways", "'Z99' is not a pathway of the catalogue")]
    [InlineData("kind: count|count: started|families: [cancer]|setting: outpatient", "setting", "only a share-within-standard indicator")]
    public void Parse_BrokenDefinition_NamesTheEntryAndTheProblem(string keys, string entry, string message)
    {
        var problem = Problem(File("broken", keys.Split('|')));

        Assert.Equal(entry, problem.Entry);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKey_IsRefusedWithItsLine()
    {
        var problem = Problem(File("x", "kind: count", "count: started", "families: [cancer]", "colour: red"));

        Assert.StartsWith("line ", problem.Entry, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Completed")]                // upper case
    [InlineData("-x")]                       // starts with a dash
    [InlineData("a b")]                      // a space
    public void Parse_BadId_IsRefused(string id) =>
        Assert.Equal("id", Problem(File(id, "kind: count", "count: started", "families: [cancer]")).Entry);

    [Fact]
    public void Parse_WithoutSourceOrCounts_ListsBoth()
    {
        var e = Assert.Throws<CatalogueException>(() => Definition("id: x\nname: { nb: \"x\", en: \"x\" }\nkind: count\ncount: started\nfamilies: [cancer]\nverified: true"));

        Assert.Contains(e.Problems, p => p.Entry == "counts");
        Assert.Contains(e.Problems, p => p.Entry == "indicator" && p.Message.Contains("needs a source", StringComparison.Ordinal));
    }

    [Fact]
    public void Catalogue_SameIdTwice_IsRefused()
    {
        var text = File("twice", "kind: count", "count: started", "families: [cancer]");

        var e = Assert.Throws<CatalogueException>(() => IndicatorCatalogue.FromFiles([("indicators/a.yaml", text), ("indicators/b.yaml", text)], Pathways));

        Assert.Contains("also defined in indicators/a.yaml", Assert.Single(e.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("catalog/indicators/started.yaml", true)]
    [InlineData("indicators/started.yaml", true)]
    [InlineData("catalog/cancer/A12-tykk-og-endetarmskreft.yaml", false)]
    [InlineData("indicators.yaml", false)]                     // a file, not the folder
    public void IsIndicatorFile_TellsIndicatorFilesFromPathwayFiles(string path, bool expected) =>
        Assert.Equal(expected, IndicatorCatalogue.IsIndicatorFile(path));

    [Fact]
    public void PathwayCatalogue_FilesUnderIndicators_AreNotReadAsPathways()
    {
        var catalogue = PathwayCatalogue.FromFiles(TestCatalogue.Files().Append(("test/indicators/started.yaml", File("started", "kind: count", "count: started", "families: [cancer]"))));

        Assert.Equal(TestCatalogue.Instance.Pathways.Count(), catalogue.Pathways.Count());
    }
}
