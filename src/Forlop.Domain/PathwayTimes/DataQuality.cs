using Forlop.Domain.Catalogue;
using Forlop.Domain.Registry;

namespace Forlop.Domain.PathwayTimes;

/// <summary>
/// Something allowed but incomplete in an episode's coding, as NPR would send back to the HF: a kind such as
/// <c>missing-decision</c> and a description in English and in bokmål for the coordinators.
/// </summary>
public sealed record DataQualityFinding(long EpisodeId, string Kind, LocalizedText Description)
{
    /// <summary>The English description: <c>Description.En</c>.</summary>
    public string Message => Description.En;
}

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
            yield return new(episode.Id, "missing-first-attendance", NoFirstAttendanceBefore(decision));
        }
        if (episode.Treatment is { } treatment)
        {
            if (episode.Decision is null)
            {
                yield return new(episode.Id, "missing-decision", new(
                    En: $"{treatment.Code} dated {EpisodeLinker.Day(treatment.Date)} has no clinical decision before it",
                    Nb: $"Det er ikke registrert noen klinisk beslutning før {treatment.Code} datert {EpisodeLinker.NorwegianDay(treatment.Date)}."));
            }
            if (attendance is null && episode.Decision is null)
            {
                yield return new(episode.Id, "missing-first-attendance", NoFirstAttendanceBefore(treatment));
            }
        }
    }

    private static LocalizedText NoFirstAttendanceBefore(EpisodeEvent e) => new(
        En: $"{e.Code} dated {EpisodeLinker.Day(e.Date)} has no first attendance before it",
        Nb: $"Det er ikke registrert noe første fremmøte før {e.Code} datert {EpisodeLinker.NorwegianDay(e.Date)}.");
}
