using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
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
/// (ETag) and as a page in Norwegian.
/// </summary>
public static class PublicIndicators
{
    public sealed record PublicRow(string Pathway, string? PathwayName, string? Organisation, int? Completed, int? WithinStandard, string? SharePercent);

    public sealed record PublicTable(string Period, string By, int MinCount, IReadOnlyList<PublicRow> Rows, PublicRow Total);

    public static IEndpointRouteBuilder MapPublicIndicators(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/indicators/completed-within-standard", GetAsync)
            .WithTags("Indicators")
            .WithName("GetCompletedWithinStandard")
            .WithSummary("Share of pathways completed within the standard time, public and suppressed");
        routes.MapGet("/statistikk", PageAsync).ExcludeFromDescription();
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
        if (!PathwayFileParser.TryParseEnum<ReportBreakdown>(by ?? "pathway", out var breakdown))
        {
            return (null, $"'{by}' is not one of: pathway, hf, rhf");
        }
        // The public may ask for more suppression, never for less than NPR's.
        var threshold = Math.Max(minCount ?? SmallNumberSuppression.DefaultThreshold, SmallNumberSuppression.DefaultThreshold);
        // The same suppressed cube as the indicator API and `forlop report --public`, so no two tables differ in what they hide.
        var service = await IndicatorService.CreateAsync(db, catalogue, indicators, ct);
        var definition = indicators.Find(IndicatorReport.IndicatorId)
            ?? throw new InvalidOperationException($"the catalogue defines no indicator {IndicatorReport.IndicatorId} (catalog/indicators/)");
        var (cube, _, _) = await service.ReportedCubeAsync(definition, reportingPeriod, ct);
        var (rows, total) = IndicatorReport.Rows(IndicatorSuppression.ForPublic(cube, threshold), breakdown);
        PublicRow Row(PublicIndicatorRow r) => new(r.Pathway, catalogue.Pathway(r.Pathway)?.Name.Nb, r.Organisation, r.Completed, r.WithinStandard, r.SharePercent);
        return (new PublicTable(reportingPeriod.Text, PathwayFileParser.Kebab(breakdown.ToString()), threshold, rows.Select(Row).ToList(), Row(total)), "");
    }

    private static async Task<IResult> PageAsync(string? periode, string? niva, RegistryDb db, PathwayCatalogue catalogue, IndicatorCatalogue indicators,
        NodaTime.IClock clock, CancellationToken ct)
    {
        // Without a choice: last year, the latest complete year.
        var period = string.IsNullOrWhiteSpace(periode)
            ? (clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Year - 1).ToString(CultureInfo.InvariantCulture)
            : periode;
        var (table, problem) = await TableAsync(period, niva, null, db, catalogue, indicators, ct);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>Pakkeforløp – offentlig statistikk</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}td:first-child,th:first-child{text-align:left}")
            .Append(".prikket{color:#666}</style></head><body><h1>Andel pakkeforløp gjennomført innenfor standard forløpstid</h1>")
            .Append("<form method=\"get\"><label>Periode <input name=\"periode\" value=\"").Append(WebUtility.HtmlEncode(period))
            .Append("\" placeholder=\"2016-T3\"></label> <label>Nivå <select name=\"niva\">");
        foreach (var (value, label) in new[] { ("pathway", "Pakkeforløp"), ("rhf", "Regionalt helseforetak"), ("hf", "Helseforetak") })
        {
            html.Append("<option value=\"").Append(value).Append('"').Append(string.Equals(value, niva ?? "pathway", StringComparison.Ordinal) ? " selected" : "")
                .Append('>').Append(label).Append("</option>");
        }
        html.Append("</select></label> <button>Vis</button></form>");
        if (table is null)
        {
            html.Append("<p role=\"alert\">").Append(WebUtility.HtmlEncode(problem)).Append("</p></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }
        var withOrganisation = table.By != "pathway";
        html.Append("<table><tr><th>Pakkeforløp</th>").Append(withOrganisation ? "<th>Enhet</th>" : "")
            .Append("<th>Gjennomført</th><th>Innenfor standard</th><th>Andel innenfor (%)</th></tr>");
        foreach (var r in table.Rows.Append(table.Total))
        {
            var name = r.Pathway == "ALL" ? "Alle" : $"{r.Pathway} {r.PathwayName}";
            html.Append("<tr><td>").Append(WebUtility.HtmlEncode(name)).Append("</td>")
                .Append(withOrganisation ? "<td>" + WebUtility.HtmlEncode(r.Organisation ?? "") + "</td>" : "")
                .Append(Cell(r.Completed?.ToString(CultureInfo.InvariantCulture)))
                .Append(Cell(r.WithinStandard?.ToString(CultureInfo.InvariantCulture)))
                .Append(Cell(r.SharePercent?.Replace('.', ',')))
                .Append("</tr>");
        }
        html.Append("</table><p>Målet er at minst 70 % av pakkeforløpene gjennomføres innenfor standard forløpstid. ")
            .Append("– : skjult for å verne personvernet (tall under ").Append(table.MinCount.ToString(CultureInfo.InvariantCulture))
            .Append(", og tall som de kan regnes ut fra).</p></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");

        static string Cell(string? value) =>
            value is null ? "<td class=\"prikket\" title=\"Skjult av personvernhensyn\">–</td>" : "<td>" + WebUtility.HtmlEncode(value) + "</td>";
    }
}
