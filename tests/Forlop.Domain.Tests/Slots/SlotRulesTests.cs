using Forlop.Domain.Slots;
using NodaTime;

namespace Forlop.Domain.Tests.Slots;

public class SlotRulesTests
{
    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    // Thursday 10 December 2026, 09:00 in Oslo.
    private static readonly Instant Slot = new LocalDateTime(2026, 12, 10, 9, 0).InZoneStrictly(Oslo).ToInstant();

    [Fact]
    public void ReleaseAt_IsTheHoursBeforeTheSlot() =>
        Assert.Equal(Slot - Duration.FromHours(48), SlotRules.ReleaseAt(Slot, SlotRules.DefaultReleaseHoursBefore));

    [Theory]
    [InlineData(true, -1, SlotStatus.Booked)]    // booked stays booked after the release time
    [InlineData(false, -1, SlotStatus.Open)]     // a second before the release time
    [InlineData(false, 0, SlotStatus.Released)]  // at the release time exactly
    [InlineData(false, 60, SlotStatus.Released)] // a minute after: released whether or not the service has written it down
    public void StatusAt_FollowsFromTheClock(bool booked, int secondsAfterRelease, SlotStatus expected)
    {
        var release = SlotRules.ReleaseAt(Slot, 48);
        Assert.Equal(expected, SlotRules.StatusAt(booked, release, release + Duration.FromSeconds(secondsAfterRelease)));
    }

    [Theory]
    [InlineData(-1, 48, "the slot must start in the future")]
    [InlineData(72, -1, "the release must be 0 to 336 hours before the slot")]
    [InlineData(72, 337, "the release must be 0 to 336 hours before the slot")]
    [InlineData(367 * 24, 48, "the slot must start within 366 days")]
    [InlineData(72, 0, null)] // held until it starts
    [InlineData(1, 48, null)] // released at once: allowed, the unit decides
    public void PublishRefusal_NeedsAFutureSlotAndASensibleRelease(int hoursFromNow, int hoursBefore, string? reason)
    {
        var now = Slot - Duration.FromHours(hoursFromNow);
        Assert.Equal(reason, SlotRules.PublishRefusal(Slot, hoursBefore, now)?.En);
    }

    [Fact]
    public void Figures_CountPerResourceAndIsoWeek()
    {
        var release = SlotRules.ReleaseAt(Slot, 48);
        var deadline = new LocalDate(2026, 12, 11);
        var now = Slot + Duration.FromDays(7);
        var slots = new[]
        {
            new SlotFacts(SlotResource.Mr, Slot, release, Booked: true, DeadlineAtBooking: deadline),                    // booked, used before the deadline
            new SlotFacts(SlotResource.Mr, Slot, release, Booked: true, DeadlineAtBooking: deadline.PlusDays(-3)),       // booked, but after the deadline
            new SlotFacts(SlotResource.Mr, Slot, release, Booked: false, DeadlineAtBooking: null),                       // released
            new SlotFacts(SlotResource.Mr, Slot + Duration.FromDays(14), Slot + Duration.FromDays(12), false, null),      // a later week, still open
            new SlotFacts(SlotResource.Ct, Slot, release, Booked: true, DeadlineAtBooking: null),                        // no deadline: in time
        };

        var figures = SlotRules.Figures(slots, Oslo, now);

        Assert.Equal(
        [
            new SlotWeekFigures(SlotResource.Ct, 2026, 50, new LocalDate(2026, 12, 7), 1, 1, 0, 1),
            new SlotWeekFigures(SlotResource.Mr, 2026, 50, new LocalDate(2026, 12, 7), 3, 2, 1, 1),
            new SlotWeekFigures(SlotResource.Mr, 2026, 52, new LocalDate(2026, 12, 21), 1, 0, 0, 0),
        ], figures);
    }
}
