using Forlop.Domain.Catalogue;
using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.Domain.PathwayTimes;

/// <summary>A warning of a delivery's feedback: accepted, but suspicious. <see cref="Kind"/> as the data-quality report names it.</summary>
public sealed record DeliveryWarning(string Kind, LocalizedText Description);

/// <summary>
/// The warnings a delivery's feedback gives for an episode it touched (issue 14, item 3): the data-quality report's own
/// findings, no rule of their own — the points the coding guide expects that are missing before a later point (gaps
/// in the pathway's order, <see cref="DataQuality.Findings"/>), and an open episode with no event for longer than its
/// pathway allows (<see cref="HfDataQuality"/>'s rule of inactivity).
/// </summary>
public static class DeliveryWarnings
{
    public const string InactiveOpenEpisode = "inactive-open-episode";

    public static IReadOnlyList<DeliveryWarning> Of(Episode episode, EpisodeActivity activity, PathwayCatalogue catalogue, LocalDate today)
    {
        var warnings = new List<DeliveryWarning>();
        if (activity.Findings > 0)
        {
            warnings.AddRange(DataQuality.Findings(episode).Select(f => new DeliveryWarning(f.Kind, f.Description)));
        }
        if (activity.IsOpen && HfDataQuality.Compute(episode.Hf, [activity], 0, 0, catalogue, today).Inactive is [var inactive, ..])
        {
            warnings.Add(new DeliveryWarning(InactiveOpenEpisode, new LocalizedText(
                En: $"the episode is open with no event since {EpisodeLinker.Day(activity.LastEventDate)}, {inactive.DaysWithoutActivity} days; the pathway allows {inactive.AllowedDays}",
                Nb: $"Forløpet er åpent uten hendelser siden {EpisodeLinker.NorwegianDay(activity.LastEventDate)}, {inactive.DaysWithoutActivity} dager; forløpet tillater {inactive.AllowedDays}.")));
        }
        return warnings;
    }
}
