using System.ComponentModel;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;
using NodaTime;

namespace Forlop.App.Features.Dashboards;

/// <summary>The drill-down as a person-data route: the episodes behind a dashboard figure. Sample calls: dashboards.http.</summary>
public static class EpisodesBehindFigureApi
{
    public static void MapEpisodesBehindFigureApi(this RouteGroupBuilder api) =>
        api.MapGet("/dashboard/episodes", async (HttpContext context, RegistryDb db, PathwayCatalogue catalogue, IndicatorCatalogue indicators,
                OrganisationDirectory organisations, AccessLogWriter log, IClock clock, CancellationToken ct,
                [Description("YYYY, YYYY-Tn (tertial), YYYY-Qn (quarter) or YYYY-MM (month)")] string? period,
                [Description("The HF whose figure is drilled into (or unit)")] string? hf,
                [Description("A unit whose figure is drilled into (or hf)")] string? unit,
                [Description("A share within the standard time; default completed-within-standard")] string? indicator,
                [Description("One pathway code, or ALL (default)")] string? pathway,
                [Description("completed (default: every episode the figure counts, with or without a standard), within, over or without-standard")] string? subset,
                int? page, int? pageSize) =>
            {
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                if (!ReportingPeriod.TryParse(period, out var parsed, out var periodError))
                {
                    errors["period"] = [periodError];
                }
                if (string.IsNullOrWhiteSpace(hf) == string.IsNullOrWhiteSpace(unit))
                {
                    errors["hf"] = ["give either hf or unit"];
                }
                var figureSubset = FigureSubset.Completed;
                if (!string.IsNullOrEmpty(subset) && !PathwayFileParser.TryParseEnum(subset, out figureSubset))
                {
                    errors["subset"] = ["must be completed, within, over or without-standard"];
                }
                if (errors.Count > 0)
                {
                    return Results.ValidationProblem(errors);
                }
                var level = string.IsNullOrWhiteSpace(unit) ? OrganisationLevel.Hf : OrganisationLevel.Unit;
                var organisation = (level == OrganisationLevel.Unit ? unit : hf)!.Trim();
                var id = string.IsNullOrWhiteSpace(indicator) ? DashboardIndicators.WithinStandardId : indicator.Trim();
                var code = string.IsNullOrWhiteSpace(pathway) ? IndicatorFigure.AllPathways : pathway.Trim();
                var problems = FigureSelection.Check(id, level, organisation, code, indicators, organisations, catalogue);
                if (problems.Count > 0)
                {
                    return Results.ValidationProblem(problems);
                }
                var selection = new FigureSelection(id, parsed, level, organisation, code, figureSubset, page ?? 1, pageSize ?? 50);
                return Results.Ok(await EpisodesBehindFigureQuery.RunAsync(db, catalogue, indicators, organisations, log, Caller.Of(context)!, selection, clock, ct));
            })
            .WithName("GetEpisodesBehindFigure")
            .WithSummary("The episodes a dashboard figure counts (share within the standard time): patients of the caller's own HF or units")
            .Produces<FigureEpisodes>()
            .ProducesValidationProblem();
}
