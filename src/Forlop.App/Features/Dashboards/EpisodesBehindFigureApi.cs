using Forlop.Domain;
using Forlop.App.Hosting;
using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Exports;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;
using NodaTime;

namespace Forlop.App.Features.Dashboards;

/// <summary>
/// The drill-down as person-data routes: a page of the episodes behind a dashboard figure, and all of them as a file
/// (Excel, CSV for a Norwegian Excel, the technical CSV, PDF). Both take the same selection. Sample calls: dashboards.http.
/// </summary>
public static class EpisodesBehindFigureApi
{
    public static void MapEpisodesBehindFigureApi(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboard/episodes", async (HttpContext context, RegistryDb db, PathwayCatalogue catalogue, IndicatorCatalogue indicators,
                OrganisationDirectory organisations, AccessLogWriter log, IClock clock, CancellationToken ct,
                [AsParameters] FigureAddress address, int? page, int? pageSize) =>
            {
                var (selection, errors) = Select(address, indicators, organisations, catalogue);
                if (selection is null)
                {
                    return Results.ValidationProblem(errors);
                }
                selection = selection with { Page = page ?? 1, PageSize = pageSize ?? 50 };
                var outcome = await EpisodesBehindFigureQuery.RunAsync(db, catalogue, indicators, organisations, log, Caller.Of(context)!, selection, clock, ct);
                return outcome is Outcome<FigureEpisodes>.Ready ready ? Results.Ok(ready.Value) : outcome.Problem();
            })
            .WithName("GetEpisodesBehindFigure")
            .WithSummary("The episodes a dashboard figure counts (share within the standard time): patients of the caller's own HF or units, a page at a time")
            .Produces<FigureEpisodes>()
            .ProducesValidationProblem();

        api.MapGet("/dashboard/episodes/export", async (HttpContext context, RegistryDb db, PathwayCatalogue catalogue, IndicatorCatalogue indicators,
                OrganisationDirectory organisations, AccessLogWriter log, IClock clock, CancellationToken ct,
                [AsParameters] FigureAddress address,
                [Description("xlsx, csv-nb (Norwegian Excel: semicolons, decimal commas), csv (technical) or pdf; default csv")] string? format) =>
            {
                var (selection, errors) = Select(address, indicators, organisations, catalogue);
                var fileFormat = string.IsNullOrEmpty(format) ? "csv" : format;
                if (!ExportsApi.Formats.Contains(fileFormat, StringComparer.Ordinal))
                {
                    errors["format"] = [$"'{format}' is not one of: {string.Join(", ", ExportsApi.Formats)}"];
                }
                if (selection is null || errors.Count > 0)
                {
                    return Results.ValidationProblem(errors);
                }
                var outcome = await EpisodesBehindFigureQuery.AllAsync(db, catalogue, indicators, organisations, log, Caller.Of(context)!, selection, fileFormat, clock, ct);
                if (outcome is not Outcome<IReadOnlyList<FigureEpisode>>.Ready { Value: var rows })
                {
                    return outcome.Problem();
                }
                // A file of patients: never kept by a browser's or a proxy's cache.
                context.Response.Headers.CacheControl = "private, no-store";
                var today = clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;
                var table = EpisodesBehindFigureExport.Table(selection, rows, indicators, organisations, catalogue, forPaper: fileFormat == "pdf");
                return ExportsApi.FileOf(table, fileFormat, EpisodesBehindFigureExport.FileName(selection), today);
            })
            .WithName("ExportEpisodesBehindFigure")
            .WithSummary("Every episode a dashboard figure counts, as a file; each patient in it is logged once per export")
            .Produces<Stream>(StatusCodes.Status200OK, CsvExport.ContentType, XlsxExport.ContentType, MonthlyReportPdf.ContentType)
            .ProducesValidationProblem();
    }

    /// <summary>The figure an address names, or what is wrong with it by field; shared by the page of rows and the file.</summary>
    public static (FigureSelection? Selection, Dictionary<string, string[]> Errors) Select(FigureAddress address, IndicatorCatalogue indicators,
        OrganisationDirectory organisations, PathwayCatalogue catalogue)
    {
        var (period, hf, unit, indicator, pathway, subset, sort) = (address.Period, address.Hf, address.Unit, address.Indicator, address.Pathway, address.Subset, address.Sort);
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
        if (!string.IsNullOrEmpty(subset) && !EnumNames.TryParse(subset, out figureSubset))
        {
            errors["subset"] = ["must be completed, within, over or without-standard"];
        }
        var sorting = DrillSorts.Parse(sort);
        if (sorting is null && !string.IsNullOrEmpty(sort))
        {
            errors["sort"] = [DrillSorts.Expected];
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var level = string.IsNullOrWhiteSpace(unit) ? OrganisationLevel.Hf : OrganisationLevel.Unit;
        var organisation = (level == OrganisationLevel.Unit ? unit : hf)!.Trim();
        var id = string.IsNullOrWhiteSpace(indicator) ? DashboardIndicators.WithinStandardId : indicator.Trim();
        var code = string.IsNullOrWhiteSpace(pathway) ? IndicatorFigure.AllPathways : pathway.Trim();
        var problems = FigureSelection.Check(id, level, organisation, code, indicators, organisations, catalogue);
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        return (new FigureSelection(id, parsed, level, organisation, code, figureSubset, Sort: sorting?.Sort ?? DrillSort.Reached, Descending: sorting?.Descending ?? false), errors);
    }
}

/// <summary>
/// The query string that names a figure, read the same way by the page of rows, the file and the web page
/// (<see cref="EpisodesBehindFigureApi.Select"/> checks it).
/// </summary>
/// <remarks>
/// A class with properties, not a positional record: with [AsParameters] on a record's constructor the OpenAPI
/// document generator fails on the parameters' [Description] (dotnet/aspnetcore#65348, open in ASP.NET Core 10).
/// </remarks>
public sealed class FigureAddress
{
    [FromQuery(Name = "period"), Description("YYYY, YYYY-Tn (tertial), YYYY-Qn (quarter) or YYYY-MM (month)")]
    public string? Period { get; init; }

    [FromQuery(Name = "hf"), Description("The HF whose figure is drilled into (or unit)")]
    public string? Hf { get; init; }

    [FromQuery(Name = "unit"), Description("A unit whose figure is drilled into (or hf)")]
    public string? Unit { get; init; }

    [FromQuery(Name = "indicator"), Description("A share within the standard time; default completed-within-standard")]
    public string? Indicator { get; init; }

    [FromQuery(Name = "pathway"), Description("One pathway code, or ALL (default)")]
    public string? Pathway { get; init; }

    [FromQuery(Name = "subset"), Description("completed (default: every episode the figure counts, with or without a standard), within, over or without-standard")]
    public string? Subset { get; init; }

    [FromQuery(Name = "sort"), Description("dato (reached day, default), tid (length), forlop or enhet; a leading - for descending")]
    public string? Sort { get; init; }
}
