using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Registry;

namespace Forlop.App.Data;

/// <summary>The stored shape of a derived episode, written by the import and by registration alike.</summary>
public static class EpisodeRows
{
    public static EpisodeEntity ToEntity(long patientId, Episode episode, OrganisationDirectory organisations)
    {
        var lastEventDate = episode.Events.Max(e => e.Date);
        // The deadline's date does not depend on today, only its status does; the last event's date stands in.
        var next = episode.IsOpen ? PathwayTimeEngine.Measure(episode, lastEventDate).NextDeadline : null;
        return new EpisodeEntity
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
            State = PathwayFileParser.Kebab(episode.State.ToString()),
            FirstAttendanceDate = episode.FirstAttendance?.Date.ToDateOnly(),
            DecisionDate = episode.Decision?.Date.ToDateOnly(),
            DecisionCode = episode.Decision?.Code,
            TreatmentDate = episode.Treatment?.Date.ToDateOnly(),
            TreatmentCode = episode.Treatment?.Code,
            TreatmentType = episode.Treatment is { } t ? PathwayFileParser.Kebab(t.Definition.Treatment.ToString()) : null,
            EndDate = episode.Ending?.Date.ToDateOnly(),
            EndCode = episode.Ending?.Code,
            LastEventDate = lastEventDate.ToDateOnly(),
            NextDeadline = next?.Deadline?.ToDateOnly(),
            NextPoint = next?.Definition.Id,
            Findings = DataQuality.Findings(episode).Count(),
        };
    }
}
