using Forlop.Domain.Catalogue;
using NodaTime;

namespace Forlop.Domain.PathwayTimes;

/// <summary>What the data-quality report needs of a stored episode.</summary>
public sealed record EpisodeActivity(
    long EpisodeId,
    string Pathway,
    string Unit,
    bool IsOpen,
    LocalDate StartDate,
    LocalDate SeniorityDate,
    LocalDate LastEventDate,
    int Findings);

/// <summary>An open episode nobody has registered anything on for longer than its pathway allows.</summary>
public sealed record InactiveEpisode(EpisodeActivity Episode, int DaysWithoutActivity, int AllowedDays);

/// <summary>
/// An HF's data quality, as NPR sends it back each month but computed live: episodes missing points the coding guide
/// expects (<see cref="DataQuality"/>), open episodes with no activity for longer than their pathway allows, and the
/// number of corrections and withdrawals its organisations sent.
/// </summary>
public sealed record HfDataQuality(
    string Hf,
    LocalDate Today,
    IReadOnlyList<EpisodeActivity> MissingPoints,
    IReadOnlyList<InactiveEpisode> Inactive,
    int OpenWithoutStandard,
    int Corrections,
    int Withdrawals)
{
    /// <summary>
    /// Builds the report. An open episode is inactive when the days since its last event exceed the longest standard
    /// time of its pathway (any interval, treatment type or care setting, in the version valid on its seniority date):
    /// by then some point is overdue whatever comes next. Open episodes of pathways with no standard in days cannot be
    /// judged and are counted in <see cref="OpenWithoutStandard"/>.
    /// </summary>
    public static HfDataQuality Compute(string hf, IEnumerable<EpisodeActivity> episodes, int corrections, int withdrawals, PathwayCatalogue catalogue, LocalDate today)
    {
        var missing = new List<EpisodeActivity>();
        var inactive = new List<InactiveEpisode>();
        var withoutStandard = 0;
        foreach (var e in episodes)
        {
            if (e.Findings > 0)
            {
                missing.Add(e);
            }
            if (!e.IsOpen)
            {
                continue;
            }
            if (catalogue.Pathway(e.Pathway) is not { Unit: TimeUnit.Days } pathway || LongestStandard(pathway, e.SeniorityDate) is not { } allowed)
            {
                withoutStandard++;
                continue;
            }
            var idle = PathwayTimeEngine.DaysBetween(e.LastEventDate, today);
            if (idle > allowed)
            {
                inactive.Add(new InactiveEpisode(e, idle, allowed));
            }
        }
        return new HfDataQuality(hf, today,
            missing.OrderBy(e => e.StartDate).ThenBy(e => e.EpisodeId).ToList(),
            inactive.OrderByDescending(i => i.DaysWithoutActivity).ThenBy(i => i.Episode.EpisodeId).ToList(),
            withoutStandard, corrections, withdrawals);
    }

    /// <summary>The longest limit among the standards in force on <paramref name="seniorityDate"/>; null when there is none.</summary>
    public static int? LongestStandard(Pathway pathway, LocalDate seniorityDate) =>
        pathway.Intervals
            .SelectMany(i => i.Standards.Where(s => s.ValidFrom <= seniorityDate)
                .GroupBy(s => (s.Treatment, s.Setting))
                .Select(g => g.MaxBy(s => s.ValidFrom)!.Limit))
            .Select(limit => (int?)limit)
            .Max();
}
