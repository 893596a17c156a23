using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.Domain.PathwayTimes;

/// <summary>
/// One HF's part of a transferred journey: responsible until <see cref="Until"/>, the day it sent the transfer
/// (<c>O</c>); null for the HF that holds the pathway last.
/// </summary>
public sealed record JourneyStay(string Hf, LocalDate? Until);

/// <summary>The days of one interval used while one HF was responsible.</summary>
public sealed record HfDays(string Hf, int Days);

/// <summary>
/// Breach attribution on transfers (issue 12, item 5): a journey's national times run from the first start across
/// every transfer, so an interval that spans a transfer is split between the HFs: the days at the sending HF until
/// the transfer's date, the days at the receiving HF from then on (the referral in transit counts to the receiving
/// HF, which registers its start when it receives it, decision 0011). The days of the HFs add up to the interval's
/// length. Pure: the caller passes the interval's dates (today for a running one).
/// </summary>
public static class TransferAttribution
{
    /// <summary>The HFs of the episode's whole journey, first start first, each with the day it transferred the pathway on.</summary>
    public static IReadOnlyList<JourneyStay> StaysOf(Episode episode)
    {
        var first = episode;
        while (first.TransferredFrom is { } earlier)
        {
            first = earlier;
        }
        var stays = new List<JourneyStay>();
        for (var e = first; e is not null; e = e.TransferredTo)
        {
            stays.Add(new JourneyStay(e.Hf, e.TransferredTo is not null ? e.Ending?.Date ?? e.TransferredTo.StartDate : null));
        }
        return stays;
    }

    /// <summary>
    /// The days from <paramref name="from"/> to <paramref name="to"/> per HF, in journey order; an HF that held none of
    /// them is left out. An HF that appears twice in a journey (sent back) gets one row with its days added.
    /// </summary>
    public static IReadOnlyList<HfDays> Split(IReadOnlyList<JourneyStay> stays, LocalDate from, LocalDate to)
    {
        var days = new List<HfDays>();
        if (to < from || stays.Count == 0)
        {
            return days;
        }
        var stayFrom = from;
        for (var i = 0; i < stays.Count; i++)
        {
            var until = i == stays.Count - 1 || stays[i].Until is not { } u ? to : u < stayFrom ? stayFrom : u > to ? to : u;
            var used = PathwayTimeEngine.DaysBetween(stayFrom, until);
            if (used > 0)
            {
                var at = days.FindIndex(d => string.Equals(d.Hf, stays[i].Hf, StringComparison.Ordinal));
                if (at < 0)
                {
                    days.Add(new HfDays(stays[i].Hf, used));
                }
                else
                {
                    days[at] = days[at] with { Days = days[at].Days + used };
                }
            }
            stayFrom = until;
            if (stayFrom >= to)
            {
                break;
            }
        }
        return days;
    }
}
