using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Registry;
using static Forlop.Domain.Tests.Indicators.IndicatorFacts;
using Level = Forlop.Domain.Indicators.OrganisationLevel;

namespace Forlop.Domain.Tests.Indicators;

/// <summary>
/// Suppression across periods (reference/pathways.md §1.4: NPR removes counts below 3 "and any figure from which such
/// a count could be derived"; results are shown per month and per tertial, by RHF, HF and pathway). The attacker is
/// <see cref="DisclosureAudit"/>: every table of a year (months, tertials, quarters, the year; every level and pathway),
/// every relation between them, interval bounds and exact linear solving together.
/// </summary>
public class PublicationScopeSuppressionTests
{
    private static readonly string[] Organisations = ["AHUS", "SIV", "OUS", "LDS", "SUS", "UNN"];
    private static readonly string[] Pathways = ["A12", "A37", "A01"];
    private static readonly TreatmentType[] Treatments = [TreatmentType.Surgery, TreatmentType.Drug, TreatmentType.Radiotherapy];

    private static IndicatorDefinition Kind(string kind) => kind switch
    {
        "share" => CompletedWithinStandard,
        "count" => Definition(File("started", "kind: count", "count: started", "families: [cancer]")),
        "still-open" => Definition(File("still-open", "kind: count", "count: still-open", "families: [cancer]")),
        _ => Definition(File("times", "kind: distribution", "families: [cancer]", "intervals: [OF1, OF4]")),
    };

    /// <summary>A year of a small registry: a few busy groups and many small ones, spread over the months.</summary>
    private static List<IndicatorCube> Year(IndicatorDefinition definition, int seed, int groups = 40)
    {
        var random = new Random(seed);
        var intervals = new List<IntervalFacts>();
        var episodes = new List<EpisodeFacts>();
        long id = 1;
        for (var g = 0; g < groups; g++)
        {
            var organisation = Organisations[random.Next(Organisations.Length)];
            var pathway = Pathways[random.Next(Pathways.Length)];
            var size = random.Next(4) == 0 ? random.Next(5, 30) : random.Next(1, 4);
            for (var i = 0; i < size; i++)
            {
                var day = new NodaTime.LocalDate(2016, 1, 1).PlusDays(random.Next(366)).ToString("yyyy-MM-dd", null);
                var interval = definition.Id == "times" && random.Next(2) == 0 ? "OF1" : "OF4";
                intervals.Add(Interval(id, pathway, organisation, interval, day, random.Next(3) == 0 ? 60 : 20, Treatments[random.Next(Treatments.Length)]));
                var end = random.Next(3) == 0 ? null : NodaTime.LocalDate.FromDateTime(DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture)).PlusDays(random.Next(10, 90)).ToString("yyyy-MM-dd", null);
                episodes.Add(Episode(id, pathway, organisation, day, end is null ? EpisodeState.AwaitingFirstAttendance : EpisodeState.TreatmentStarted, end,
                    end is null ? TreatmentType.None : TreatmentType.Surgery));
                id++;
            }
        }
        return PublicationScope.Of(Period("2016")).Select(p => Compute(definition, p.Text, episodes, intervals)).ToList();
    }

    private static readonly IndicatorDefinition CountStarted = Kind("count");

    private static List<IndicatorCube> WithoutUnits(IEnumerable<IndicatorCube> cubes) =>
        cubes.Select(c => c with { Figures = c.Figures.Where(f => f.Level != Level.Unit).ToList() }).ToList();

    /// <summary>Every period suppressed on its own, as before: the year's tables give small counts away.</summary>
    [Fact]
    public void PeriodsSuppressedOneAtATime_LeakSmallCountsAcrossPeriods()
    {
        var truth = Year(CompletedWithinStandard, 2016);

        var shown = truth.Select(c => IndicatorSuppression.ForPublic(c, 3)).ToList();
        var audit = DisclosureAudit.Attack(WithoutUnits(truth), shown, 3);

        Assert.NotEmpty(audit.RecoveredSmall);
        Assert.Contains(audit.RecoveredSmall, c => c.Cell is "count" or "numerator");
    }

    [Fact]
    public void MonthAgainstItsYear_IsHiddenWithAnotherMonth()
    {
        long id = 1;
        // OUS A12: one pathway in March, ten in each of the other months. Each month alone hides only March; the year
        // (111) minus the eleven printed months (110) would give March back.
        var facts = new List<IntervalFacts>();
        for (var month = 1; month <= 12; month++)
        {
            for (var i = 0; i < (month == 3 ? 1 : 10); i++)
            {
                facts.Add(Interval(id++, "A12", "OUS", "OF4", $"2016-{month:00}-15", 20, TreatmentType.Surgery));
            }
            // Another HF every month, so the region's figure is not OUS's alone.
            for (var i = 0; i < 10; i++)
            {
                facts.Add(Interval(id++, "A12", "SIV", "OF4", $"2016-{month:00}-15", 20, TreatmentType.Surgery));
            }
        }
        var truth = PublicationScope.Of(Period("2016")).Select(p => Compute(CompletedWithinStandard, p.Text, intervals: facts)).ToList();
        var alone = truth.Select(c => IndicatorSuppression.ForPublic(c, 3)).ToList();
        Assert.Contains(DisclosureAudit.Attack(WithoutUnits(truth), alone, 3).RecoveredSmall, c => c.Period == "2016-03" && c.Figure.Organisation == "OUS");

        var shown = IndicatorSuppression.ForPublic(truth, 3);

        Assert.Empty(DisclosureAudit.Attack(WithoutUnits(truth), shown, 3).RecoveredSmall);
        Assert.Null(Figure(shown[PeriodIndex("2016-03")], "A12", Level.Hf, "OUS")!.Count);
        // Something else of OUS in 2016 had to go too (a month, its quarter or tertial, or the year).
        Assert.Contains(shown.Where((_, p) => p != PeriodIndex("2016-03")), c => Figure(c, "A12", Level.Hf, "OUS")!.Count is null);
    }

    [Theory]
    [InlineData("share", 3, 1)]
    [InlineData("share", 3, 2)]
    [InlineData("share", 5, 3)]
    [InlineData("count", 3, 4)]
    [InlineData("distribution", 3, 5)]
    [InlineData("still-open", 3, 6)]
    public void YearSuppressedAsOneScope_GivesNoSmallCountAway(string kind, int threshold, int seed)
    {
        var definition = Kind(kind);
        var truth = Year(definition, 1000 * seed + threshold);

        var shown = IndicatorSuppression.ForPublic(truth, threshold);

        var published = WithoutUnits(truth);
        Assert.Equal(published.Count, shown.Count);
        foreach (var (t, s) in published.SelectMany(c => c.Figures).Zip(shown.SelectMany(c => c.Figures)))
        {
            Assert.Equal(t.Key, s.Key);
            Assert.True(s.Count is null || s.Count == t.Count);
            Assert.True(s.Numerator is null || s.Numerator == t.Numerator);
            Assert.False(t.Count is >= 1 && t.Count < threshold && s.Count is not null, $"{t.Key} count {t.Count} shown");
            Assert.False(t.Numerator is >= 1 && t.Numerator < threshold && s.Numerator is not null, $"{t.Key} numerator {t.Numerator} shown");
        }
        var audit = DisclosureAudit.Attack(published, shown, threshold);
        Assert.True(audit.SuppressedCells > 0);
        Assert.True(audit.RecoveredSmall.Count == 0, string.Join("; ", audit.RecoveredSmall.Take(10).Select(c => $"{c.Period} {c.Figure.Key} {c.Cell} = {c.Value}")));
        // Issue 10 item 7: no hidden count at all can be worked out; one that could is printed, since hiding it protects nothing.
        var recovered = audit.Recovered.Where(c => c.Cell != "rest").ToList();
        Assert.True(recovered.Count == 0, string.Join("; ", recovered.Take(10).Select(c => $"{c.Period} {c.Figure.Key} {c.Cell} = {c.Value}")));
    }

    /// <summary>
    /// Rare pathways with small months at the nation: their certificates could pass through the nation's year, but
    /// the headline (the nation, all pathways, every period) and each pathway's national year stay printed wherever
    /// another certificate exists, and no small count is given away for it.
    /// </summary>
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void RareNationalMonths_LeaveTheHeadlineShown(int seed)
    {
        var truth = Year(CompletedWithinStandard, seed, groups: 80);

        var shown = IndicatorSuppression.ForPublic(truth, 3);

        foreach (var cube in shown)
        {
            var all = Figure(cube, IndicatorFigure.AllPathways, Level.Nation)!;
            Assert.True(all.Count is not null && all.Numerator is not null, $"{cube.Period.Text}: the nation's headline is hidden");
        }
        var year = shown[PeriodIndex("2016")];
        Assert.All(Pathways, pathway => Assert.NotNull(Figure(year, pathway, Level.Nation)!.Count));
        Assert.Empty(DisclosureAudit.Attack(WithoutUnits(truth), shown, 3).RecoveredSmall);
    }

    /// <summary>A pathway with nothing in the scope prints zeros: every part of a printed zero is zero, so no certificate may shift counts into it.</summary>
    [Fact]
    public void EmptyPathway_StaysShownAsZero()
    {
        var truth = Year(CountStarted, 21);
        var withEmpty = truth.Select(c => c with
        {
            Figures = c.Figures.Concat(c.Figures.Where(f => f.Pathway == "A12").Select(f => f with { Pathway = "A99", Count = 0 })).ToList(),
        }).ToList();

        var shown = IndicatorSuppression.ForPublic(withEmpty, 3);

        Assert.All(shown.SelectMany(c => c.Figures).Where(f => f.Pathway == "A99"), f => Assert.Equal(0, f.Count));
    }

    [Fact]
    public void Scope_IsTheYearWithItsTertialsQuartersAndMonths()
    {
        var scope = PublicationScope.Of(Period("2016-T3"));

        Assert.Equal(["2016", "2016-T1", "2016-T2", "2016-T3", "2016-Q1", "2016-Q2", "2016-Q3", "2016-Q4",
            "2016-01", "2016-02", "2016-03", "2016-04", "2016-05", "2016-06", "2016-07", "2016-08", "2016-09", "2016-10", "2016-11", "2016-12"],
            scope.Select(p => p.Text));
        Assert.Equal(PublicationScope.Of(Period("2016-09")), scope);
    }

    [Fact]
    public void Audit_WorksOutAMonthFromTheOtherPeriodsAndLevels()
    {
        long id = 1;
        // AHUS has one pathway, in May; OUS twenty over the year. Hidden: every AHUS figure and HSO's of May, Q2, T2
        // and the year. Still, May at AHUS = the nation's May − OUS's May − the other regions (bounds and sums), and
        // the audit must find it; zeros elsewhere follow from "not negative".
        var facts = new List<IntervalFacts> { Interval(id++, "A12", "AHUS", "OF4", "2016-05-10", 20, TreatmentType.Surgery) };
        for (var i = 0; i < 20; i++)
        {
            facts.Add(Interval(id++, "A12", "OUS", "OF4", $"2016-{i % 12 + 1:00}-10", 20, TreatmentType.Surgery));
        }
        var truth = WithoutUnits(PublicationScope.Of(Period("2016")).Select(p => Compute(CompletedWithinStandard, p.Text, intervals: facts)));
        var hidden = truth.Select(c => c with
        {
            Figures = c.Figures.Select(f => f.Organisation == "AHUS" || (f.Organisation == "HSO" && c.Period.Text is "2016-05" or "2016-Q2" or "2016-T2" or "2016")
                ? f with { Count = null, Numerator = null, Suppressed = true } : f).ToList(),
        }).ToList();

        var audit = DisclosureAudit.Attack(truth, hidden, 3);

        Assert.Contains(audit.RecoveredSmall, c => c.Period == "2016-05" && c.Figure.Organisation == "AHUS" && c.Figure.Pathway == "A12" && c.Cell == "count" && c.Value == 1);
        Assert.Contains(audit.RecoveredSmall, c => c.Period == "2016" && c.Figure.Organisation == "AHUS" && c.Cell == "numerator" && c.Value == 1);
    }

    private static int PeriodIndex(string text) => PublicationScope.Of(Period("2016")).Select(p => p.Text).ToList().IndexOf(text);
}
