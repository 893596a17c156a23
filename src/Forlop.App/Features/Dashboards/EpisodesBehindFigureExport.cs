using Forlop.Domain;
using Forlop.App.Features.Exports;
using Forlop.App.Features.Web;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;
using NodaTime;
using NodaTime.Text;

namespace Forlop.App.Features.Dashboards;

/// <summary>
/// The episodes behind a dashboard figure as an export table, for the writers of Features/Exports (decision 0016):
/// the drill-down's columns in its order, with the Norwegian headings the files for people carry. The PDF takes a
/// narrower table with the columns the page shows, so an A4 page keeps names and numbers whole.
/// </summary>
public static class EpisodesBehindFigureExport
{
    public const string Title = "Forløpene bak tallet";

    /// <summary>Under every file: it holds patients, and each of them was logged for this download.</summary>
    public const string PersonDataNote =
        "Filen inneholder pasientopplysninger. Hver pasient i den er logget i tilgangsloggen for denne nedlastingen; oppbevar og del den som pasientopplysninger.";

    private static readonly LocalDatePattern NorwegianDay = LocalDatePattern.CreateWithInvariantCulture("dd'.'MM'.'yyyy");

    public static ExportTable Table(FigureSelection selection, IReadOnlyList<FigureEpisode> rows, IndicatorCatalogue indicators,
        OrganisationDirectory organisations, PathwayCatalogue catalogue, bool forPaper = false)
    {
        var subtitle = Subtitle(selection, indicators, organisations, catalogue);
        if (forPaper)
        {
            return new ExportTable(Title, subtitle,
            [
                new("national_id", "Fødselsnummer", ColumnKind.Text),
                new("name", "Navn", ColumnKind.Text),
                new("pathway", "Forløp", ColumnKind.Text),
                new("unit", "Enhet", ColumnKind.Text),
                new("reached", "Nådd", ColumnKind.Date),
                new("length", "Brukt", ColumnKind.Count),
                new("limit", "Standard", ColumnKind.Count),
                new("within_standard", "Innenfor", ColumnKind.Text),
            ],
            rows.Select(r => new ExportRow(
            [
                new ExportCell.Text(r.NationalId),
                new ExportCell.Text(r.Name ?? ""),
                new ExportCell.Text(r.Pathway),
                new ExportCell.Text(r.Unit),
                new ExportCell.Date(LocalDate.FromDateOnly(r.Reached)),
                new ExportCell.Count(r.Length),
                r.Limit is { } limit ? new ExportCell.Count(limit) : ExportCell.Empty.Instance,
                new ExportCell.Text(Within(r)),
            ])).ToList(),
            PersonDataNote);
        }
        return new ExportTable(Title, subtitle,
        [
            new("episode_id", "Forløp-id", ColumnKind.Text),
            new("national_id", "Fødselsnummer", ColumnKind.Text),
            new("name", "Navn", ColumnKind.Text),
            new("pathway", "Pakkeforløp", ColumnKind.Text),
            new("pathway_name", "Navn på pakkeforløp", ColumnKind.Text),
            new("hf", "Helseforetak", ColumnKind.Text),
            new("unit", "Enhet", ColumnKind.Text),
            new("start_date", "Startdato", ColumnKind.Date),
            new("seniority_date", "Ansiennitetsdato", ColumnKind.Date),
            new("transferred", "Overført fra annet HF", ColumnKind.Text),
            new("interval", "Forløpstid", ColumnKind.Text),
            new("treatment", "Behandling", ColumnKind.Text),
            new("reached", "Nådd", ColumnKind.Date),
            new("length", "Brukt", ColumnKind.Count),
            new("limit", "Standard", ColumnKind.Count),
            new("time_unit", "Tidsenhet", ColumnKind.Text),
            new("within_standard", "Innenfor standard", ColumnKind.Text),
        ],
        rows.Select(r => new ExportRow(
        [
            // Ids and identity numbers as text: a spreadsheet would drop a leading zero or print 1,23E+10.
            new ExportCell.Text(r.EpisodeId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new ExportCell.Text(r.NationalId),
            new ExportCell.Text(r.Name ?? ""),
            new ExportCell.Text(r.Pathway),
            new ExportCell.Text(r.PathwayName),
            new ExportCell.Text(r.Hf),
            new ExportCell.Text(r.Unit),
            new ExportCell.Date(LocalDate.FromDateOnly(r.StartDate)),
            new ExportCell.Date(LocalDate.FromDateOnly(r.SeniorityDate)),
            new ExportCell.Text(r.ContinuesTransfer ? "ja" : "nei"),
            new ExportCell.Text(r.Interval),
            new ExportCell.Text(Treatment(r.Treatment)),
            new ExportCell.Date(LocalDate.FromDateOnly(r.Reached)),
            new ExportCell.Count(r.Length),
            r.Limit is { } limit ? new ExportCell.Count(limit) : ExportCell.Empty.Instance,
            new ExportCell.Text(r.TimeUnit == TimeUnit.Minutes ? "minutter" : "dager"),
            new ExportCell.Text(Within(r)),
        ])).ToList(),
        PersonDataNote);
    }

    /// <summary>"drill-down_OUS_2025-T3_ALL_completed": the figure, so two downloads of different figures keep apart.</summary>
    public static string FileName(FigureSelection selection) =>
        $"drill-down_{selection.Organisation}_{selection.Period.Text}_{selection.Pathway}_{EnumNames.Of(selection.Subset)}";

    private static string Subtitle(FigureSelection selection, IndicatorCatalogue indicators, OrganisationDirectory organisations, PathwayCatalogue catalogue)
    {
        var indicator = indicators.Find(selection.Indicator)?.Name.Nb ?? selection.Indicator;
        var organisation = organisations.Find(selection.Organisation) is { } found ? $"{found.Name} ({found.Code})" : selection.Organisation;
        var pathway = selection.Pathway == IndicatorFigure.AllPathways
            ? "alle pakkeforløp"
            : $"{selection.Pathway} {catalogue.Pathway(selection.Pathway)?.Name.Nb}".TrimEnd();
        var period = $"{selection.Period.Text} ({NorwegianDay.Format(selection.Period.Start)}–{NorwegianDay.Format(selection.Period.End)})";
        var subset = selection.Subset switch
        {
            FigureSubset.Within => "innenfor standard forløpstid",
            FigureSubset.Over => "over standard forløpstid",
            FigureSubset.WithoutStandard => "uten standard forløpstid",
            _ => "alle gjennomførte",
        };
        return $"{indicator} · {organisation} · {pathway} · {period} · {subset}";
    }

    private static string Within(FigureEpisode row) => row.Limit is null ? "uten standard" : row.Within ? "ja" : "nei";

    /// <summary>The treatment type in bokmål, as the page says it; the catalogue's word when it names no known type.</summary>
    private static string Treatment(string treatment) =>
        EnumNames.TryParse<TreatmentType>(treatment, out var type) ? WebTexts.Bokmal("Treatment." + type) : treatment;
}
