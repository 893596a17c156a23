using System.ComponentModel;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Episodes;
using Forlop.App.Hosting;
using Forlop.Domain.Organisations;
using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.App.Features.Deviations;

/// <summary>Deviation reasons (person data, recorded per episode) and the bottleneck figures they feed. Sample calls: deviations.http.</summary>
public static class DeviationApi
{
    public static void MapDeviationReasonApi(this RouteGroupBuilder personData)
    {
        personData.MapPut("/episodes/{id:long}/deviation-reasons/{interval}", async (long id, string interval, DeviationReasonForm body, HttpContext context,
                RegistryDb db, EpisodeLinker linker, OrganisationDirectory organisations, AccessLogWriter log, IClock clock, CancellationToken ct) =>
                (await RecordDeviationReason.RunAsync(db, linker, organisations, log, clock, Caller.Of(context)!, id, interval, body, ct)).Answer())
            .WithName("RecordDeviationReason")
            .WithSummary("Records why an interval of an episode went over its standard (cause: capacity with resource, waiting-for-pathology, patients-wish, medical-reason, transfer, other with text); replaces an earlier reason")
            .Produces<DeviationReasonView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static void MapBottleneckApi(this WebApplication app)
    {
        app.MapGroup("/api/v1")
            .RequireAuthorization(AccountsSetup.FiguresPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .MapGet("/bottlenecks", async (HttpContext context, RegistryDb db, OrganisationDirectory organisations, CancellationToken ct,
                [Description("A year, tertial, quarter or month: 2026, 2026-T3, 2026-Q4, 2026-09")] string? period,
                [Description("The HF (health trust) code, e.g. OUS")] string? hf) =>
            {
                var outcome = await Bottlenecks.RunAsync(db, organisations, Caller.Of(context)!, period, hf, ct);
                return outcome is Outcome<BottleneckFigures>.Ready ready ? Results.Ok(ready.Value) : outcome.Problem();
            })
            .WithName("GetBottlenecks")
            .WithSummary("Breaches by interval, unit and deviation reason for an HF and period; the official share within the standard beside a second, unofficial share without the patient's own wish")
            .Produces<BottleneckFigures>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
