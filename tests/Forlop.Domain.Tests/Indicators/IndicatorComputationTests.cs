using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Registry;
using static Forlop.Domain.Tests.Indicators.IndicatorFacts;
using Level = Forlop.Domain.Indicators.OrganisationLevel;

namespace Forlop.Domain.Tests.Indicators;

/// <summary>
/// Scenarios that pin each kind of indicator: boundaries, standards changing mid-period, transfers, levels.
/// Standards of the test catalogue: A12 OF4 surgery 35, drug 35, radiotherapy 39; A01 OF4 surgery 27, 32 from
/// 2021-05-01; A32 OF4 drug 8 only; D01 OF2 outpatient 21, inpatient 7, EV1 7, EV2 56; HS DTN 40, 30 from 2025.
/// </summary>
public class IndicatorComputationTests
{
    [Fact]
    public void ShareWithinStandard_AtAndOverTheLimitOfEachTreatment()
    {
        var cube = Compute(CompletedWithinStandard, "2016-T3", intervals:
        [
            Interval(1, "A12", "AHUS", "OF4", "2016-10-06", 35, TreatmentType.Surgery),        // exactly at the limit: within
            Interval(2, "A12", "AHUS", "OF4", "2016-10-07", 36, TreatmentType.Surgery),        // one day over
            Interval(3, "A12", "OUS", "OF4", "2016-10-10", 39, TreatmentType.Radiotherapy),    // radiotherapy's own limit: within
            Interval(4, "A12", "OUS", "OF4", "2016-10-11", 40, TreatmentType.Radiotherapy),    // over
            Interval(5, "A12", "OUS", "OF4", "2016-10-11", 10, TreatmentType.SymptomRelief),   // not surgery, drug or radiotherapy
            Interval(6, "A12", "OUS", "OF1", "2016-10-11", 3, TreatmentType.Surgery),          // another interval
        ]);

        Assert.Equal("2/1", Cells(cube, "A12", Level.Hf, "AHUS"));
        Assert.Equal("2/1", Cells(cube, "A12", Level.Hf, "OUS"));
        Assert.Equal("4/2", Cells(cube, "A12", Level.Rhf, "HSO"));
        Assert.Equal("4/2", Cells(cube, "ALL", Level.Nation));
        Assert.Equal("50.0", Figure(cube, "ALL", Level.Nation)!.SharePercent);
        Assert.Equal(70m, cube.Target!.Percent);
        Assert.Empty(cube.Warnings);
    }

    [Fact]
    public void CountedIntervals_AreTheFactsBehindTheFigures_EachWithItsLimit()
    {
        IntervalFacts[] intervals =
        [
            Interval(1, "A12", "AHUS", "OF4", "2016-10-06", 35, TreatmentType.Surgery),        // exactly at the limit: within
            Interval(2, "A12", "AHUS", "OF4", "2016-10-07", 36, TreatmentType.Surgery),        // one day over
            Interval(3, "A12", "OUS", "OF4", "2016-10-11", 10, TreatmentType.SymptomRelief),   // not a listed treatment: not behind any figure
            Interval(4, "A32", "OUS", "OF4", "2016-10-11", 5, TreatmentType.Surgery),          // no standard: completed, outside the share
            Interval(5, "A12", "OUS", "OF4", "2017-01-01", 20, TreatmentType.Surgery),         // after the period
        ];
        var period = Period("2016-T3");

        var counted = IndicatorComputation.CountedIntervals(CompletedWithinStandard, new IndicatorInputs([], intervals, []), Pathways, period);
        var cube = Compute(CompletedWithinStandard, "2016-T3", intervals: intervals);

        Assert.Equal([(1L, 35L, true), (2L, 35L, false), (4L, null, false)], counted.Select(c => (c.Interval.EpisodeId, c.Limit, c.Within)));
        var all = Figure(cube, "ALL", Level.Nation)!;
        Assert.Equal(all.CompletedIn(CompletedWithinStandard.Kind), counted.Count);
        Assert.Equal(all.Count, counted.Count(c => c.Limit is not null));
        Assert.Equal(all.WithoutStandard, counted.Count(c => c.Limit is null));
        Assert.Equal(all.Numerator, counted.Count(c => c.Within));
    }

    [Theory]
    [InlineData("2016-08-31", false)]        // the day before the tertial
    [InlineData("2016-09-01", true)]         // its first day
    [InlineData("2016-12-31", true)]         // its last day
    [InlineData("2017-01-01", false)]        // the day after
    public void ShareWithinStandard_CountsWhereTheEndPointIsDated(string treated, bool counted)
    {
        var cube = Compute(CompletedWithinStandard, "2016-T3", intervals: [Interval(1, "A12", "AHUS", "OF4", treated, 30, TreatmentType.Surgery)]);

        Assert.Equal(counted ? "1/1" : "0/0", Cells(cube, "ALL", Level.Nation));
    }

    [Fact]
    public void ShareWithinStandard_StandardChangesMidPeriod_UsesTheVersionOfTheSeniorityDate()
    {
        var cube = Compute(CompletedWithinStandard, "2021-T2", intervals:
        [
            // Started 2021-04-30, the day before the change: old limit 27, 30 days is over.
            Interval(1, "A01", "AHUS", "OF4", "2021-05-30", 30, TreatmentType.Surgery, seniority: "2021-04-30"),
            // Started 2021-05-01: new limit 32, 30 days is within.
            Interval(2, "A01", "AHUS", "OF4", "2021-05-31", 30, TreatmentType.Surgery, seniority: "2021-05-01"),
            // Started 2021-04-10 (old limit 27), treated in the period on day 27: within.
            Interval(3, "A01", "AHUS", "OF4", "2021-05-07", 27, TreatmentType.Surgery, seniority: "2021-04-10"),
        ]);

        Assert.Equal("3/2", Cells(cube, "A01", Level.Nation));
    }

    [Fact]
    public void ShareWithinStandard_TransferredJourney_CountsAtTheReceivingHfFromTheSeniorityDate()
    {
        // Started at SUS (Helse Vest) on 09-01, transferred, treated at UNN (Helse Nord) on day 41.
        var cube = Compute(CompletedWithinStandard, "2016-T3", intervals: [Interval(7, "A37", "UNN", "OF4", "2016-10-12", 41, TreatmentType.Surgery, seniority: "2016-09-01")]);

        Assert.Equal("1/1", Cells(cube, "A37", Level.Hf, "UNN"));
        Assert.Equal("1/1", Cells(cube, "A37", Level.Rhf, "HN"));
        Assert.Equal("none", Cells(cube, "A37", Level.Hf, "SUS"));
    }

    // interchange.md, report: completed "whether or not the catalogue knows a standard time for it"; share = within ÷ (completed − without_standard).
    [Fact]
    public void ShareWithinStandard_NoStandardForTheTreatment_IsCompletedOutsideTheShareAndWarned()
    {
        // A32 has a drug standard only.
        var cube = Compute(CompletedWithinStandard, "2016-T3", intervals:
        [
            Interval(1, "A32", "AHUS", "OF4", "2016-10-01", 5, TreatmentType.Surgery),
            Interval(2, "A32", "AHUS", "OF4", "2016-10-01", 9, TreatmentType.Drug),
        ]);

        Assert.Equal("1/0", Cells(cube, "A32", Level.Nation));
        var a32 = Figure(cube, "A32", Level.Nation)!;
        Assert.Equal((1, 2, "0.0"), (a32.WithoutStandard, a32.CompletedIn(CompletedWithinStandard.Kind), a32.SharePercent));
        Assert.Equal(1, Figure(cube, "ALL", Level.Hf, "AHUS")!.WithoutStandard);
        Assert.Equal(["1 measured OF4 of A32 (surgery) without a standard in the catalogue: counted, but outside the share"], cube.Warnings);
    }

    [Fact]
    public void ShareWithinStandard_Units_AddUpToTheirHf()
    {
        var cube = Compute(CompletedWithinStandard, "2016-T3", intervals:
        [
            Interval(1, "A12", "AHUS-KIR", "OF4", "2016-10-01", 20, TreatmentType.Surgery),
            Interval(2, "A12", "AHUS", "OF4", "2016-10-01", 50, TreatmentType.Surgery),
        ]);

        Assert.Equal("1/1", Cells(cube, "A12", Level.Unit, "AHUS-KIR"));
        Assert.Equal("AHUS", Figure(cube, "A12", Level.Unit, "AHUS-KIR")!.Parent);
        Assert.Equal("1/0", Cells(cube, "A12", Level.Unit, "AHUS"));
        Assert.Equal("2/1", Cells(cube, "A12", Level.Hf, "AHUS"));
    }

    [Fact]
    public void ShareWithinStandard_MentalHealthWithASetting_UsesThatSettingsStandard()
    {
        var assessed = Definition(File("assessed", "kind: share-within-standard", "families: [mental-health]", "intervals: [OF2]", "setting: outpatient"));
        var evaluations = Definition(File("evaluations", "kind: share-within-standard", "families: [mental-health]", "intervals: [EV1, EV2]"));
        IntervalFacts[] facts =
        [
            Interval(1, "D01", "SUS", "OF2", "2020-03-01", 21),      // outpatient limit 21: within (inpatient would be 7)
            Interval(2, "D01", "SUS", "OF2", "2020-03-02", 22),      // over
            Interval(3, "D01", "SUS", "EV1", "2020-03-09", 7),       // decision to first evaluation 7: within
            Interval(3, "D01", "SUS", "EV2", "2020-05-04", 56),      // between evaluations 56: within
            Interval(3, "D01", "SUS", "EV2", "2020-07-01", 57),      // over
        ];

        Assert.Equal("2/1", Cells(Compute(assessed, "2020", intervals: facts), "D01", Level.Hf, "SUS"));
        Assert.Equal("3/2", Cells(Compute(evaluations, "2020", intervals: facts), "D01", Level.Hf, "SUS"));
    }

    [Fact]
    public void ShareWithinStandard_Stroke_CountsMinutesAgainstTheStandardOfSymptomOnset()
    {
        var stroke = Definition(File("thrombolysis", "kind: share-within-standard", "families: [stroke]", "intervals: [DTN]",
            "targets: [ { valid_from: 2018-02-01, percent: 60, verified: true, source: \"t\" }, { valid_from: 2025-01-01, percent: 50, verified: true, source: \"t\" } ]"));
        IntervalFacts[] facts =
        [
            Interval(1, "HS", "OUS", "DTN", "2024-12-31", 31, seniority: "2024-12-31"),   // 2024: limit 40, within
            Interval(2, "HS", "OUS", "DTN", "2025-01-01", 31, seniority: "2024-12-31"),   // onset on 2024-12-31, needle after midnight: still 40
            Interval(3, "HS", "OUS", "DTN", "2025-01-01", 30, seniority: "2025-01-01"),   // 2025: exactly 30, within
            Interval(4, "HS", "OUS", "DTN", "2025-01-02", 31, seniority: "2025-01-02"),   // 2025: one minute over
        ];

        var year2024 = Compute(stroke, "2024", intervals: facts);
        var january = Compute(stroke, "2025-01", intervals: facts);

        Assert.Equal("1/1", Cells(year2024, "HS", Level.Nation));
        Assert.Equal(60m, year2024.Target!.Percent);
        Assert.Equal("3/2", Cells(january, "HS", Level.Nation));
        Assert.Equal(50m, january.Target!.Percent);
        Assert.Equal(TimeUnit.Minutes, january.Unit);
    }

    [Fact]
    public void ShareReached_StartsOfThePeriod_ShareWithTheIntervalReachedAtAnyTime()
    {
        var home = Definition(File("needs", "kind: share-reached", "families: [home]", "intervals: [BK1]"));
        var cube = Compute(home, "2023-T1",
            episodes:
            [
                Episode(1, "HJ", "AHUS", "2023-01-10", EpisodeState.Ended),     // assessed (in April, still counted)
                Episode(2, "HJ", "AHUS", "2023-04-30", EpisodeState.Ended),     // not assessed
                Episode(3, "HJ", "AHUS", "2023-05-01", EpisodeState.Ended),     // started after the tertial
                Episode(4, "A12", "AHUS", "2023-02-01"),                         // another family
            ],
            intervals:
            [
                Interval(1, "HJ", "AHUS", "BK1", "2023-04-20", 100),
                Interval(3, "HJ", "AHUS", "BK1", "2023-05-02", 1),
            ]);

        Assert.Equal("2/1", Cells(cube, "HJ", Level.Hf, "AHUS"));
        Assert.Equal("2/1", Cells(cube, "ALL", Level.Nation));
    }

    [Fact]
    public void Count_Started_CountsNewJourneysOnly()
    {
        var started = Definition(File("started", "kind: count", "count: started", "families: [cancer]"));
        var cube = Compute(started, "2016-T3", episodes:
        [
            Episode(1, "A37", "SUS", "2016-09-01", EpisodeState.Transferred, end: "2016-09-05"),
            Episode(2, "A37", "UNN", "2016-09-08", continuesTransfer: true),     // continues the journey from SUS
            Episode(3, "A12", "AHUS", "2016-08-31"),                              // before the tertial
            Episode(4, "A12", "AHUS-KIR", "2016-12-31"),
        ]);

        Assert.Equal("1/-", Cells(cube, "A37", Level.Hf, "SUS"));
        Assert.Equal("none", Cells(cube, "A37", Level.Hf, "UNN"));
        Assert.Equal("1/-", Cells(cube, "A12", Level.Unit, "AHUS-KIR"));
        Assert.Equal("2/-", Cells(cube, "ALL", Level.Nation));
    }

    [Fact]
    public void Count_CompletedAndEndedWithoutTreatment_SplitTheEndings()
    {
        var completed = Definition(File("completed", "kind: count", "count: completed", "families: [cancer]", "treatments: [surgery, drug, radiotherapy]"));
        var without = Definition(File("without", "kind: count", "count: ended-without-treatment", "families: [cancer]", "treatments: [surveillance, no-treatment]"));
        EpisodeFacts[] episodes =
        [
            Episode(1, "A12", "AHUS", "2016-09-01", EpisodeState.TreatmentStarted, end: "2016-10-01", treatment: TreatmentType.Surgery),
            Episode(2, "A12", "AHUS", "2016-09-01", EpisodeState.TreatmentStarted, end: "2016-10-01", treatment: TreatmentType.SymptomRelief),   // neither
            Episode(3, "A12", "AHUS", "2016-09-01", EpisodeState.TreatmentStarted, end: "2016-10-01", treatment: TreatmentType.Surveillance),
            Episode(4, "A12", "AHUS", "2016-09-01", EpisodeState.TreatmentStarted, end: "2016-10-01", treatment: TreatmentType.NoTreatment),
            Episode(5, "A12", "AHUS", "2016-09-01", EpisodeState.EndedByDecision, end: "2016-10-01", decision: DecisionKind.NoDisease, decided: "2016-10-01"),
            Episode(6, "A12", "AHUS", "2016-09-01", EpisodeState.Stopped, end: "2016-12-31"),
            Episode(7, "A12", "AHUS", "2016-09-01", EpisodeState.Transferred, end: "2016-10-01"),       // the journey goes on elsewhere
            Episode(8, "A12", "AHUS", "2016-05-01", EpisodeState.Stopped, end: "2016-08-31"),           // before the tertial
        ];

        Assert.Equal("1/-", Cells(Compute(completed, "2016-T3", episodes), "A12", Level.Hf, "AHUS"));
        Assert.Equal("4/-", Cells(Compute(without, "2016-T3", episodes), "A12", Level.Hf, "AHUS"));
    }

    [Fact]
    public void Count_StillOpen_OnThePeriodsLastDay()
    {
        var open = Definition(File("open", "kind: count", "count: still-open", "families: [cancer]"));
        var cube = Compute(open, "2016-T3", episodes:
        [
            Episode(1, "A12", "AHUS", "2016-12-31"),                                                               // started on the last day: open
            Episode(2, "A12", "AHUS", "2017-01-01"),                                                               // started after
            Episode(3, "A12", "AHUS", "2016-10-01", EpisodeState.TreatmentStarted, end: "2016-12-31", treatment: TreatmentType.Surgery), // ended on the last day
            Episode(4, "A12", "AHUS", "2016-10-01", EpisodeState.TreatmentStarted, end: "2017-01-01", treatment: TreatmentType.Surgery), // ended after: open then
            Episode(5, "A12", "AHUS", "2016-01-01", EpisodeState.UnderInvestigation),                             // open since January
        ]);

        Assert.Equal("3/-", Cells(cube, "A12", Level.Hf, "AHUS"));
    }

    [Fact]
    public void Distribution_QuartilesPerIntervalAndTreatmentType_AndOverAllTypes()
    {
        var distribution = Definition(File("times", "kind: distribution", "families: [cancer]", "intervals: [OF1, OF4]"));
        var cube = Compute(distribution, "2016", intervals:
        [
            Interval(1, "A12", "AHUS", "OF4", "2016-03-01", 10, TreatmentType.Surgery),
            Interval(2, "A12", "AHUS", "OF4", "2016-03-01", 20, TreatmentType.Surgery),
            Interval(3, "A12", "AHUS", "OF4", "2016-03-01", 30, TreatmentType.Surgery),
            Interval(4, "A12", "AHUS", "OF4", "2016-03-01", 45, TreatmentType.Surgery),
            Interval(5, "A12", "AHUS", "OF4", "2016-03-01", 40, TreatmentType.Drug),
            Interval(6, "A12", "AHUS", "OF1", "2016-03-01", 7),
        ]);

        var surgery = Figure(cube, "A12", Level.Hf, "AHUS", "OF4", "surgery")!;
        // Type 7: positions 0.75, 1.5 and 2.25 of 10, 20, 30, 45.
        Assert.Equal((4, new IntervalQuartiles(17.5m, 25m, 33.8m)), (surgery.Count!.Value, surgery.Quartiles!));
        Assert.Equal(new IntervalQuartiles(20m, 30m, 40m), Figure(cube, "A12", Level.Hf, "AHUS", "OF4")!.Quartiles);
        Assert.Equal("5/-", Cells(cube, "A12", Level.Hf, "AHUS", "OF4"));
        Assert.Equal(new IntervalQuartiles(7m, 7m, 7m), Figure(cube, "A12", Level.Hf, "AHUS", "OF1", "none")!.Quartiles);
        // OF1 sorts before OF4, as the definition lists them.
        Assert.True(cube.Figures.ToList().FindIndex(f => f.Interval == "OF1") < cube.Figures.ToList().FindIndex(f => f.Interval == "OF4"));
    }

    [Fact]
    public void Inclusion_DecisionsOverNewCasesCoveringThePeriod()
    {
        var inclusion = Definition(File("inclusion", "kind: inclusion", "families: [cancer]", "decisions: [cancer-treatment]"));
        EpisodeFacts[] episodes =
        [
            Episode(1, "A12", "AHUS", "2016-09-01", decision: DecisionKind.CancerTreatment, decided: "2016-09-20"),
            Episode(2, "A37", "AHUS-KIR", "2016-09-01", decision: DecisionKind.CancerTreatment, decided: "2016-12-31"),
            Episode(3, "A12", "AHUS", "2016-09-01", decision: DecisionKind.NoDisease, decided: "2016-09-20"),         // no cancer
            Episode(4, "A12", "AHUS", "2016-05-01", decision: DecisionKind.CancerTreatment, decided: "2016-08-31"),   // before
            Episode(5, "A12", "SIV", "2016-09-01", decision: DecisionKind.CancerTreatment, decided: "2016-10-01"),
            Episode(6, "A12", "SUS", "2016-09-01", decision: DecisionKind.CancerTreatment, decided: "2016-10-01"),
        ];
        NewCancerCases[] cases =
        [
            // AHUS: four months that cover the tertial.
            new("AHUS", D("2016-09-01"), D("2016-09-30"), 1), new("AHUS", D("2016-10-01"), D("2016-10-31"), 1),
            new("AHUS", D("2016-11-01"), D("2016-11-30"), 0), new("AHUS", D("2016-12-01"), D("2016-12-31"), 2),
            // SIV: the tertial itself.
            new("SIV", D("2016-09-01"), D("2016-12-31"), 2),
            // SUS: only September.
            new("SUS", D("2016-09-01"), D("2016-09-30"), 3),
        ];

        var cube = Compute(inclusion, "2016-T3", episodes, newCases: cases);

        Assert.Equal("4/2", Cells(cube, "ALL", Level.Hf, "AHUS"));
        Assert.Equal("50.0", Figure(cube, "ALL", Level.Hf, "AHUS")!.SharePercent);
        Assert.Equal("2/1", Cells(cube, "ALL", Level.Hf, "SIV"));
        Assert.Equal("6/3", Cells(cube, "ALL", Level.Rhf, "HSO"));
        Assert.Equal("-/1", Cells(cube, "ALL", Level.Hf, "SUS"));
        Assert.Equal("-/1", Cells(cube, "ALL", Level.Rhf, "HV"));
        Assert.Equal("-/4", Cells(cube, "ALL", Level.Nation));
        Assert.Equal("-/1", Cells(cube, "ALL", Level.Unit, "AHUS-KIR"));
        Assert.Equal("none", Cells(cube, "A12", Level.Hf, "AHUS"));
        Assert.Equal(["new cancer cases of SUS cover only part of 2016-T3: no share for SUS"], cube.Warnings);
    }

    [Fact]
    public void Inclusion_ByAPointReached_NeedsAssessmentsOverAllNewCancerPatients()
    {
        // reference/pathways.md §3: Pakkeforløp hjem's one measurement point in specialist care, over everyone
        // diagnosed with cancer (the new cases), counted where and when the assessment was done.
        var home = Definition(File("needs", "kind: inclusion", "families: [home]", "intervals: [BK1]"));
        var cube = Compute(home, "2023-T1",
            episodes: [Episode(1, "HJ", "AHUS", "2022-12-20", EpisodeState.Ended)],
            intervals:
            [
                Interval(1, "HJ", "AHUS", "BK1", "2023-01-05", 16),    // diagnosed last year, assessed in the period: counted
                Interval(2, "HJ", "AHUS", "BK1", "2023-04-30", 3),     // the period's last day
                Interval(3, "HJ", "AHUS", "BK1", "2023-05-01", 2),     // after the period
                Interval(4, "A12", "AHUS", "OF1", "2023-02-01", 2),    // another interval
            ],
            newCases: [new("AHUS", D("2023-01-01"), D("2023-04-30"), 8)]);

        Assert.Equal("8/2", Cells(cube, "ALL", Level.Hf, "AHUS"));
        Assert.Equal("25.0", Figure(cube, "ALL", Level.Hf, "AHUS")!.SharePercent);
        Assert.Equal((true, true, true), IndicatorComputation.Needs(home));
    }

    [Fact]
    public void Inclusion_NewCasesForALongerPeriod_GiveNoShareForAPartOfIt()
    {
        var inclusion = Definition(File("inclusion", "kind: inclusion", "families: [cancer]", "decisions: [cancer-treatment]"));

        var cube = Compute(inclusion, "2016-T3", newCases: [new("AHUS", D("2016-01-01"), D("2016-12-31"), 40)]);

        Assert.Equal("-/0", Cells(cube, "ALL", Level.Hf, "AHUS"));
        Assert.Contains("does not lie inside 2016-T3", Assert.Single(cube.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyPeriod_StillHasTheNationalTotal()
    {
        var cube = Compute(CompletedWithinStandard, "2016-T3");

        var total = Assert.Single(cube.Figures);
        Assert.Equal(("ALL", Level.Nation, 0, 0, null), (total.Pathway, total.Level, total.Count, total.Numerator, total.SharePercent));
    }

    [Fact]
    public void At_HfLevelForOneRegion_GivesItsHfsAndTheNationalLine()
    {
        var cube = Compute(CompletedWithinStandard, "2016-T3", intervals:
        [
            Interval(1, "A12", "AHUS", "OF4", "2016-10-01", 20, TreatmentType.Surgery),
            Interval(2, "A12", "SUS", "OF4", "2016-10-01", 20, TreatmentType.Surgery),
        ]);

        var rows = cube.At(Level.Hf, new IndicatorFilter(Pathway: "A12", Organisation: "HSO"), TestOrganisations.Directory);

        Assert.Equal(["Hf AHUS", "Nation "], rows.Select(r => $"{r.Level} {r.Organisation}"));
    }

    // reference/pathways.md §1.4: the denominator is new cancer cases (patients), so the numerator counts patients.
    [Fact]
    public void Inclusion_APatientWithTwoDecisionsInThePeriod_CountsOnceWhereTheFirstWasTaken()
    {
        var inclusion = Definition(File("included-in-pathway", "kind: inclusion", "families: [cancer]", "decisions: [cancer-treatment]"));
        var cube = Compute(inclusion, "2016-T3", episodes:
        [
            // Patient 7: CK in A12 at AHUS in September, then CK in A37 at OUS in October: one included patient, at AHUS.
            Episode(1, "A12", "AHUS", "2016-09-01", EpisodeState.AwaitingTreatment, decision: DecisionKind.CancerTreatment, decided: "2016-09-20") with { PatientId = 7 },
            Episode(2, "A37", "OUS", "2016-09-05", EpisodeState.AwaitingTreatment, decision: DecisionKind.CancerTreatment, decided: "2016-10-02") with { PatientId = 7 },
            // Patient 8: one decision at OUS.
            Episode(3, "A12", "OUS", "2016-09-01", EpisodeState.AwaitingTreatment, decision: DecisionKind.CancerTreatment, decided: "2016-09-25") with { PatientId = 8 },
        ]);

        Assert.Equal(1, Figure(cube, "ALL", Level.Hf, "AHUS")!.Numerator);
        Assert.Equal(1, Figure(cube, "ALL", Level.Hf, "OUS")!.Numerator);
        Assert.Equal(2, Figure(cube, "ALL", Level.Nation)!.Numerator);
    }
}
