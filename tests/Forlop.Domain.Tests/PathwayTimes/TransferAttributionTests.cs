using Forlop.Domain.PathwayTimes;
using NodaTime;

namespace Forlop.Domain.Tests.PathwayTimes;

public class TransferAttributionTests
{
    private static LocalDate D(string iso) => LocalDate.FromDateTime(DateTime.Parse(iso, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void StaysOf_TransferredJourney_EndsTheSendingStayOnTheTransfersDay()
    {
        var patient = new TestPatient()
            .Has("r1", "SUS", "A12A", "2016-10-03")
            .Has("r2", "SUS", "A12O", "2016-10-06")
            .Has("a1", "AHUS", "A12A", "2016-10-08")
            .Has("a2", "AHUS", "A12S", "2016-10-12");

        // The same journey from either end.
        foreach (var hf in new[] { "SUS", "AHUS" })
        {
            Assert.Equal([new JourneyStay("SUS", D("2016-10-06")), new JourneyStay("AHUS", null)], TransferAttribution.StaysOf(patient.Episode(hf)));
        }
    }

    [Theory]
    // OF1 from the first start (3 Oct) to the first attendance at the receiving HF (12 Oct): 3 days sending, 6 receiving.
    [InlineData("2016-10-03", "2016-10-12", "SUS:3 AHUS:6")]
    // An interval that ended before the transfer belongs to the sending HF alone.
    [InlineData("2016-10-03", "2016-10-05", "SUS:2")]
    // An interval that started after the transfer belongs to the receiving HF alone.
    [InlineData("2016-10-12", "2016-10-20", "AHUS:8")]
    // An interval of no days (reached on its first day) is nobody's.
    [InlineData("2016-10-06", "2016-10-06", "")]
    public void Split_DaysUntilTheTransferToTheSender_AfterToTheReceiver(string from, string to, string expected)
    {
        IReadOnlyList<JourneyStay> stays = [new("SUS", D("2016-10-06")), new("AHUS", null)];

        var days = TransferAttribution.Split(stays, D(from), D(to));

        Assert.Equal(expected, string.Join(" ", days.Select(d => $"{d.Hf}:{d.Days}")));
        Assert.Equal(Period.Between(D(from), D(to), PeriodUnits.Days).Days, days.Sum(d => d.Days));
    }

    [Fact]
    public void Split_TwoTransfers_ThreeHfsShareTheDays()
    {
        // SUS → AHUS → UNN, with the pathway sent back to no one: the days add up to the whole interval.
        IReadOnlyList<JourneyStay> stays = [new("SUS", D("2016-10-05")), new("AHUS", D("2016-10-10")), new("UNN", null)];

        var days = TransferAttribution.Split(stays, D("2016-10-01"), D("2016-10-31"));

        Assert.Equal([new HfDays("SUS", 4), new HfDays("AHUS", 5), new HfDays("UNN", 21)], days);
    }

    [Fact]
    public void Split_SentBackToTheFirstHf_AddsItsTwoStays()
    {
        IReadOnlyList<JourneyStay> stays = [new("SUS", D("2016-10-05")), new("AHUS", D("2016-10-10")), new("SUS", null)];

        var days = TransferAttribution.Split(stays, D("2016-10-01"), D("2016-10-20"));

        Assert.Equal([new HfDays("SUS", 14), new HfDays("AHUS", 5)], days);
    }
}
