using Forlop.Domain.Codes;
using Forlop.Domain.Catalogue;
using NodaTime;

namespace Forlop.Domain.Tests.Catalogue;

public class IntervalDefinitionTests
{
    private static readonly Provenance Source = new(true, "test");

    private static StandardTime S(string from, int limit, TreatmentType treatment = TreatmentType.None, CareSetting setting = CareSetting.Any) =>
        new(TestPatient.Date(from), limit, treatment, setting, Source);

    private static IntervalDefinition Interval(params StandardTime[] standards) =>
        new(IntervalId.Parse("OF4"), new LocalizedText("OF4", "OF4"), "start", "treatment", standards);

    [Theory]
    [InlineData("2021-04-30", 27)]           // the day before the change
    [InlineData("2021-05-01", 32)]           // the day of the change
    [InlineData("2030-01-01", 32)]           // long after: the newest version
    public void StandardOn_PicksTheNewestVersionOnOrBeforeTheDate(string date, int limit)
    {
        // Listed newest first to show the order in the file does not matter.
        var interval = Interval(S("2021-05-01", 32, TreatmentType.Surgery), S("2015-01-01", 27, TreatmentType.Surgery));

        Assert.Equal(limit, interval.StandardOn(TestPatient.Date(date), TreatmentType.Surgery)!.Limit);
    }

    [Fact]
    public void StandardOn_BeforeTheFirstVersion_IsNull() =>
        Assert.Null(Interval(S("2015-01-01", 27, TreatmentType.Surgery)).StandardOn(new LocalDate(2014, 12, 31), TreatmentType.Surgery));

    [Fact]
    public void StandardOn_TreatmentSpecificEntry_WinsOverTheGeneralOne()
    {
        var interval = Interval(S("2015-01-01", 30), S("2015-01-01", 39, TreatmentType.Radiotherapy));

        Assert.Equal(39, interval.StandardOn(new LocalDate(2016, 1, 1), TreatmentType.Radiotherapy)!.Limit);
        Assert.Equal(30, interval.StandardOn(new LocalDate(2016, 1, 1), TreatmentType.Surgery)!.Limit);
        Assert.Equal(30, interval.StandardOn(new LocalDate(2016, 1, 1))!.Limit);
    }

    [Fact]
    public void StandardOn_TreatmentWithoutEntryAndNoGeneralOne_IsNull() =>
        Assert.Null(Interval(S("2015-01-01", 35, TreatmentType.Surgery)).StandardOn(new LocalDate(2016, 1, 1), TreatmentType.Drug));

    [Fact]
    public void StandardOn_SettingSpecificEntry_WinsOverOneWithoutSetting()
    {
        var interval = Interval(S("2019-01-01", 14), S("2019-01-01", 7, setting: CareSetting.Inpatient));

        Assert.Equal(7, interval.StandardOn(new LocalDate(2019, 6, 1), setting: CareSetting.Inpatient)!.Limit);
        Assert.Equal(14, interval.StandardOn(new LocalDate(2019, 6, 1), setting: CareSetting.Outpatient)!.Limit);
    }

    [Theory]
    [InlineData(CareSetting.Outpatient, 21)] // TSB: 21 days outpatient
    [InlineData(CareSetting.Inpatient, 7)]   // 7 days inpatient
    public void StandardOn_Setting_PicksItsEntry(CareSetting setting, int limit) =>
        Assert.Equal(limit, TestCatalogue.Instance.Pathway("D01")!.Interval("OF2")!.StandardOn(new LocalDate(2019, 6, 1), setting: setting)!.Limit);
}
