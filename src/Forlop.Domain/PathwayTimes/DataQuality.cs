using Forlop.Domain.Catalogue;
using Forlop.Domain.Registry;

namespace Forlop.Domain.PathwayTimes;

/// <summary>Something allowed but incomplete in an episode's coding, as NPR would send back to the HF.</summary>
public sealed record DataQualityFinding(long EpisodeId, string Kind, string Message);

/// <summary>
/// Data-quality findings: points the coding guide expects but which are missing. These never reject a row
/// (missing intermediate points are accepted) but are listed so the HF can complete its coding.
/// </summary>
public static class DataQuality
{
    public static IEnumerable<DataQualityFinding> Findings(Episode episode)
    {
        if (episode.Pathway.Family != PathwayFamily.Cancer)
        {
            yield break;
        }
        var attendance = PathwayTimeEngine.Journey(episode).SelectMany(e => e.Events).FirstOrDefault(e => e.Kind == EventKind.FirstAttendance);
        if (episode.Decision is { } decision && attendance is null)
        {
            yield return new(episode.Id, "missing-first-attendance", $"{decision.Code} dated {EpisodeLinker.Day(decision.Date)} has no first attendance before it");
        }
        if (episode.Treatment is { } treatment)
        {
            if (episode.Decision is null)
            {
                yield return new(episode.Id, "missing-decision", $"{treatment.Code} dated {EpisodeLinker.Day(treatment.Date)} has no clinical decision before it");
            }
            if (attendance is null && episode.Decision is null)
            {
                yield return new(episode.Id, "missing-first-attendance", $"{treatment.Code} dated {EpisodeLinker.Day(treatment.Date)} has no first attendance before it");
            }
        }
    }
}
