using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Registry;
using static Forlop.Domain.Tests.Indicators.IndicatorFacts;
using Level = Forlop.Domain.Indicators.OrganisationLevel;

namespace Forlop.Domain.Tests.Indicators;

/// <summary>
/// Public figures of whole cubes: every table a reader can ask for (any level, any pathway) is a slice of one
/// suppressed cube, so the tests check the cube against a reader who solves every relation at once.
/// </summary>
public class IndicatorSuppressionTests
{
    private static IndicatorCube Public(IndicatorCube cube, int threshold = 3)
    {
        var shown = IndicatorSuppression.ForPublic(cube, threshold);
        var truth = cube with { Figures = cube.Figures.Where(f => f.Level != Level.Unit).ToList() };
        Assert.Equal(truth.Figures.Count, shown.Figures.Count);
        foreach (var (t, s) in truth.Figures.Zip(shown.Figures))
        {
            // A shown cell is the true one; a small count is never shown; a share needs both counts.
            Assert.True(s.Count is null || s.Count == t.Count);
            Assert.True(s.Numerator is null || s.Numerator == t.Numerator);
            Assert.False(t.Count is >= 1 && t.Count < threshold && s.Count is not null, $"{t.Key} count {t.Count} shown");
            Assert.False(t.Numerator is >= 1 && t.Numerator < threshold && s.Numerator is not null, $"{t.Key} numerator {t.Numerator} shown");
            Assert.Equal(s.Count is null || s.Numerator is null ? null : t.SharePercent, s.SharePercent);
            Assert.Equal(s.Count is null ? null : t.Quartiles, s.Quartiles);
        }
        var leaks = CubeDisclosureCheck.Leaks(truth, shown, threshold);
        Assert.True(leaks.Count == 0, string.Join("; ", leaks));
        return shown;
    }

    private static IntervalFacts Of4(long id, string organisation, string pathway, bool within) =>
        Interval(id, pathway, organisation, "OF4", "2016-10-01", within ? 20 : 60, TreatmentType.Surgery);

    private static List<IntervalFacts> Many(ref long id, string organisation, string pathway, int within, int over)
    {
        var facts = new List<IntervalFacts>();
        for (var i = 0; i < within; i++)
        {
            facts.Add(Of4(id++, organisation, pathway, true));
        }
        for (var i = 0; i < over; i++)
        {
            facts.Add(Of4(id++, organisation, pathway, false));
        }
        return facts;
    }

    [Fact]
    public void SmallHf_CannotBeWorkedOutFromItsRegionOrTheNation()
    {
        long id = 1;
        // Helse Sør-Øst: AHUS 2 (small), SIV 10, OUS 10. Printed as is, HSO − SIV − OUS = AHUS.
        var facts = Many(ref id, "AHUS", "A12", 2, 0).Concat(Many(ref id, "SIV", "A12", 6, 4)).Concat(Many(ref id, "OUS", "A12", 7, 3))
            .Concat(Many(ref id, "SUS", "A12", 8, 4)).ToList();

        var shown = Public(Compute(CompletedWithinStandard, "2016-T3", intervals: facts));

        Assert.Null(Figure(shown, "A12", Level.Hf, "AHUS")!.Count);
        Assert.True(Figure(shown, "A12", Level.Hf, "AHUS")!.Suppressed);
        Assert.Equal(12, Figure(shown, "A12", Level.Hf, "SUS")!.Count);
    }

    [Fact]
    public void SmallPathway_CannotBeWorkedOutFromAllPathwaysOfItsHf()
    {
        long id = 1;
        // At SUS: A37 has 1, A12 20; all pathways at SUS would give A37 back.
        var facts = Many(ref id, "SUS", "A37", 1, 0).Concat(Many(ref id, "SUS", "A12", 15, 5)).Concat(Many(ref id, "UNN", "A37", 9, 9)).ToList();

        var shown = Public(Compute(CompletedWithinStandard, "2016-T3", intervals: facts));

        Assert.Null(Figure(shown, "A37", Level.Hf, "SUS")!.Count);
    }

    [Fact]
    public void FewBreaches_HideTheNumeratorAtEveryLevel()
    {
        long id = 1;
        var facts = Many(ref id, "AHUS", "A12", 20, 1).Concat(Many(ref id, "SUS", "A12", 20, 10)).ToList();

        var shown = Public(Compute(CompletedWithinStandard, "2016-T3", intervals: facts));

        var ahus = Figure(shown, "A12", Level.Hf, "AHUS")!;
        Assert.Equal((21, null, null), (ahus.Count, ahus.Numerator, ahus.SharePercent));
    }

    [Fact]
    public void NothingSmall_ShowsEverything()
    {
        long id = 1;
        var facts = Many(ref id, "AHUS", "A12", 20, 5).Concat(Many(ref id, "SUS", "A12", 20, 10)).ToList();
        var cube = Compute(CompletedWithinStandard, "2016-T3", intervals: facts);

        var shown = Public(cube);

        Assert.All(shown.Figures, f => Assert.False(f.Suppressed));
    }

    [Fact]
    public void Distribution_SmallGroupHidesItsQuartilesAndCannotBeWorkedOut()
    {
        var distribution = Definition(File("times", "kind: distribution", "families: [cancer]", "intervals: [OF4]"));
        var facts = new List<IntervalFacts>();
        long id = 1;
        for (var i = 0; i < 10; i++)
        {
            facts.Add(Interval(id++, "A12", "AHUS", "OF4", "2016-10-01", 20 + i, TreatmentType.Surgery));
        }
        facts.Add(Interval(id++, "A12", "AHUS", "OF4", "2016-10-01", 33, TreatmentType.Radiotherapy));

        var shown = Public(Compute(distribution, "2016-T3", intervals: facts));

        var radiotherapy = Figure(shown, "A12", Level.Hf, "AHUS", "OF4", "radiotherapy")!;
        Assert.Equal((null, null), (radiotherapy.Count, radiotherapy.Quartiles));
    }

    [Fact]
    public void ReaderWhoSeesTheirOwnHf_CannotWorkOutAnotherHfFromIt()
    {
        long id = 1;
        // The reader sees AHUS whole (their own HF). AHUS 10 + SIV 1 = HSO 11: HSO must not be printed.
        var facts = Many(ref id, "AHUS", "A12", 5, 5).Concat(Many(ref id, "SIV", "A12", 1, 0)).Concat(Many(ref id, "SUS", "A12", 9, 9)).ToList();
        var cube = Compute(CompletedWithinStandard, "2016-T3", intervals: facts);
        cube = cube with { Figures = cube.Figures.Where(f => f.Level != Level.Unit).ToList() };
        bool Own(IndicatorFigure f) => f.Level == Level.Hf && f.Organisation == "AHUS";

        var shown = IndicatorSuppression.Apply(cube, 3, Own);

        Assert.Equal(10, Figure(shown, "A12", Level.Hf, "AHUS")!.Count);
        Assert.Null(Figure(shown, "A12", Level.Hf, "SIV")!.Count);
        Assert.Empty(CubeDisclosureCheck.Leaks(cube, shown, 3, Own));
    }

    [Fact]
    public void ReaderWhoSeesTheirOwnHf_SmallOwnCountsStayShown()
    {
        long id = 1;
        var facts = Many(ref id, "AHUS", "A12", 1, 0).Concat(Many(ref id, "SUS", "A12", 9, 9)).ToList();
        var cube = Compute(CompletedWithinStandard, "2016-T3", intervals: facts);
        bool Own(IndicatorFigure f) => f.Organisation == "AHUS";

        var shown = IndicatorSuppression.Apply(cube, 3, Own);

        Assert.Equal(1, Figure(shown, "A12", Level.Hf, "AHUS")!.Count);
    }

    /// <summary>Random registries of every shape the relations allow: no small count is ever left to be worked out.</summary>
    [Theory]
    [InlineData("share", 3)]
    [InlineData("share", 5)]
    [InlineData("count", 3)]
    [InlineData("distribution", 3)]
    [InlineData("own-hf", 3)]                // a reader who sees AHUS and its units whole, with units in the cube
    public void ManyRandomCubes_LeaveNoSmallCountToBeWorkedOut(string kind, int threshold)
    {
        var definition = kind switch
        {
            "share" or "own-hf" => CompletedWithinStandard,
            "count" => Definition(File("started", "kind: count", "count: started", "families: [cancer]")),
            _ => Definition(File("times", "kind: distribution", "families: [cancer]", "intervals: [OF1, OF4]")),
        };
        string[] organisations = ["AHUS", "AHUS-KIR", "SIV", "OUS", "LDS", "SUS", "UNN"];
        string[] pathways = ["A12", "A37", "A01"];
        TreatmentType[] treatments = [TreatmentType.Surgery, TreatmentType.Drug, TreatmentType.Radiotherapy];
        // A fixed seed: the same registries every run.
        var random = new Random(20161231 + threshold + kind.Length);
        for (var run = 0; run < 60; run++)
        {
            var intervals = new List<IntervalFacts>();
            var episodes = new List<EpisodeFacts>();
            var groups = random.Next(1, 9);
            long id = 1;
            for (var g = 0; g < groups; g++)
            {
                var organisation = organisations[random.Next(organisations.Length)];
                var pathway = pathways[random.Next(pathways.Length)];
                var size = random.Next(3) == 0 ? random.Next(1, 4) : random.Next(1, 15);
                for (var i = 0; i < size; i++)
                {
                    var interval = kind == "distribution" && random.Next(2) == 0 ? "OF1" : "OF4";
                    intervals.Add(Interval(id, pathway, organisation, interval, "2016-10-01", random.Next(3) == 0 ? 60 : 20, treatments[random.Next(treatments.Length)]));
                    episodes.Add(Episode(id, pathway, organisation, "2016-10-01"));
                    id++;
                }
            }

            var cube = Compute(definition, "2016-T3", episodes, intervals);
            if (kind == "own-hf")
            {
                static bool Own(IndicatorFigure f) => f.Organisation == "AHUS" || f.Parent == "AHUS";
                var shown = IndicatorSuppression.Apply(cube, threshold, Own);
                var leaks = CubeDisclosureCheck.Leaks(cube, shown, threshold, Own);
                Assert.True(leaks.Count == 0, string.Join("; ", leaks));
                continue;
            }
            Public(cube, threshold);
        }
    }
}
