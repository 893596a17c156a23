using Forlop.Domain;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Registry;

namespace Forlop.App.Data;

/// <summary>The stored shape of a derived episode, written by the import and by registration alike.</summary>
public static class EpisodeRows
{
    public static EpisodeEntity ToEntity(long patientId, Episode episode, OrganisationDirectory organisations) =>
        ToRows(patientId, episode, organisations).Episode;

    /// <summary>
    /// The episode's row and the rows of the intervals it reached (see <see cref="EpisodeIntervalEntity"/>), from one
    /// measurement. Whoever stores an episode stores both, and deletes both when the patient's episodes are rebuilt.
    /// </summary>
    public static (EpisodeEntity Episode, List<EpisodeIntervalEntity> Intervals) ToRows(long patientId, Episode episode, OrganisationDirectory organisations)
    {
        var lastEventDate = episode.Events.Max(e => e.Date);
        // The deadline's date does not depend on today, only its status does; nor do reached intervals. The last
        // event's date stands in for today.
        var times = PathwayTimeEngine.Measure(episode, lastEventDate);
        var next = episode.IsOpen ? times.NextDeadline : null;
        var row = new EpisodeEntity
        {
            Id = episode.Id,
            PatientId = patientId,
            Pathway = episode.Pathway.Code,
            Hf = episode.Hf,
            Rhf = organisations.RhfOf(episode.Hf)?.Code ?? "",
            Unit = episode.Start.Event.Organisation,
            StartDate = episode.StartDate.ToDateOnly(),
            SeniorityDate = episode.SeniorityDate.ToDateOnly(),
            TransferredFromId = episode.TransferredFrom?.Id,
            State = EnumNames.Of(episode.State),
            FirstAttendanceDate = episode.FirstAttendance?.Date.ToDateOnly(),
            DecisionDate = episode.Decision?.Date.ToDateOnly(),
            DecisionCode = episode.Decision?.Definition.Code,
            TreatmentDate = episode.Treatment?.Date.ToDateOnly(),
            TreatmentCode = episode.Treatment?.Definition.Code,
            TreatmentType = episode.Treatment is { } t ? EnumNames.Of(t.Definition.Treatment) : null,
            EndDate = episode.Ending?.Date.ToDateOnly(),
            EndCode = episode.Ending?.Definition.Code,
            LastEventDate = lastEventDate.ToDateOnly(),
            NextDeadline = next?.Deadline?.ToDateOnly(),
            NextPoint = next?.Definition.Id,
            Findings = DataQuality.Findings(episode).Count(),
        };
        return (row, Intervals(patientId, episode, times));
    }

    private static List<EpisodeIntervalEntity> Intervals(long patientId, Episode episode, EpisodeTimes times)
    {
        var intervals = new List<EpisodeIntervalEntity>();
        var journeyTreatment = JourneyTreatment(episode);
        foreach (var measure in times.Intervals)
        {
            // Reached here: a transferred journey's earlier intervals belong to the episode where they ended.
            if (measure.ToEvent is not { } to || !episode.Events.Contains(to))
            {
                continue;
            }
            var treatment = to.Kind == EventKind.Treatment ? to.Definition.Treatment : journeyTreatment;
            intervals.Add(new EpisodeIntervalEntity
            {
                EpisodeId = episode.Id,
                Ordinal = intervals.Count,
                PatientId = patientId,
                IntervalId = measure.Definition.Id,
                FromDate = measure.FromDate.ToDateOnly(),
                ToDate = to.Date.ToDateOnly(),
                Length = measure.Length,
                StandardLimit = measure.Standard?.Limit,
                Status = EnumNames.Of(measure.Status),
                TreatmentType = treatment == TreatmentType.None ? null : EnumNames.Of(treatment),
                Setting = StoredSetting.Text(measure.Setting),
            });
        }
        return intervals;
    }

    /// <summary>The treatment the patient's journey reached, following transfers on to the last HF.</summary>
    private static TreatmentType JourneyTreatment(Episode episode)
    {
        var last = episode;
        while (last.TransferredTo is { } next)
        {
            last = next;
        }
        return last.Treatment?.Definition.Treatment ?? TreatmentType.None;
    }
}
