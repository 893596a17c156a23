using Forlop.Domain.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;
using Forlop.Domain;

namespace Forlop.App.Features.Catalogue;

/// <summary>Read-only catalogue API: pathways, their codes and standard times, with source and verification.</summary>
public static class CatalogueApi
{
    public sealed record PathwaySummary(string Code, string Family, string NameNb, string NameEn, string ValidFrom, string? ValidTo, bool Verified);

    public sealed record StandardView(string Interval, string From, string To, string? Treatment, string? Setting, int Limit, string Unit, string ValidFrom, bool Verified, string Source);

    public sealed record EventView(string Code, string Kind, string NameNb, string NameEn, bool Verified, string Source);

    public sealed record PathwayDetail(PathwaySummary Pathway, IReadOnlyList<EventView> Events, IReadOnlyList<StandardView> Standards, string Source);

    public static IEndpointRouteBuilder MapCatalogueApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/catalogue").WithTags("Catalogue");
        group.MapGet("/pathways", (PathwayCatalogue catalogue) => TypedResults.Ok(catalogue.Pathways.Select(Summary).ToList()))
            .WithName("ListPathways");
        group.MapGet("/pathways/{code}", Results<Ok<PathwayDetail>, NotFound> (string code, PathwayCatalogue catalogue) =>
                catalogue.Pathway(code) is { } p ? TypedResults.Ok(Detail(p)) : TypedResults.NotFound())
            .WithName("GetPathway");
        return routes;
    }

    private static string Day(NodaTime.LocalDate d) => IsoDate.Text(d);

    private static PathwaySummary Summary(Pathway p) =>
        new(p.Code, EnumNames.Of(p.Family), p.Name.Nb, p.Name.En, Day(p.ValidFrom), p.ValidTo is { } t ? Day(t) : null, p.Provenance.Verified);

    private static PathwayDetail Detail(Pathway p) => new(
        Summary(p),
        p.Events.Select(e => new EventView(e.Code, EnumNames.Of(e.Kind), e.Name.Nb, e.Name.En, e.Provenance.Verified, e.Provenance.Source)).ToList(),
        p.Intervals.SelectMany(i => i.Standards.Select(s => new StandardView(i.Id, i.From, i.To,
            s.Treatment == TreatmentType.None ? null : EnumNames.Of(s.Treatment),
            s.Setting == CareSetting.Any ? null : EnumNames.Of(s.Setting),
            s.Limit, EnumNames.Of(p.Unit), Day(s.ValidFrom), s.Provenance.Verified, s.Provenance.Source))).ToList(),
        p.Provenance.Source);
}
