using Forlop.Domain.PathwayTimes;
using static Forlop.Domain.Tests.RealCatalogue.RealCatalogueData;

namespace Forlop.Domain.Tests.RealCatalogue;

/// <summary>Pathway times against the standards in the catalogue: A12 OF4 surgery 35, radiotherapy 39; A01 OF4 surgery 27 before 2021-05-01, 32 from then; stroke door-to-needle 40 minutes, 30 from 2025.</summary>
public class PathwayTimesOnTheRealCatalogueTests
{
    private static IntervalMeasure Measure(RealPatient p, string interval, string today = "2030-01-01", bool local = false) =>
        PathwayTimeEngine.Measure(p.Record.Episodes[^1], D(today), local).Intervals.Single(i => i.Definition.Id == interval);

    [Theory]
    [InlineData("A12FK", "2016-10-06", 35, IntervalStatus.Within)] // surgery exactly on the limit
    [InlineData("A12FK", "2016-10-07", 36, IntervalStatus.Over)]   // one day over
    [InlineData("A12FS", "2016-10-10", 39, IntervalStatus.Within)] // radiotherapy has its own, longer limit
    [InlineData("A12FS", "2016-10-11", 40, IntervalStatus.Over)]
    public void OF4_AgainstTheStandardOfTheTreatmentType(string treatment, string date, long days, IntervalStatus status)
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"), ("r2", "AHUS", treatment, date));

        var of4 = Measure(p, "OF4");

        Assert.Equal(days, of4.Length);
        Assert.Equal(status, of4.Status);
    }

    [Theory]
    [InlineData("2021-04-30", 27)] // the day before the change: the old standard
    [InlineData("2021-05-01", 32)] // the day of the change: the new one
    public void Standard_IsTheVersionValidOnTheStartDate(string start, int limit)
    {
        var p = new RealPatient().Accept(("r1", "HB", "A01A", start), ("r2", "HB", "A01FK", "2021-06-01"));

        Assert.Equal(limit, Measure(p, "OF4").Standard!.Limit);
    }

    [Fact]
    public void CalendarDays_AcrossTheChangeToSummerTime_AreWholeDays()
    {
        // 2016-03-27 is 23 hours long in Oslo; still one calendar day.
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-03-26"), ("r2", "AHUS", "A12S", "2016-03-28"));

        Assert.Equal(2, Measure(p, "OF1").Length);
    }

    [Theory]
    [InlineData("2016-09-05", IntervalStatus.Running, 4)]  // 4 days used of 9
    [InlineData("2016-09-10", IntervalStatus.Running, 9)]  // the deadline day itself is still on time
    [InlineData("2016-09-11", IntervalStatus.Overdue, 10)] // one day past the deadline
    public void OpenInterval_IsRunningUntilItsDeadline(string today, IntervalStatus status, long used)
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"));

        var of1 = Measure(p, "OF1", today);

        Assert.Equal(status, of1.Status);
        Assert.Equal(used, of1.Length);
        Assert.Equal(D("2016-09-10"), of1.Deadline);
    }

    [Fact]
    public void NextDeadline_IsTheEarliestRunningOne()
    {
        var p = new RealPatient().Accept(("r1", "AHUS", "A12A", "2016-09-01"));

        var times = PathwayTimeEngine.Measure(p.Record.Episodes[0], D("2016-09-02"));

        // OF1 (9 days) comes before OF4 (35 days, the strictest counted treatment before the type is known).
        Assert.Equal("OF1", times.NextDeadline!.Definition.Id);
        Assert.Equal(D("2016-09-10"), times.NextDeadline.Deadline);
        Assert.Equal(35, times.Intervals.Single(i => i.Definition.Id == "OF4").Standard!.Limit);
    }

    [Fact]
    public void AfterATransfer_NationalTimesCountFromTheFirstStart_LocalFromTheOwn()
    {
        var p = new RealPatient().Accept(
            ("r1", "SUS", "A37A", "2016-10-03"), ("r2", "SUS", "A37O", "2016-10-04"),
            ("r3", "UNN", "A37A", "2016-10-05"), ("r4", "UNN", "A37FK", "2016-11-12"));

        Assert.Equal(40, Measure(p, "OF4").Length);
        Assert.Equal(38, Measure(p, "OF4", local: true).Length);
    }

    [Theory]
    [InlineData("2024-06-01", "10:00", "10:40", IntervalStatus.Within)] // 40 minutes: within the 2024 standard of 40
    [InlineData("2025-06-01", "10:00", "10:40", IntervalStatus.Over)]   // the same 40 minutes breach the 2025 standard of 30
    public void Stroke_DoorToNeedle_InMinutesAgainstTheVersionInForce(string date, string admission, string thrombolysis, IntervalStatus status)
    {
        var p = new RealPatient();
        Assert.Null(p.Send("s1", "STO", "HSMP1", date, time: "09:00"));
        Assert.Null(p.Send("s2", "STO", "HSMP3", date, time: admission));
        Assert.Null(p.Send("s3", "STO", "HSMP5", date, time: thrombolysis));

        var dtn = Measure(p, "DTN");

        Assert.Equal(40, dtn.Length);
        Assert.Equal(status, dtn.Status);
    }

    [Fact]
    public void Stroke_MinutesAcrossTheChangeToSummerTime_CountRealTime()
    {
        // At 02:00 on 2025-03-30 Oslo clocks jump to 03:00: 01:50 to 03:10 is 20 minutes.
        var p = new RealPatient();
        Assert.Null(p.Send("s1", "STO", "HSMP1", "2025-03-30", time: "01:00"));
        Assert.Null(p.Send("s2", "STO", "HSMP3", "2025-03-30", time: "01:50"));
        Assert.Null(p.Send("s3", "STO", "HSMP5", "2025-03-30", time: "03:10"));

        Assert.Equal(20, Measure(p, "DTN").Length);
    }
}
