using Forlop.Domain;
using System.Security.Cryptography;
using System.Text.Json;
using Forlop.App.Data;
using Forlop.App.Features.Indicators;
using Forlop.App.Features.Report;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forlop.App.Features.Publication;

/// <summary>
/// Public figures (no login, no person data): the share of pathways completed within the standard time, with
/// small-number suppression (NPR's threshold 3 unless the caller asks for more), as an API other sites can cache
/// (ETag) and as a page (StatisticsPage.razor).
/// </summary>
public static class PublicIndicators
{
    /// <summary>
    /// A row: <see cref="WithoutStandard"/> completed pathways have no known standard time and are outside the share;
    /// <see cref="Unverified"/>: the row counts a pathway code or standard time no source confirms yet (a footnote on the page).
    /// </summary>
    public sealed record PublicRow(string Pathway, string? PathwayName, string? Organisation, int? Completed, int? WithinStandard, string? SharePercent,
        int? WithoutStandard, bool Unverified);

    /// <summary>The table; <see cref="Provisional"/>: the period is not locked, so the figures are not quality-assured yet.
    /// <see cref="Publication"/>: which publication of a locked period the figures are (1 the first, then the revisions), locked on <see cref="PublishedOn"/>; null when not locked.</summary>
    public sealed record PublicTable(string Period, string By, int MinCount, IReadOnlyList<PublicRow> Rows, PublicRow Total, bool Provisional,
        int? Publication = null, string? PublishedOn = null);

    public static IEndpointRouteBuilder MapPublicIndicators(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/indicators/completed-within-standard", GetAsync)
            .WithTags("Indicators")
            .WithName("GetCompletedWithinStandard")
            .WithSummary("Share of pathways completed within the standard time, public and suppressed");
        return routes;
    }

    private static async Task<Results<Ok<PublicTable>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        string period, string? by, int? minCount, RegistryDb db, PathwayCatalogue catalogue, IndicatorCatalogue indicators, HttpContext http, CancellationToken ct)
    {
        var (table, problem) = await TableAsync(period, by, minCount, db, catalogue, indicators, ct);
        if (table is null)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
        }
        // The figures change only when the registry does: a hash of them lets other sites revalidate cheaply.
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(table)))[..32] + "\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "public, max-age=60";
        if (http.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Ok(table);
    }

    public static async Task<(PublicTable? Table, string Problem)> TableAsync(string? period, string? by, int? minCount, RegistryDb db, PathwayCatalogue catalogue,
        IndicatorCatalogue indicators, CancellationToken ct)
    {
        if (!ReportingPeriod.TryParse(period, out var reportingPeriod, out var error))
        {
            return (null, error);
        }
        if (!EnumNames.TryParse<ReportBreakdown>(by ?? "pathway", out var breakdown))
        {
            return (null, $"'{by}' is not one of: pathway, hf, rhf");
        }
        // The public may ask for more suppression, never for less than NPR's.
        var threshold = Math.Max(minCount ?? SmallNumberSuppression.DefaultThreshold, SmallNumberSuppression.DefaultThreshold);
        // The same suppressed cube as the indicator API and `forlop report --public`, so no two tables differ in what they hide.
        var service = await IndicatorService.CreateAsync(db, catalogue, indicators, ct);
        var definition = indicators.Find(IndicatorReport.IndicatorId)
            ?? throw new InvalidOperationException($"the catalogue defines no indicator {IndicatorReport.IndicatorId} (catalog/indicators/)");
        // The period's slice of its year's publication scope, suppressed as one (docs/decisions/0014).
        var (cube, publication) = await service.PublicCubeAsync(definition, reportingPeriod, threshold, ct);
        var (rows, total) = CompletedWithinStandard.Rows(cube, breakdown);
        PublicRow Row(PublicIndicatorRow r) => new(r.Pathway, catalogue.Pathway(r.Pathway)?.Name.Nb, r.Organisation, r.Completed, r.WithinStandard, r.SharePercent,
            r.WithoutStandard, r.Unverified);
        return (new PublicTable(reportingPeriod.Text, EnumNames.Of(breakdown), threshold, rows.Select(Row).ToList(), Row(total), cube.Provisional,
            publication?.Publication, publication?.LockedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "");
    }
}
