using Forlop.Domain;
using Forlop.App.Hosting;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.Domain.Catalogue;
using Forlop.Domain.PathwayTimes;
using NodaTime;

namespace Forlop.App.Features.TrackingList;

public static class TrackingListApi
{
    public static void MapTrackingListApi(this RouteGroupBuilder api) =>
        api.MapGet("/tracking-list", async (HttpContext context, RegistryDb db, PathwayCatalogue catalogue, RecommendedActionCatalogue actions, Predictions.BreachHistory predictions, AccessLogWriter log, IClock clock, CancellationToken ct,
                string? pathway, string? unit, string? state, string? status, string? coordinator, string? search, int? page, int? pageSize, string? sort) =>
            {
                DeadlineStatus? deadlineStatus = null;
                if (!string.IsNullOrEmpty(status))
                {
                    if (!EnumNames.TryParse<DeadlineStatus>(status, out var parsed))
                    {
                        return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["must be on-track, at-risk, overdue or no-deadline"] });
                    }
                    deadlineStatus = parsed;
                }
                var sorting = TrackingSorts.Parse(sort);
                if (sorting is null && !string.IsNullOrEmpty(sort))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["sort"] = ["must be frist, pasient, forlop, enhet, tilstand or risiko, with a leading - for descending"] });
                }
                var filter = new TrackingFilter(pathway, unit, state, deadlineStatus, coordinator, search, page ?? 1, pageSize ?? 50,
                    sorting?.Sort ?? TrackingSort.Deadline, sorting?.Descending ?? false);
                var outcome = await TrackingListQuery.RunAsync(db, catalogue, actions, predictions, log, Caller.Of(context)!, filter, clock, ct);
                return outcome is Outcome<TrackingPage>.Ready ready ? Results.Ok(ready.Value) : outcome.Problem();
            })
            .WithName("GetTrackingList")
            .WithSummary("The open episodes of the caller's scope, the most urgent deadline first unless sorted otherwise; each with the predicted breach of its next deadline (sort=risiko: the highest first)")
            .Produces<TrackingPage>()
            .ProducesValidationProblem();
}
