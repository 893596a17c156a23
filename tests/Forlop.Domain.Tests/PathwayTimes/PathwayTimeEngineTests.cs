using Forlop.Domain.Catalogue;
using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.Domain.Tests.PathwayTimes;

public class PathwayTimeEngineTests
{
    private static readonly LocalDate Today = new(2024, 6, 15);

    private static IntervalMeasure Measure(Episode episode, string interval, LocalDate? today = null, bool local = false) =>
        Assert.Single(PathwayTimeEngine.Measure(episode, today ?? Today, local).Intervals, m => m.Definition.Id == interval);

    /// <summary>An A12-like episode at AHUS: start, then a treatment <paramref name="days"/> later.</summary>
    private static Episode Treated(string pathway, string start, int days, string treatment)
    {
        var startDate = TestPatient.Date(start);
        return new TestPatient()
            .Has("r1", "AHUS", pathway + "A", start)
            .Has("r2", "AHUS", pathway + treatment, TestPatient.Day(startDate.PlusDays(days)))
            .Episodes.Single();
    }

    [Theory]
    [InlineData("2016-03-26", "2016-03-28", 2)]   // over the spring change to summer time (27 March 2016)
    [InlineData("2024-10-26", "2024-10-28", 2)]   // over the autumn change back (27 October 2024)
    [InlineData("2016-02-28", "2016-03-01", 2)]   // over a leap day
    [InlineData("2016-12-31", "2017-01-01", 1)]   // over New Year
    [InlineData("2016-09-05", "2016-09-05", 0)]   // the same day
    [InlineData("2016-09-05", "2016-09-04", -1)]  // backwards
    public void DaysBetween_CountsCalendarDays(string from, string to, int days) =>
        Assert.Equal(days, PathwayTimeEngine.DaysBetween(TestPatient.Date(from), TestPatient.Date(to)));

    [Theory]
    [InlineData("FK", 35, IntervalStatus.Within)] // surgery exactly on its limit
    [InlineData("FK", 36, IntervalStatus.Over)]   // one day over
    [InlineData("FM", 35, IntervalStatus.Within)] // drug: the same limit
    [InlineData("FM", 36, IntervalStatus.Over)]   // one day over
    [InlineData("FS", 39, IntervalStatus.Within)] // radiotherapy has its own, longer limit
    [InlineData("FS", 40, IntervalStatus.Over)]   // one day over that
    [InlineData("FK", 0, IntervalStatus.Within)]  // treatment the day the referral came
    public void Measure_Of4_IsWithinUpToAndIncludingTheLimitOfTheTreatmentType(string treatment, int days, IntervalStatus status)
    {
        var of4 = Measure(Treated("A12", "2016-09-05", days, treatment), "OF4");

        Assert.Equal(days, of4.Length);
        Assert.Equal(status, of4.Status);
    }

    [Fact]
    public void Measure_Of4_UsesTheStandardOfTheTreatmentThatWasGiven()
    {
        // 39 days: within for radiotherapy, over for surgery.
        Assert.Equal(39, Measure(Treated("A12", "2016-09-05", 39, "FS"), "OF4").Standard!.Limit);
        Assert.Equal(35, Measure(Treated("A12", "2016-09-05", 39, "FK"), "OF4").Standard!.Limit);
    }

    [Theory]
    [InlineData("2016-03-20")]               // over the spring change (2016-03-27)
    [InlineData("2016-10-01")]               // over the autumn change (2016-10-30)
    public void Measure_Of4AcrossADaylightSavingChange_CountsCalendarDays(string start)
    {
        var of4 = Measure(Treated("A12", start, 35, "FK"), "OF4");

        Assert.Equal(35, of4.Length);
        Assert.Equal(IntervalStatus.Within, of4.Status);
    }

    [Theory]
    [InlineData("FO")]                       // surveillance has no OF4 standard in A12
    [InlineData("FL")]                       // nor has symptom relief
    public void Measure_TreatmentWithoutAStandard_HasNoStandard(string treatment)
    {
        var of4 = Measure(Treated("A12", "2016-09-05", 10, treatment), "OF4");

        Assert.Null(of4.Standard);
        Assert.Equal(IntervalStatus.NoStandard, of4.Status);
        Assert.Null(of4.Deadline);
    }

    [Theory]
    [InlineData("2021-04-30", 27, IntervalStatus.Over)]   // started the day before the change: the old 27 days
    [InlineData("2021-05-01", 32, IntervalStatus.Within)] // started the day of the change: the new 32 days
    [InlineData("2015-01-01", 27, IntervalStatus.Over)]   // the first day of the first version
    public void Measure_UsesTheStandardInForceOnTheStartDate(string start, int limit, IntervalStatus status)
    {
        // Surgery 30 days after the start, whatever day the treatment falls on.
        var of4 = Measure(Treated("A01", start, 30, "FK"), "OF4");

        Assert.Equal(limit, of4.Standard!.Limit);
        Assert.Equal(status, of4.Status);
    }

    [Fact]
    public void Measure_TreatmentAfterTheChangeOfAPathwayStartedBefore_KeepsTheOldStandard()
    {
        var episode = new TestPatient()
            .Has("r1", "AHUS", "A01A", "2021-04-20")
            .Has("r2", "AHUS", "A01S", "2021-04-25")
            .Has("r3", "AHUS", "A01CK", "2021-05-03")
            .Has("r4", "AHUS", "A01FM", "2021-05-18")
            .Episodes.Single();

        Assert.Equal(24, Measure(episode, "OF4").Standard!.Limit);
        Assert.Equal(7, Measure(episode, "OF2").Standard!.Limit);
        Assert.Equal(IntervalStatus.Over, Measure(episode, "OF2").Status); // 8 days against the old 7
    }

    [Fact]
    public void Measure_AfterATransfer_UsesTheStandardOnTheSeniorityDate()
    {
        // The journey began the day before the change; the receiving HF's own start is after it.
        var episode = new TestPatient()
            .Has("r1", "SUS", "A01A", "2021-04-30")
            .Has("r2", "SUS", "A01O", "2021-05-01")
            .Has("r3", "UNN", "A01A", "2021-05-02")
            .Has("r4", "UNN", "A01FK", "2021-05-30")
            .Episode("UNN");

        var national = Measure(episode, "OF4");
        Assert.Equal(30, national.Length);
        Assert.Equal(27, national.Standard!.Limit);
        Assert.Equal(IntervalStatus.Over, national.Status);
    }

    [Fact]
    public void Measure_AfterATransfer_NationalCountsFromTheFirstStartAndLocalFromItsOwn()
    {
        var patient = new TestPatient()
            .Has("r1", "SUS", "A37A", "2016-10-01")
            .Has("r2", "SUS", "A37S", "2016-10-02")
            .Has("r3", "SUS", "A37O", "2016-10-04")
            .Has("r4", "UNN", "A37A", "2016-10-05")
            .Has("r5", "UNN", "A37S", "2016-10-09")
            .Has("r6", "UNN", "A37CK", "2016-11-10")
            .Has("r7", "UNN", "A37FK", "2016-11-12");
        var receiving = patient.Episode("UNN");

        var national = Measure(receiving, "OF4");
        var local = Measure(receiving, "OF4", local: true);

        Assert.Equal(new LocalDate(2016, 10, 1), national.FromDate);
        Assert.Equal(42, national.Length);
        Assert.Equal(IntervalStatus.Over, national.Status);
        Assert.Equal(new LocalDate(2016, 10, 5), local.FromDate);
        Assert.Equal(38, local.Length);
        Assert.Equal(IntervalStatus.Within, local.Status);
        // The journey's first attendance was at the sending HF; locally the receiving HF's own counts.
        Assert.Equal(1, Measure(receiving, "OF1").Length);
        Assert.Equal(4, Measure(receiving, "OF1", local: true).Length);
    }

    [Fact]
    public void Measure_TheWorkedExamplesTransfer_IsWithinFromTheFirstStart()
    {
        var receiving = new TestPatient()
            .Has("r17", "SUS", "A37A", "2016-10-03")
            .Has("r18", "SUS", "A37O", "2016-10-04")
            .Has("r19", "UNN", "A37A", "2016-10-05")
            .Has("r20", "UNN", "A37S", "2016-10-09")
            .Has("r21", "UNN", "A37CK", "2016-11-12")
            .Has("r22", "UNN", "A37FK", "2016-11-12")
            .Episode("UNN");

        var of4 = Measure(receiving, "OF4");
        Assert.Equal(40, of4.Length);
        Assert.Equal(IntervalStatus.Within, of4.Status);
    }

    [Theory]
    [InlineData("2016-09-10", IntervalStatus.Running, 5)]  // under way
    [InlineData("2016-09-14", IntervalStatus.Running, 9)]  // the deadline itself: still in time
    [InlineData("2016-09-15", IntervalStatus.Overdue, 10)] // the day after
    public void Measure_OpenInterval_IsRunningUntilItsDeadlineHasPassed(string today, IntervalStatus status, int used)
    {
        var episode = new TestPatient().Has("r1", "AHUS", "A12A", "2016-09-05").Episodes.Single();

        var of1 = Measure(episode, "OF1", TestPatient.Date(today));

        Assert.Equal(status, of1.Status);
        Assert.Equal(used, of1.Length);
        Assert.Equal(new LocalDate(2016, 9, 14), of1.Deadline);
        Assert.Null(of1.ToEvent);
    }

    [Fact]
    public void Measure_OpenEpisode_NamesTheNearestDeadline()
    {
        var episode = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12S", "2016-09-10")
            .Episodes.Single();

        var times = PathwayTimeEngine.Measure(episode, new LocalDate(2016, 9, 12));

        Assert.Equal(EpisodeState.UnderInvestigation, times.State);
        Assert.Equal(IntervalStatus.Within, Measure(episode, "OF1").Status);
        // OF2 ends 12 days after the first attendance, before OF4's strictest limit (35 days after the start).
        Assert.Equal("OF2", times.NextDeadline!.Definition.Id);
        Assert.Equal(new LocalDate(2016, 9, 22), times.NextDeadline.Deadline);
        var of4 = Measure(episode, "OF4", new LocalDate(2016, 9, 12));
        Assert.Equal(IntervalStatus.Running, of4.Status);
        Assert.Equal(new LocalDate(2016, 10, 10), of4.Deadline);
        // OF3 cannot run before there is a decision.
        Assert.DoesNotContain(times.Intervals, m => m.Definition.Id == "OF3");
    }

    [Fact]
    public void Measure_APointSkipped_IsNotRunningOnceALaterPointIsRegistered()
    {
        // A decision with no first attendance: OF1 and OF2 can no longer end (a data-quality finding says so), so the
        // next deadline is the decision's, not a first attendance that is long overdue.
        var episode = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12CK", "2016-09-20")
            .Episodes.Single();

        var times = PathwayTimeEngine.Measure(episode, new LocalDate(2016, 9, 30));

        Assert.DoesNotContain(times.Intervals, m => m.Definition.Id.Value is "OF1" or "OF2");
        Assert.Equal("OF3", times.NextDeadline!.Definition.Id);
        Assert.Contains(DataQuality.Findings(episode), f => f.Kind == "missing-first-attendance");
    }

    [Fact]
    public void Measure_OverdueInterval_StaysTheNextDeadline()
    {
        var episode = new TestPatient().Has("r1", "AHUS", "A12A", "2016-09-05").Episodes.Single();

        var times = PathwayTimeEngine.Measure(episode, new LocalDate(2016, 9, 20));

        Assert.Equal("OF1", times.NextDeadline!.Definition.Id);
        Assert.Equal(IntervalStatus.Overdue, times.NextDeadline.Status);
    }

    [Fact]
    public void Measure_OpenEpisodeAfterATransfer_CountsTheDeadlineFromTheFirstStart()
    {
        var receiving = new TestPatient()
            .Has("r1", "SUS", "A12A", "2016-09-01")
            .Has("r2", "SUS", "A12O", "2016-09-03")
            .Has("r3", "UNN", "A12A", "2016-09-06")
            .Episode("UNN");

        Assert.Equal(new LocalDate(2016, 9, 10), Measure(receiving, "OF1", new LocalDate(2016, 9, 7)).Deadline);
        Assert.Equal(new LocalDate(2016, 9, 15), Measure(receiving, "OF1", new LocalDate(2016, 9, 7), local: true).Deadline);
    }

    [Fact]
    public void Measure_EndedEpisode_HasNothingRunning()
    {
        var episode = new TestPatient()
            .Has("r1", "AHUS", "A12A", "2016-09-05")
            .Has("r2", "AHUS", "A12CI", "2016-09-20")
            .Episodes.Single();

        var times = PathwayTimeEngine.Measure(episode, new LocalDate(2017, 1, 1));

        Assert.DoesNotContain(times.Intervals, m => m.Status is IntervalStatus.Running or IntervalStatus.Overdue);
        Assert.Null(times.NextDeadline);
        Assert.Equal(EpisodeState.EndedByDecision, times.State);
    }

    [Fact]
    public void Measure_Evaluations_AreMeasuredOneAfterAnother()
    {
        var episode = new TestPatient()
            .Has("r1", "AHUS", "D01A", "2019-03-01", outcome: "D01U1")
            .Has("r2", "AHUS", "D01S", "2019-03-05", outcome: "D01U1")
            .Has("r3", "AHUS", "D01C", "2019-03-20", outcome: "D01U1")
            .Has("r4", "AHUS", "D01E", "2019-03-27", outcome: "D01U3")
            .Has("r5", "AHUS", "D01E", "2019-05-22", outcome: "D01U3")
            .Has("r6", "AHUS", "D01E", "2019-07-20", outcome: "D01U3")
            .Episodes.Single();

        var times = PathwayTimeEngine.Measure(episode, new LocalDate(2019, 8, 1));

        var ev1 = Assert.Single(times.Intervals, m => m.Definition.Id == "EV1");
        Assert.Equal((7L, IntervalStatus.Within), (ev1.Length, ev1.Status));
        var ev2 = times.Intervals.Where(m => m.Definition.Id == "EV2").ToList();
        Assert.Equal(
            [(56L, IntervalStatus.Within), (59L, IntervalStatus.Over), (12L, IntervalStatus.Running)],
            ev2.Select(m => (m.Length, m.Status)));
        // The next evaluation is due 56 days after the last one.
        Assert.Equal(new LocalDate(2019, 9, 14), times.NextDeadline!.Deadline);
    }

    [Fact]
    public void Measure_EndedMentalHealthEpisode_HasNoRunningEvaluation()
    {
        var episode = new TestPatient()
            .Has("r1", "AHUS", "D01A", "2019-03-01", outcome: "D01U1")
            .Has("r2", "AHUS", "D01C", "2019-03-20", outcome: "D01U1")
            .Has("r3", "AHUS", "D01E", "2019-03-27", outcome: "D01U3")
            .Has("r4", "AHUS", "D01X", "2019-04-15", outcome: "D01U2")
            .Episodes.Single();

        Assert.DoesNotContain(PathwayTimeEngine.Measure(episode, new LocalDate(2019, 8, 1)).Intervals, m => m.Status == IntervalStatus.Running);
    }

    [Theory]
    [InlineData("2024-06-10", "10:00", "2024-06-10", "10:40", 40, IntervalStatus.Within)] // exactly the limit
    [InlineData("2024-06-10", "10:00", "2024-06-10", "10:41", 41, IntervalStatus.Over)]   // a minute over
    [InlineData("2024-06-10", "23:50", "2024-06-11", "00:20", 30, IntervalStatus.Within)] // across midnight
    [InlineData("2024-03-31", "01:50", "2024-03-31", "03:20", 30, IntervalStatus.Within)] // clocks go forward 02:00→03:00: 90 minutes on the wall, 30 lived
    [InlineData("2024-10-27", "01:50", "2024-10-27", "03:10", 140, IntervalStatus.Over)]  // clocks go back 03:00→02:00: 80 minutes on the wall, 140 lived
    public void Measure_StrokeDoorToNeedle_CountsRealMinutesInOslo(string admittedDate, string admitted, string needleDate, string needle, long minutes, IntervalStatus status)
    {
        var episode = new TestPatient()
            .Has("r1", "AHUS", "HSMP1", admittedDate, time: "00:30")
            .Has("r2", "AHUS", "HSMP3", admittedDate, time: admitted)
            .Has("r3", "AHUS", "HSMP5", needleDate, time: needle)
            .Episodes.Single();

        var dtn = Measure(episode, "DTN");

        Assert.Equal(minutes, dtn.Length);
        Assert.Equal(status, dtn.Status);
    }

    [Theory]
    [InlineData("2024-12-31", 40)]           // symptom onset the day before the 2025 standard
    [InlineData("2025-01-01", 30)]           // the day it came into force
    public void Measure_StrokeStandard_IsTheVersionOnTheDayOfOnset(string onset, int limit)
    {
        var episode = new TestPatient()
            .Has("r1", "AHUS", "HSMP1", onset, time: "23:00")
            .Has("r2", "AHUS", "HSMP3", "2025-01-02", time: "01:00")
            .Has("r3", "AHUS", "HSMP5", "2025-01-02", time: "01:35")
            .Episodes.Single();

        var dtn = Measure(episode, "DTN");

        Assert.Equal(limit, dtn.Standard!.Limit);
        Assert.Equal(limit == 40 ? IntervalStatus.Within : IntervalStatus.Over, dtn.Status);
    }

    [Fact]
    public void Measure_StrokeIntervalFromTheStart_CountsMinutesFromOnset()
    {
        var episode = new TestPatient()
            .Has("r1", "AHUS", "HSMP1", "2024-06-10", time: "08:05")
            .Has("r2", "AHUS", "HSMP3", "2024-06-10", time: "09:00")
            .Has("r3", "AHUS", "HSMP5", "2024-06-10", time: "09:30")
            .Episodes.Single();

        var otn = Measure(episode, "OTN");

        Assert.Equal(85, otn.Length);
        Assert.Equal(IntervalStatus.NoStandard, otn.Status);
    }

    [Fact]
    public void Journey_ListsTheEpisodesFromTheFirstStart()
    {
        var patient = new TestPatient()
            .Has("r1", "SUS", "A12A", "2016-10-03")
            .Has("r2", "SUS", "A12O", "2016-10-04")
            .Has("r3", "AHUS", "A12A", "2016-10-06")
            .Has("r4", "AHUS", "A12O", "2016-10-08")
            .Has("r5", "UNN", "A12A", "2016-10-10");

        Assert.Equal(["SUS", "AHUS", "UNN"], PathwayTimeEngine.Journey(patient.Episode("UNN")).Select(e => e.Hf));
        Assert.Equal(["SUS"], PathwayTimeEngine.Journey(patient.Episode("SUS")).Select(e => e.Hf));
    }
}
