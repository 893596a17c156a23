using Forlop.App.Hosting;
using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.Indicators;
using Forlop.App.Features.Report;
using Forlop.Domain.Access;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;

namespace Forlop.App.Features.Exports;

/// <summary>
/// The indicator tables as exports. Unsuppressed figures go only to an actor that
/// <see cref="AccessPolicy.MaySeeFiguresOf"/> the organisation asked for (the whole country when none is named);
/// the public table, suppressed, goes to anyone.
/// </summary>
public sealed partial class IndicatorExports(RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, IndicatorCatalogue indicators)
{
    public const string CompletedWithinStandardTitle = "Andel pakkeforløp gjennomført innenfor standard forløpstid";

    public const string TargetNote = "Målet er at minst 70 % av pakkeforløpene gjennomføres innenfor standard forløpstid.";

    /// <summary>What the column of pathways without a standard means (interchange.md, report: the share is within ÷ (completed − without_standard)).</summary>
    public const string WithoutStandardNote =
        "Uten standard: gjennomførte forløp der katalogen ikke har standard forløpstid; de telles som gjennomført, men er utenfor andelen (andel = innenfor ÷ (gjennomført − uten standard)).";

    /// <summary>Said of every period that is not locked (as NPR marks its newest month).</summary>
    public const string ProvisionalNote = "Foreløpige tall: perioden er ikke låst, og tallene er ikke kvalitetssikret.";

    /// <summary>Said when a figure counts a pathway code or standard time that no source confirms yet.</summary>
    public const string UnverifiedNote = "Uverifisert: tall merket «ja» i kolonnen uverifisert bygger på en forløpskode eller standard forløpstid som ingen kilde bekrefter ennå (docs/catalog.md).";

    /// <summary>The same, for a printed table whose unverified rows carry a * after the pathway code.</summary>
    public const string UnverifiedMarkNote = "* Uverifisert: tallet bygger på en forløpskode eller standard forløpstid som ingen kilde bekrefter ennå (docs/catalog.md).";

    /// <summary>Whoever runs the command line holds the database itself: it exports what a national analyst may see.</summary>
    public static readonly Actor CommandLine = new("forlop", "Kommandolinjen", Role.NationalAnalyst, "", []);

    /// <summary>
    /// Share completed within the standard for <paramref name="period"/>, broken down <paramref name="by"/>, for the
    /// whole country or only for pathways treated at <paramref name="organisation"/> (an HF, or the HFs of an RHF).
    /// </summary>
    public async Task<Outcome<ExportTable>> CompletedWithinStandardAsync(
        Actor actor, ReportingPeriod period, ReportBreakdown by, string? organisation, CancellationToken ct)
    {
        Organisation? scope = null;
        if (organisation is not null)
        {
            scope = organisations.Find(organisation);
            if (scope is null || scope.Kind == OrganisationKind.Unit)
            {
                return new Outcome<ExportTable>.Invalid($"'{organisation}' is not an HF or RHF this registry knows");
            }
            if (scope.Kind != OrganisationKind.Rhf && by == ReportBreakdown.Rhf)
            {
                return new Outcome<ExportTable>.Invalid($"{organisation} is an HF: its figures cannot be broken down by RHF");
            }
        }
        if (!AccessPolicy.MaySeeFiguresOf(actor, organisation, organisations))
        {
            return new Outcome<ExportTable>.NotAllowed(organisation is null
                ? "figures for the whole country are for national analysts: name an HF or RHF you may see"
                : $"{actor.UserName} may not see the figures of {organisation}");
        }
        var (cube, publication) = await CompletedWithinStandardCubeAsync(period, ct);
        var (rows, total) = CompletedWithinStandard.Rows(cube, by, organisation, organisations);
        var subtitle = Subtitle(period, by, scope, publicView: false, publication);
        return new Outcome<ExportTable>.Ready(CompletedWithinStandardTable(rows, total, by, subtitle, TargetNote, cube.Warnings, cube.Provisional, publication: publication));
    }

    /// <summary>
    /// The public table: counts from 1 to <paramref name="threshold"/> − 1, and every figure that reveals one, are
    /// suppressed. Callers on the open web raise the threshold to at least NPR's (<see cref="SmallNumberSuppression.DefaultThreshold"/>).
    /// </summary>
    public async Task<ExportTable> PublicCompletedWithinStandardAsync(ReportingPeriod period, ReportBreakdown by, int threshold, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        // The public cube of the period, suppressed with the rest of its year (locked periods as locked), so the export
        // hides exactly what the page and the API hide.
        var definition = indicators.Find(IndicatorReport.IndicatorId)
            ?? throw new InvalidOperationException($"the catalogue defines no indicator {IndicatorReport.IndicatorId} (catalog/indicators/)");
        var (cube, publication) = await new IndicatorService(db, catalogue, indicators, organisations).PublicCubeAsync(definition, period, threshold, ct);
        var (rows, total) = CompletedWithinStandard.Rows(cube, by);
        var note = threshold == 1 ? TargetNote
            : $"– : skjult for å verne personvernet (tall fra 1 til {(threshold - 1).ToString(CultureInfo.InvariantCulture)}, " +
              "og tall de kan regnes ut fra). " + TargetNote;
        return CompletedWithinStandardTable(rows, total, by, Subtitle(period, by, null, publicView: threshold > 1, publication), note, cube.Warnings, cube.Provisional,
            publication: publication);
    }

    /// <summary>The indicator's cube as reports show it: a locked period's published figures, else the registry's now.</summary>
    private async Task<(IndicatorCube Cube, PeriodLockInfo? Publication)> CompletedWithinStandardCubeAsync(ReportingPeriod period, CancellationToken ct)
    {
        var definition = indicators.Find(IndicatorReport.IndicatorId)
            ?? throw new InvalidOperationException($"the catalogue defines no indicator {IndicatorReport.IndicatorId} (catalog/indicators/)");
        var (cube, publication, _) = await new IndicatorService(db, catalogue, indicators, organisations).ReportedCubeAsync(definition, period, ct);
        return (cube, publication);
    }

    /// <summary>
    /// Columns: pathway, its name, [organisation, its name,] completed, within standard, share, without standard,
    /// unverified, provisional, publication (which publication of a locked period the figures are, e.g. <c>2016-T3/2</c>;
    /// empty when not locked); then the total. The note says what the columns without standard, unverified and
    /// provisional mean where they apply (a CSV carries them as columns only). For print (<paramref name="printed"/>, the
    /// PDF) the two flag columns give way to a * after an unverified pathway's code and the notes, so the names keep their room.
    /// </summary>
    public ExportTable CompletedWithinStandardTable(
        IReadOnlyList<PublicIndicatorRow> rows, PublicIndicatorRow total, ReportBreakdown by, string subtitle, string? note, IReadOnlyList<string> warnings, bool provisional,
        bool printed = false, PeriodLockInfo? publication = null)
    {
        var withOrganisation = by != ReportBreakdown.Pathway;
        var columns = new List<ExportColumn>
        {
            new("pathway", "Pakkeforløp", ColumnKind.Text),
            new("pathway_name", "Navn", ColumnKind.Text),
        };
        if (withOrganisation)
        {
            var level = by == ReportBreakdown.Hf ? "Helseforetak" : "Regionalt helseforetak";
            columns.Add(new("organisation", level, ColumnKind.Text));
            columns.Add(new("organisation_name", "Navn på " + level.ToLowerInvariant(), ColumnKind.Text));
        }
        // On paper the headings are short, so the names keep their room; the table's title says what is shared.
        columns.Add(new("completed", "Gjennomført", ColumnKind.Count));
        columns.Add(new("within_standard", printed ? "Innenfor" : "Innenfor standard", ColumnKind.Count));
        columns.Add(new("share_within_pct", printed ? "Andel" : "Andel innenfor standard", ColumnKind.Percent));
        columns.Add(new("without_standard", "Uten standard", ColumnKind.Count));
        if (!printed)
        {
            columns.Add(new("unverified", "Uverifisert", ColumnKind.Text));
            columns.Add(new("provisional", "Foreløpig", ColumnKind.Text));
            columns.Add(new("publication", "Publisering", ColumnKind.Text));
        }

        var exportRows = rows.Select(r => Row(r, isTotal: false)).Append(Row(total, isTotal: true)).ToList();
        var notes = new List<string?> { note, WithoutStandardNote };
        if (provisional)
        {
            notes.Add(ProvisionalNote);
        }
        if (publication is not null)
        {
            notes.Add(PublicationNote(publication));
        }
        if (rows.Append(total).Any(r => r.Unverified))
        {
            notes.Add(printed ? UnverifiedMarkNote : UnverifiedNote);
        }
        return new ExportTable(CompletedWithinStandardTitle, subtitle, columns, exportRows, string.Join(" ", notes.Where(n => !string.IsNullOrWhiteSpace(n))), warnings);

        ExportRow Row(PublicIndicatorRow r, bool isTotal)
        {
            var cells = new List<ExportCell>
            {
                new ExportCell.Text(printed && r.Unverified ? r.Pathway + " *" : r.Pathway),
                new ExportCell.Text(isTotal ? "Alle pakkeforløp" : catalogue.Pathway(r.Pathway)?.Name.Nb ?? ""),
            };
            if (withOrganisation)
            {
                cells.Add(isTotal ? ExportCell.Empty.Instance : new ExportCell.Text(r.Organisation ?? ""));
                cells.Add(isTotal ? ExportCell.Empty.Instance : new ExportCell.Text(organisations.Find(r.Organisation ?? "")?.Name ?? ""));
            }
            cells.Add(ExportCell.CountOrSuppressed(r.Completed));
            cells.Add(ExportCell.CountOrSuppressed(r.WithinStandard));
            cells.Add(Share(r.SharePercent));
            cells.Add(ExportCell.CountOrSuppressed(r.WithoutStandard));
            if (!printed)
            {
                cells.Add(new ExportCell.Text(r.Unverified ? "ja" : "nei"));
                cells.Add(new ExportCell.Text(provisional ? "ja" : "nei"));
                cells.Add(new ExportCell.Text(publication is null ? "" : PublicationName(publication)));
            }
            return new ExportRow(cells, isTotal);
        }
    }

    /// <summary>The domain's share text (one decimal, invariant): null is suppressed, empty is "no pathways".</summary>
    public static ExportCell Share(string? sharePercent) => sharePercent switch
    {
        null => ExportCell.Suppressed.Instance,
        "" => ExportCell.Empty.Instance,
        _ => new ExportCell.Percent(decimal.Parse(sharePercent, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)),
    };

    /// <summary>A publication as the exports name it: the period and its number, <c>2016-T3/2</c>.</summary>
    public static string PublicationName(PeriodLockInfo publication) =>
        string.Create(CultureInfo.InvariantCulture, $"{publication.Period}/{publication.Publication}");

    /// <summary>Which publication a locked period's figures are (docs/decisions/0030).</summary>
    public static string PublicationNote(PeriodLockInfo publication) => string.Create(CultureInfo.InvariantCulture,
        $"Publisert: {publication.Period}, {publication.DescribeNb()}, låst {publication.LockedAt:yyyy-MM-dd}.");

    private static string Subtitle(ReportingPeriod period, ReportBreakdown by, Organisation? scope, bool publicView, PeriodLockInfo? publication = null)
    {
        var level = by switch
        {
            ReportBreakdown.Hf => "per helseforetak",
            ReportBreakdown.Rhf => "per regionalt helseforetak",
            _ => "per pakkeforløp",
        };
        var parts = new List<string> { "Periode " + period.Text, level };
        if (scope is not null)
        {
            parts.Add($"{scope.Name} ({scope.Code})");
        }
        if (publicView)
        {
            parts.Add("offentlig, små tall skjult");
        }
        if (publication is not null)
        {
            parts.Add(publication.DescribeNb());
        }
        return string.Join(" · ", parts);
    }
}
