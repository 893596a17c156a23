using Forlop.Domain.Catalogue;
using NodaTime;

namespace Forlop.Domain.Tests.Catalogue;

public class PathwayFileParserTests
{
    private const string FileName = "catalog/cancer/X01-test.yaml";

    /// <summary>A small valid pathway file; each failing test breaks one thing in it.</summary>
    private const string Valid = """
        code: X01
        family: cancer
        name: { nb: "Testkreft", en: "Test cancer" }
        unit: days
        valid_from: 2015-01-01
        valid_to: null
        verified: true
        source: "test"
        events:
          - code: X01A
            kind: start
            name: { nb: "Start", en: "Start" }
            verified: true
            source: "test"
          - code: X01CK
            kind: decision
            name: { nb: "Beslutning", en: "Decision" }
            decision: cancer-treatment
            verified: true
            source: "test"
          - code: X01FK
            kind: treatment
            name: { nb: "Kirurgi", en: "Surgery" }
            treatment: surgery
            verified: false
            source: "unverified: test"
        intervals:
          - id: OF4
            name: { nb: "OF4", en: "OF4" }
            from: start
            to: treatment
            standards:
              - valid_from: 2015-01-01
                limit: 35
                treatment: surgery
                verified: true
                source: "test"
        """;

    private static IReadOnlyList<CatalogueProblem> Problems(string yaml)
    {
        var e = Assert.Throws<CatalogueException>(() => PathwayFileParser.Parse(FileName, yaml));
        Assert.NotEmpty(e.Problems);
        Assert.All(e.Problems, p => Assert.Equal(FileName, p.File));
        return e.Problems;
    }

    /// <summary>The single problem of a file broken in one place: its entry and message.</summary>
    private static CatalogueProblem Problem(string yaml, string entry, string message)
    {
        var problem = Assert.Single(Problems(yaml));
        Assert.Equal(entry, problem.Entry);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        return problem;
    }

    private static string Replace(string find, string replacement)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);
        return Valid.Replace(find, replacement, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidFile_GivesThePathway()
    {
        var pathway = PathwayFileParser.Parse(FileName, Valid);

        Assert.Equal("X01", pathway.Code);
        Assert.Equal(PathwayFamily.Cancer, pathway.Family);
        Assert.Equal(new LocalizedText("Testkreft", "Test cancer"), pathway.Name);
        Assert.Equal(TimeUnit.Days, pathway.Unit);
        Assert.Equal(new LocalDate(2015, 1, 1), pathway.ValidFrom);
        Assert.Null(pathway.ValidTo);
        Assert.Equal(new Provenance(true, "test"), pathway.Provenance);
        Assert.Equal(FileName, pathway.SourceFile);
        Assert.Equal(["X01A", "X01CK", "X01FK"], pathway.Events.Select(e => e.Code.Value));
        Assert.Empty(pathway.Outcomes);
        Assert.False(pathway.TakesOutcomes);
        var standard = Assert.Single(pathway.Interval("OF4")!.Standards);
        Assert.Equal(new StandardTime(new LocalDate(2015, 1, 1), 35, TreatmentType.Surgery, CareSetting.Any, new Provenance(true, "test")), standard);
    }

    [Fact]
    public void Parse_Events_GetTheirMeaningAndDefaultOrder()
    {
        var events = PathwayFileParser.Parse(FileName, Valid).Events;

        Assert.Equal((EventKind.Start, DecisionKind.None, TreatmentType.None, false, 0), Meaning(events[0]));
        // A decision to treat keeps the pathway open; a treatment ends it.
        Assert.Equal((EventKind.Decision, DecisionKind.CancerTreatment, TreatmentType.None, false, 20), Meaning(events[1]));
        Assert.Equal((EventKind.Treatment, DecisionKind.None, TreatmentType.Surgery, true, 30), Meaning(events[2]));
        Assert.True(events[2].IsCountedTreatment);
        Assert.Equal(new Provenance(false, "unverified: test"), events[2].Provenance);

        static (EventKind, DecisionKind, TreatmentType, bool, int) Meaning(EventDefinition e) => (e.Kind, e.Decision, e.Treatment, e.EndsEpisode, e.Stage);
    }

    [Theory]
    [InlineData("no-disease", true)]         // CI ends the pathway
    [InlineData("other-disease", true)]      // CA
    [InlineData("other-cancer", true)]       // CM
    [InlineData("unknown-origin", false)]    // CU: B01 goes on
    [InlineData("organ-cancer", false)]      // C01CK ends only when the file says so
    public void Parse_Decision_EndsTheEpisodeByDefaultOnlyWhenItClosesThePathway(string decision, bool ends) =>
        Assert.Equal(ends, PathwayFileParser.Parse(FileName, Replace("decision: cancer-treatment", $"decision: {decision}")).Events[1].EndsEpisode);

    [Fact]
    public void Parse_EndsEpisode_OverridesTheDefault() =>
        Assert.True(PathwayFileParser.Parse(FileName, Replace("decision: cancer-treatment", "decision: organ-cancer\n    ends_episode: true")).Events[1].EndsEpisode);

    [Fact]
    public void Parse_UnknownKey_NamesTheKeyAndLine()
    {
        var problem = Assert.Single(Problems(Replace("unit: days", "unit: days\ncolour: blue")));

        Assert.Equal("line 5", problem.Entry);
        Assert.Contains("colour", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKeyInAnEvent_IsAProblem()
    {
        var problem = Assert.Single(Problems(Replace("    kind: start", "    kind: start\n    letter: A")));

        Assert.Contains("letter", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EventWithoutVerified_IsAProblem() =>
        Problem(Replace("    kind: start\n    name: { nb: \"Start\", en: \"Start\" }\n    verified: true", "    kind: start\n    name: { nb: \"Start\", en: \"Start\" }"),
            "events[0] (X01A)", "needs 'verified: true' or 'verified: false'");

    [Fact]
    public void Parse_PathwayWithoutSource_IsAProblem() =>
        Problem(Replace("verified: true\nsource: \"test\"\nevents:", "verified: true\nevents:"), "pathway", "needs a source");

    [Fact]
    public void Parse_StandardWithEmptySource_IsAProblem() =>
        Problem(Replace("        treatment: surgery\n        verified: true\n        source: \"test\"", "        treatment: surgery\n        verified: true\n        source: \" \""),
            "intervals[0] (OF4).standards[0]", "needs a source");

    [Fact]
    public void Parse_BadEventKind_ListsTheAllowedKinds() =>
        Problem(Replace("kind: start", "kind: beginning"), "events[0] (X01A).kind", "'beginning' is not one of: start, first-attendance, decision");

    [Theory]
    [InlineData("family: cancer", "family: oncology", "family")]                     // a family the schema does not have
    [InlineData("unit: days", "unit: hours", "unit")]                                // nor a unit
    [InlineData("treatment: surgery\n    verified", "treatment: operation\n    verified", "events[2] (X01FK).treatment")] // nor a treatment type
    [InlineData("decision: cancer-treatment", "decision: cancer", "events[1] (X01CK).decision")] // nor a decision
    [InlineData("kind: start", "kind: 0", "events[0] (X01A).kind")]                // nor a number
    public void Parse_BadEnumValue_IsAProblemOfThatEntry(string find, string replacement, string entry) =>
        Assert.Contains(Problems(Replace(find, replacement)), p => p.Entry == entry);

    [Fact]
    public void Parse_TreatmentSpeltNone_PointsToNoTreatment() =>
        Problem(Replace("treatment: surgery\n    verified", "treatment: none\n    verified"), "events[2] (X01FK).treatment", "no-treatment");

    [Fact]
    public void Parse_TreatmentOnAStart_IsAProblem() =>
        Problem(Replace("kind: start", "kind: start\n    treatment: surgery"), "events[0] (X01A).treatment", "only belongs on a treatment code");

    [Fact]
    public void Parse_DecisionMissing_IsAProblem() =>
        Problem(Replace("    decision: cancer-treatment\n", ""), "events[1] (X01CK).decision", "is missing");

    [Theory]
    [InlineData("code: X01A", "code: Y01A")]   // another pathway's prefix
    [InlineData("code: X01A", "code: A")]      // shorter than the pathway code
    [InlineData("code: X01A", "code: X01-A")]  // a character other than letters and digits
    public void Parse_EventCodeNotStartingWithThePathwayCode_IsAProblem(string find, string replacement) =>
        Assert.Contains(Problems(Replace(find, replacement)), p => p.Entry.StartsWith("events[0]", StringComparison.Ordinal)
            && p.Message.Contains("must start with the pathway code X01", StringComparison.Ordinal));

    [Fact]
    public void Parse_DuplicateEventCode_IsAProblem() =>
        Problem(Replace("code: X01CK", "code: X01A"), "events[1] (X01A)", "listed twice");

    [Fact]
    public void Parse_NoStartCode_IsAProblem() =>
        Assert.Contains(Problems(Replace("kind: start", "kind: first-attendance")), p => p.Entry == "events" && p.Message.Contains("no start code", StringComparison.Ordinal));

    [Fact]
    public void Parse_MeasurementWithoutStage_IsAProblem() =>
        Problem(Replace("kind: decision\n    name: { nb: \"Beslutning\", en: \"Decision\" }\n    decision: cancer-treatment", "kind: measurement\n    name: { nb: \"Beslutning\", en: \"Decision\" }"),
            "events[1] (X01CK)", "needs a stage");

    [Theory]
    [InlineData("from: start", "from: first-attendance", "intervals[0] (OF4).from")] // a kind this pathway does not use
    [InlineData("to: treatment", "to: X01FS", "intervals[0] (OF4).to")]              // a code this pathway does not have
    [InlineData("to: treatment", "to: X01fk", "intervals[0] (OF4).to")]              // codes compare ordinally
    public void Parse_IntervalEndpointUnknown_IsAProblem(string find, string replacement, string entry) =>
        Problem(Replace(find, replacement), entry, "is neither an event kind used by this pathway nor one of its codes");

    [Fact]
    public void Parse_IntervalEndpointByCode_IsAccepted() =>
        Assert.Equal("X01FK", PathwayFileParser.Parse(FileName, Replace("to: treatment", "to: X01FK")).Interval("OF4")!.To);

    [Theory]
    [InlineData("valid_from: 2015-01-01\nvalid_to", "valid_from: 2021-02-30\nvalid_to", "valid_from", "'2021-02-30' is not a date")] // no 30 February
    [InlineData("valid_to: null", "valid_to: 30.04.2021", "valid_to", "'30.04.2021' is not a date")]                                  // Norwegian notation
    [InlineData("      - valid_from: 2015-01-01", "      - valid_from: 2015-13-01", "intervals[0] (OF4).standards[0].valid_from", "is not a date")] // month 13
    public void Parse_BadDate_IsAProblem(string find, string replacement, string entry, string message) =>
        Problem(Replace(find, replacement), entry, message);

    [Fact]
    public void Parse_ValidToBeforeValidFrom_IsAProblem() =>
        Problem(Replace("valid_to: null", "valid_to: 2014-12-31"), "valid_to", "is before valid_from");

    [Fact]
    public void Parse_NegativeLimit_IsAProblem() =>
        Problem(Replace("limit: 35", "limit: -1"), "intervals[0] (OF4).standards[0].limit", "zero or more");

    [Fact]
    public void Parse_TwoStandardsForTheSameDayAndTreatment_IsAProblem() =>
        Problem(Valid + "\n      - { valid_from: 2015-01-01, limit: 30, treatment: surgery, verified: true, source: \"test\" }",
            "intervals[0] (OF4).standards[1]", "two standards for the same treatment and setting");

    [Fact]
    public void Parse_DuplicateIntervalId_IsAProblem() =>
        Problem(Valid + "\n" + TestCatalogue.Interval("OF4", "start", "treatment"), "intervals (OF4)", "listed twice");

    [Fact]
    public void Parse_NameWithoutEnglish_IsAProblem() =>
        Problem(Replace("name: { nb: \"Testkreft\", en: \"Test cancer\" }", "name: { nb: \"Testkreft\" }"), "name", "both nb and en");

    [Fact]
    public void Parse_BadPathwayCode_IsAProblem() =>
        Assert.Contains(Problems(Replace("code: X01\n", "code: X-01\n")), p => p.Entry == "code");

    [Fact]
    public void Parse_EmptyFile_IsAProblem() =>
        Problem("", "file", "empty");

    [Fact]
    public void Parse_NotYaml_NamesTheLine() =>
        Assert.StartsWith("line ", Assert.Single(Problems("code: [X01\nfamily: cancer")).Entry, StringComparison.Ordinal);

    [Fact]
    public void Parse_SeveralProblems_AreAllReported()
    {
        var problems = Problems(Replace("kind: start", "kind: beginning").Replace("limit: 35", "limit: -1", StringComparison.Ordinal));

        Assert.Contains(problems, p => p.Entry == "events[0] (X01A).kind");
        Assert.Contains(problems, p => p.Entry == "intervals[0] (OF4).standards[0].limit");
    }

    [Fact]
    public void CatalogueException_Message_NamesFileEntryAndProblem()
    {
        var e = Assert.Throws<CatalogueException>(() => PathwayFileParser.Parse(FileName, Replace("kind: start", "kind: beginning")));

        Assert.Contains($"{FileName}: events[0] (X01A).kind: 'beginning' is not one of", e.Message, StringComparison.Ordinal);
    }
}
