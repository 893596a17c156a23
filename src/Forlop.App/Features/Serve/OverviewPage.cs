using System.Globalization;
using System.Net;
using System.Text;
using Forlop.App.Data;
using Forlop.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.Serve;

/// <summary>
/// The start page: what the registry holds (episodes per pathway and state) and links to the API.
/// A plain server-rendered page until the coordinators' application arrives; it shows no person data.
/// </summary>
public static class OverviewPage
{
    private static readonly Dictionary<string, string> StateNames = new(StringComparer.Ordinal)
    {
        ["awaiting-first-attendance"] = "Venter på første fremmøte",
        ["under-investigation"] = "Under utredning",
        ["awaiting-treatment"] = "Venter på behandling",
        ["treatment-started"] = "Behandling startet",
        ["ended-by-decision"] = "Avsluttet ved beslutning",
        ["transferred"] = "Overført",
        ["stopped"] = "Avbrutt",
        ["ended"] = "Avsluttet",
    };

    public static IEndpointRouteBuilder MapOverviewPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", async (RegistryDb db, PathwayCatalogue catalogue, DatabaseTarget target, CancellationToken ct) =>
        {
            var counts = await db.Episodes.AsNoTracking()
                .GroupBy(e => new { e.Pathway, e.State })
                .Select(g => new { g.Key.Pathway, g.Key.State, Count = g.Count() })
                .ToListAsync(ct);
            var events = await db.Events.CountAsync(ct);
            var states = counts.Select(c => c.State).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var html = new StringBuilder();
            html.Append("<!doctype html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>Forløp</title>")
                .Append("<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse}")
                .Append("td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}td:first-child,th:first-child{text-align:left}</style></head><body>")
                .Append("<h1>Forløp</h1><p>Pakkeforløp: katalog, register og forløpstider. Database: ")
                .Append(WebUtility.HtmlEncode(target.Display)).Append(". ")
                .Append(events.ToString("N0", CultureInfo.GetCultureInfo("nb-NO"))).Append(" registrerte hendelser.</p>")
                .Append("<h2>Forløp per pakkeforløp og status</h2><table><tr><th>Pakkeforløp</th>");
            foreach (var s in states)
            {
                html.Append("<th>").Append(WebUtility.HtmlEncode(StateNames.GetValueOrDefault(s, s))).Append("</th>");
            }
            html.Append("</tr>");
            foreach (var pathway in counts.Select(c => c.Pathway).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var name = catalogue.Pathway(pathway)?.Name.Nb ?? pathway;
                html.Append("<tr><td>").Append(WebUtility.HtmlEncode($"{pathway} {name}")).Append("</td>");
                foreach (var s in states)
                {
                    var n = counts.FirstOrDefault(c => c.Pathway == pathway && c.State == s)?.Count ?? 0;
                    html.Append("<td>").Append(n.ToString(CultureInfo.InvariantCulture)).Append("</td>");
                }
                html.Append("</tr>");
            }
            html.Append("</table><h2>API</h2><ul><li><a href=\"/api/v1/catalogue/pathways\">Katalog: pakkeforløp</a></li>")
                .Append("<li><a href=\"/statistikk\">Offentlig statistikk</a></li><li><a href=\"/openapi/v1.json\">OpenAPI-dokument</a></li></ul></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        return routes;
    }
}
