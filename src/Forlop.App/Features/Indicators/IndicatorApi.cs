using System.ComponentModel;
using System.Security.Cryptography;
using System.Text.Json;
using Forlop.App.Data;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;
using Forlop.Domain;

namespace Forlop.App.Features.Indicators;

/// <summary>
/// The public indicator API (no login, no person data): the definitions, and each indicator's figures for a period at
/// HF, RHF or national level, per pathway, with small-number suppression (NPR's threshold 3 unless the caller asks for
/// more) decided over the whole period at once. Responses carry an ETag, so other sites can revalidate cheaply.
/// Sample calls: indicators.http.
/// </summary>
public static class IndicatorApi
{
    public sealed record TargetView(string ValidFrom, decimal Percent);

    /// <summary>An indicator's definition as catalog/indicators/ gives it.</summary>
    public sealed record IndicatorView(
        string Id, string NameNb, string NameEn, string CountsNb, string CountsEn, string Kind, IReadOnlyList<string> Families,
        IReadOnlyList<string> Intervals, IReadOnlyList<TargetView> Targets, bool Verified, string Source, string FiguresUrl);

    /// <summary>
    /// One figure. <c>count</c>: what is counted (a share's denominator, a distribution's number of intervals);
    /// <c>numerator</c>: the part that meets the definition (shares); <c>p25</c>, <c>median</c>, <c>p75</c>: quartiles of
    /// interval lengths in <c>unit</c> (distributions). A null cell is suppressed (<c>suppressed</c>) or not known.
    /// Shares within the standard also give <c>withoutStandard</c> (counted, but the catalogue knows no standard for
    /// them: outside the share) and <c>completed</c> (count + withoutStandard), as the report does. <c>unverified</c>:
    /// the figure rests on a pathway code or standard time no source confirms yet.
    /// </summary>
    public sealed record FigureView(
        string Pathway, string? PathwayName, string Level, string? Organisation, string? OrganisationName, string? Interval, string? Treatment,
        int? Count, int? Numerator, string? SharePercent, decimal? P25, decimal? Median, decimal? P75, bool Suppressed,
        int? WithoutStandard, int? Completed, bool Unverified);

    /// <summary>When the shown publication of a locked period was locked, and its number (1 the first, then the revisions).</summary>
    public sealed record LockView(string LockedAt, int Publication);

    /// <summary>
    /// A public table: the rows at the level asked for, then the national rows of the same pathways.
    /// <c>provisional</c>: the period is not locked, so the figures are not quality-assured yet.
    /// </summary>
    public sealed record FiguresTable(
        IndicatorView Indicator, string Period, string Level, string? Pathway, string? Organisation, string Unit, int MinCount,
        decimal? TargetPercent, LockView? Locked, IReadOnlyList<FigureView> Rows, bool Provisional);

    public static IEndpointRouteBuilder MapIndicatorApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/indicators").WithTags("Indicators");
        group.MapGet("", (IndicatorCatalogue indicators, HttpContext http) => Cached(indicators.All.Select(View).ToList(), http))
            .WithName("ListIndicators")
            .WithSummary("The indicators: names, what they count, targets and sources");
        group.MapGet("/{id}/figures", GetFiguresAsync)
            .WithName("GetIndicatorFigures")
            .WithSummary("An indicator's public figures for a period, per pathway and organisation, with small numbers suppressed");
        return routes;
    }

    private static async Task<Results<Ok<FiguresTable>, StatusCodeHttpResult, ProblemHttpResult>> GetFiguresAsync(
        [Description("The indicator id, e.g. completed-within-standard (GET /api/v1/indicators lists them)")] string id,
        [Description("YYYY, YYYY-Tn (tertial), YYYY-Qn (quarter) or YYYY-MM (month)")] string period,
        [Description("hf, rhf or nation (default)")] string? level,
        [Description("One pathway code, or ALL for all pathways together")] string? pathway,
        [Description("Only this organisation (an HF or RHF code) and those under it")] string? organisation,
        [Description("Counts from 1 to minCount − 1 are hidden; never less than 3")] int? minCount,
        RegistryDb db, PathwayCatalogue pathways, IndicatorCatalogue indicators, OrganisationDirectory organisations, HttpContext http, CancellationToken ct)
    {
        var definition = indicators.Find(id);
        if (definition is null)
        {
            return TypedResults.Problem($"'{id}' is not an indicator", statusCode: StatusCodes.Status404NotFound, title: "Unknown indicator");
        }
        if (!ReportingPeriod.TryParse(period, out var reportingPeriod, out var error))
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
        }
        if (!EnumNames.TryParse<OrganisationLevel>(level ?? "nation", out var organisationLevel) || organisationLevel == OrganisationLevel.Unit)
        {
            return TypedResults.Problem($"'{level}' is not one of: hf, rhf, nation", statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
        }
        // The public may ask for more suppression, never for less than NPR's.
        var threshold = Math.Max(minCount ?? SmallNumberSuppression.DefaultThreshold, SmallNumberSuppression.DefaultThreshold);
        var service = new IndicatorService(db, pathways, indicators, organisations);
        var result = await service.ComputePublicAsync(definition.Id, reportingPeriod, organisationLevel, new IndicatorFilter(pathway, organisation), threshold, ct);
        var table = new FiguresTable(View(definition), reportingPeriod.Text, EnumNames.Of(organisationLevel), pathway, organisation,
            EnumNames.Of(result.Unit), threshold, result.Target?.Percent,
            result.Lock is { } locked ? new LockView(locked.LockedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), locked.Publication) : null,
            result.Rows.Select(f => Figure(f, definition.Kind, pathways, service.Organisations)).ToList(), result.Provisional);
        return Cached(table, http);
    }

    /// <summary>The figures change only when the registry does: a hash of them lets other sites revalidate cheaply.</summary>
    private static Results<Ok<T>, StatusCodeHttpResult, ProblemHttpResult> Cached<T>(T body, HttpContext http)
    {
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body)))[..32] + "\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "public, max-age=60";
        if (http.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Ok(body);
    }

    private static IndicatorView View(IndicatorDefinition d) => new(
        d.Id, d.Name.Nb, d.Name.En, d.Counts.Nb, d.Counts.En, EnumNames.Of(d.Kind),
        d.Families.Select(f => EnumNames.Of(f)).ToList(), d.Intervals,
        d.Targets.Select(t => new TargetView(IsoDate.Text(t.ValidFrom), t.Percent)).ToList(),
        d.Provenance.Verified, d.Provenance.Source, $"/api/v1/indicators/{d.Id}/figures");

    private static FigureView Figure(IndicatorFigure f, IndicatorKind kind, PathwayCatalogue pathways, OrganisationDirectory organisations) => new(
        f.Pathway, pathways.Pathway(f.Pathway)?.Name.Nb, EnumNames.Of(f.Level), f.Organisation,
        f.Organisation is null ? null : organisations.Find(f.Organisation)?.Name, f.Interval, f.Treatment, f.Count, f.Numerator, f.SharePercent,
        f.Quartiles?.P25, f.Quartiles?.Median, f.Quartiles?.P75, f.Suppressed,
        f.WithoutStandard, kind == IndicatorKind.ShareWithinStandard ? f.CompletedIn(kind) : null, f.Unverified);
}
