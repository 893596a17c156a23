using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Patients;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Patients;

/// <summary>One of a patient's episodes, as a line of the patient's overview.</summary>
public sealed record PatientEpisode(long EpisodeId, string Pathway, string PathwayName, string Hf, string Unit, string State, DateOnly StartDate, DateOnly? EndDate, DateOnly? NextDeadline);

public sealed record PatientEpisodes(string NationalId, string? Name, IReadOnlyList<PatientEpisode> Episodes);

public static class PatientApi
{
    public static void MapPatientApi(this RouteGroupBuilder api) =>
        api.MapGet("/patients/{nationalId}/episodes", async (string nationalId, HttpContext context, RegistryDb db, PathwayCatalogue catalogue, AccessLogWriter log, IClock clock, CancellationToken ct) =>
            {
                if (!NationalIdentityNumber.TryParse(nationalId, out var nin, out var error))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["nationalId"] = [error!] });
                }
                var result = await EpisodesOfAsync(db, catalogue, log, Caller.Of(context)!, nin, clock, ct);
                // A patient with no episode in the caller's scope looks the same as one who is not registered.
                return result is null
                    ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "no episode of this patient is within your access")
                    : Results.Ok(result);
            })
            .WithName("GetPatientEpisodes")
            .WithSummary("The episodes of one patient within the caller's scope")
            .Produces<PatientEpisodes>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<PatientEpisodes?> EpisodesOfAsync(RegistryDb db, PathwayCatalogue catalogue, AccessLogWriter log, Caller caller, NationalIdentityNumber nin, IClock clock, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.NationalId == nin.Value, ct);
        if (patient is null)
        {
            return null;
        }
        var episodes = (await db.Episodes.AsNoTracking().Where(e => e.PatientId == patient.Id && e.Hf == caller.Actor.Organisation).OrderBy(e => e.StartDate).ToListAsync(ct))
            .Where(e => AccessPolicy.MayAccessPatientData(caller.Actor, e.Hf, e.Unit))
            .Select(e => new PatientEpisode(e.Id, e.Pathway, catalogue.Pathway(e.Pathway)?.Name.Nb ?? e.Pathway, e.Hf, e.Unit, e.State, e.StartDate, e.EndDate, e.NextDeadline))
            .ToList();
        if (episodes.Count == 0)
        {
            return null;
        }
        await log.AppendAsync(caller.Entry(clock.GetCurrentInstant(), nin.Value, AccessKind.Read, "patient's episodes"), ct);
        return new PatientEpisodes(patient.NationalId, patient.Name, episodes);
    }
}
