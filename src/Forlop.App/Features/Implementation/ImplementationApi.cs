using Forlop.App.Features.Accounts;
using Forlop.App.Features.ContactPoints;
using Forlop.App.Hosting;
using Forlop.Domain.Implementation;
using Forlop.Domain.Organisations;
using NodaTime;

namespace Forlop.App.Features.Implementation;

/// <summary>The implementation tracker over HTTP (<c>/api/v1/implementation</c>), the same <see cref="ImplementationTracker"/> the page calls. Sample calls: implementation.http.</summary>
public static class ImplementationApi
{
    /// <summary>The store's measures and the owners of each level: the municipalities are those of the register valid on the day the host starts.</summary>
    public static IServiceCollection AddImplementationTracker(this IServiceCollection services, PlanMeasureCatalogue measures) =>
        services.AddSingleton(measures)
            .AddSingleton(s => new ImplementationOwners(s.GetRequiredService<OrganisationDirectory>(),
                [.. ContactPointDirectory.Municipalities.On(s.GetRequiredService<IClock>().GetCurrentInstant().InZone(Data.RegistryStore.Oslo).Date).Select(m => m.Number)]))
            .AddScoped<ImplementationTracker>();

    public static void MapImplementationApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/implementation").WithTags("Implementation tracker");

        group.MapGet("/", async (HttpContext context, ImplementationTracker tracker, CancellationToken ct) =>
                await tracker.OverviewAsync(Caller.Of(context)!, ct) switch
                {
                    Outcome<ImplementationOverview>.Ready { Value: var overview } => Results.Ok(overview),
                    var refused => refused.Problem(),
                })
            .WithName("GetImplementationOverview")
            .WithSummary("The measures of the national implementation plans, each with how many of its owners have it done, in progress, not started and late; and each HF's and RHF's progress (no person data)")
            .Produces<ImplementationOverview>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/{owner}", async (string owner, HttpContext context, ImplementationTracker tracker, CancellationToken ct) =>
                await tracker.OfOwnerAsync(Caller.Of(context)!, owner, ct) switch
                {
                    Outcome<OwnerProgress>.Ready { Value: var progress } => Results.Ok(progress),
                    var refused => refused.Problem(),
                })
            .WithName("GetOwnerImplementation")
            .WithSummary("One owner's measures (an HF or RHF code, a municipality number, or 'national'): the newest status, its evidence, whether it is late, and every earlier report")
            .Produces<OwnerProgress>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{owner}/{measure}", async (string owner, string measure, StatusForm form, HttpContext context, ImplementationTracker tracker, CancellationToken ct) =>
                await tracker.ReportAsync(Caller.Of(context)!, owner, measure, form, ct) switch
                {
                    Outcome<StatusReport>.Ready { Value: var report } => Results.Ok(report),
                    var refused => refused.Problem(),
                })
            .WithName("ReportImplementationStatus")
            .WithSummary("Reports an owner's status of a measure (not-started, in-progress, done; done needs evidence); earlier reports are kept. The national administrator reports for any owner, an RHF's for itself and its HFs, an HF's clinical lead or administrator for the HF")
            .Produces<StatusReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
