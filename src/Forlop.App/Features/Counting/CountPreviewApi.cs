using System.ComponentModel;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Hosting;
using Forlop.Domain;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;
using NodaTime;

namespace Forlop.App.Features.Counting;

/// <summary>"Will this patient count?" over HTTP: the same <see cref="CountPreviewQuery"/> the page calls. Sample calls: count-preview.http.</summary>
public static class CountPreviewApi
{
    public static void MapCountPreviewApi(this RouteGroupBuilder api)
    {
        api.MapGet("/count-preview", async (HttpContext context, RegistryDb db, PathwayCatalogue catalogue, IndicatorCatalogue indicators,
                OrganisationDirectory organisations, AccessLogWriter log, IClock clock, CancellationToken ct,
                [Description("A period not yet locked: YYYY, YYYY-Tn (tertial), YYYY-Qn (quarter) or YYYY-MM (month)")] string? period,
                [Description("The HF (default: the caller's own)")] string? hf,
                [Description("A unit instead of the whole HF")] string? unit,
                [Description("counted-within, counted-over or not-counted; all when left out")] string? status,
                int? page, int? pageSize) =>
            {
                var caller = Caller.Of(context)!;
                var (selection, errors) = Select(period, hf, unit, status, caller);
                if (selection is not var (reportingPeriod, organisation, filter))
                {
                    return Results.ValidationProblem(errors);
                }
                var outcome = await CountPreviewQuery.RunAsync(db, catalogue, indicators, organisations, log, caller, reportingPeriod, organisation, filter,
                    page ?? 1, pageSize ?? 50, clock, ct);
                return outcome is Outcome<CountPreviewView>.Ready ready ? Results.Ok(ready.Value) : outcome.Problem();
            })
            .WithName("GetCountPreview")
            .WithSummary("Every pathway of the caller's HF (or unit) that touches an open period, counted within, counted over or not counted and why, for completed-within-standard; the counts add up to the indicator, each patient shown is logged")
            .Produces<CountPreviewView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The period, organisation and filter an address names, or what is wrong with it by field; shared with the page.</summary>
    public static ((ReportingPeriod Period, string Organisation, CountFilter Filter)? Selection, Dictionary<string, string[]> Errors) Select(
        string? period, string? hf, string? unit, string? status, Caller caller)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ReportingPeriod? parsed = null;
        if (string.IsNullOrEmpty(period))
        {
            errors["period"] = ["a period is needed: YYYY, YYYY-Tn, YYYY-Qn or YYYY-MM"];
        }
        else if (ReportingPeriod.TryParse(period, out var found, out var problem))
        {
            parsed = found;
        }
        else
        {
            errors["period"] = [problem];
        }
        if (!string.IsNullOrEmpty(hf) && !string.IsNullOrEmpty(unit))
        {
            errors["unit"] = ["give hf or unit, not both"];
        }
        var filter = CountFilter.All;
        if (!string.IsNullOrEmpty(status) && !EnumNames.TryParse(status, out filter))
        {
            errors["status"] = [$"'{status}' is not one of counted-within, counted-over, not-counted"];
        }
        var organisation = !string.IsNullOrEmpty(unit) ? unit : !string.IsNullOrEmpty(hf) ? hf : caller.Actor.Organisation;
        return errors.Count > 0 || parsed is null ? (null, errors) : ((parsed, organisation, filter), errors);
    }
}
