using Forlop.Domain.Catalogue;
using NodaTime;
using NodaTime.Calendars;

namespace Forlop.Domain.Slots;

/// <summary>
/// What a slot is reserved in: the examinations and consultations the cancer plan asks HFs to keep time for in
/// pathway patients' investigation (seed 001, §5.3.2). Stored and sent in kebab-case (<c>ct</c>, <c>outpatient-consultation</c>).
/// </summary>
public enum SlotResource
{
    Ct,
    Mr,
    Pet,
    Endoscopy,
    OutpatientConsultation,
}

/// <summary>Where a reserved slot stands at a moment: open for booking, booked for a pathway patient, or released to other patients.</summary>
public enum SlotStatus
{
    Open,
    Booked,
    Released,
}

/// <summary>
/// A reserved slot as the rules see it: when it is, when it is released unless booked, and whether and when it was
/// booked (with the deadline of the patient's next point at booking, to tell whether it came in time).
/// </summary>
public sealed record SlotFacts(SlotResource Resource, Instant StartsAt, Instant ReleaseAt, bool Booked, LocalDate? DeadlineAtBooking);

/// <summary>The figures of one resource in one ISO week (Monday first): reserved, booked for pathway patients, released, used in time.</summary>
public sealed record SlotWeekFigures(SlotResource Resource, int WeekYear, int Week, LocalDate Monday, int Reserved, int Booked, int Released, int UsedInTime);

/// <summary>
/// The rules of reserved slots (reserverte timer): a unit publishes a slot with its release time; until then only a
/// coordinator booking for a pathway patient may take it; at the release time an unbooked slot goes to other patients.
/// Pure: the caller hands in the moment it asks about; nothing here reads a clock.
/// </summary>
public static class SlotRules
{
    /// <summary>Released two days before unless the unit says otherwise (issue 12: "e.g. 48 hours before").</summary>
    public const int DefaultReleaseHoursBefore = 48;

    /// <summary>How far ahead a slot may be published: a year.</summary>
    public const int LongestAheadDays = 366;

    /// <summary>The longest a slot may be held back from other patients: two weeks.</summary>
    public const int LongestReleaseHoursBefore = 14 * 24;

    /// <summary>
    /// The status at <paramref name="now"/>. The release follows from the time alone, so a slot is released at its
    /// release time whether or not anything has written that down yet (a restart loses nothing).
    /// </summary>
    public static SlotStatus StatusAt(bool booked, Instant releaseAt, Instant now) =>
        booked ? SlotStatus.Booked : now >= releaseAt ? SlotStatus.Released : SlotStatus.Open;

    /// <summary>When a slot starting at <paramref name="startsAt"/> is released.</summary>
    public static Instant ReleaseAt(Instant startsAt, int hoursBefore) => startsAt - Duration.FromHours(hoursBefore);

    /// <summary>Why a slot cannot be published, or null: it must start in the future and be released before it starts, within two weeks of it.</summary>
    public static LocalizedText? PublishRefusal(Instant startsAt, int hoursBefore, Instant now)
    {
        if (startsAt <= now)
        {
            return new LocalizedText("timen må ligge fram i tid", "the slot must start in the future");
        }
        if (startsAt > now + Duration.FromDays(LongestAheadDays))
        {
            return new LocalizedText($"timen må ligge innen {LongestAheadDays} dager", $"the slot must start within {LongestAheadDays} days");
        }
        if (hoursBefore < 0 || hoursBefore > LongestReleaseHoursBefore)
        {
            return new LocalizedText($"frigivelsen må være 0–{LongestReleaseHoursBefore} timer før timen", $"the release must be 0 to {LongestReleaseHoursBefore} hours before the slot");
        }
        return null;
    }

    /// <summary>
    /// Whether a booked slot was used in time: its day has come, and it was no later than the deadline of the point the
    /// patient was waiting for when it was booked (a booking without such a deadline counts as in time).
    /// </summary>
    public static bool UsedInTime(SlotFacts slot, LocalDate startDay, LocalDate today) =>
        slot.Booked && startDay <= today && (slot.DeadlineAtBooking is not { } deadline || startDay <= deadline);

    /// <summary>The figures per resource and ISO week of the slots' start days (in <paramref name="zone"/>), by resource and week.</summary>
    public static IReadOnlyList<SlotWeekFigures> Figures(IEnumerable<SlotFacts> slots, DateTimeZone zone, Instant now)
    {
        var today = now.InZone(zone).Date;
        return slots
            .Select(s => (Slot: s, Day: s.StartsAt.InZone(zone).Date))
            .GroupBy(s => (s.Slot.Resource, Monday: s.Day.PlusDays(1 - (int)s.Day.DayOfWeek)))
            .OrderBy(g => g.Key.Resource).ThenBy(g => g.Key.Monday)
            .Select(g => new SlotWeekFigures(g.Key.Resource,
                WeekYearRules.Iso.GetWeekYear(g.Key.Monday), WeekYearRules.Iso.GetWeekOfWeekYear(g.Key.Monday), g.Key.Monday,
                g.Count(),
                g.Count(s => s.Slot.Booked),
                g.Count(s => StatusAt(s.Slot.Booked, s.Slot.ReleaseAt, now) == SlotStatus.Released),
                g.Count(s => UsedInTime(s.Slot, s.Day, today))))
            .ToList();
    }
}
