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

/// <summary>What an export request came to: the thing asked for, or why not.</summary>
public abstract record ExportOutcome<T>
{
    private ExportOutcome()
    {
    }

    public sealed record Ready(T Value) : ExportOutcome<T>;

    /// <summary>The actor may not see these figures (HTTP 403).</summary>
    public sealed record Refused(string Reason) : ExportOutcome<T>;

    /// <summary>The request itself is wrong: an unknown organisation, a level that does not fit it (HTTP 400).</summary>
    public sealed record Invalid(string Reason) : ExportOutcome<T>;
}

/// <summary>
/// The indicator tables as exports. Unsuppressed figures go only to an actor that
/// <see cref="AccessPolicy.MaySeeFiguresOf"/> the organisation asked for (the whole country when none is named);
/// the public table, suppressed, goes to anyone.
/// </summary>
public sealed partial class IndicatorExports(RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, IndicatorCatalogue? indicators = null)
{
    public const string CompletedWithinStandardTitle = "Andel pakkeforløp gjennomført innenfor standard forløpstid";

    public const string TargetNote = "Målet er at minst 70 % av pakkeforløpene gjennomføres innenfor standard forløpstid.";

    /// <summary>Whoever runs the command line holds the database itself: it exports what a national analyst may see.</summary>
    public static readonly Actor CommandLine = new("forlop", "Kommandolinjen", Role.NationalAnalyst, "", []);

    /// <summary>
    /// Share completed within the standard for <paramref name="period"/>, broken down <paramref name="by"/>, for the
    /// whole country or only for pathways treated at <paramref name="organisation"/> (an HF, or the HFs of an RHF).
    /// </summary>
    public async Task<ExportOutcome<ExportTable>> CompletedWithinStandardAsync(
        Actor actor, ReportingPeriod period, ReportBreakdown by, string? organisation, CancellationToken ct)
    {
        Organisation? scope = null;
        if (organisation is not null)
        {
            scope = organisations.Find(organisation);
            if (scope is null || scope.Kind == OrganisationKind.Unit)
            {
                return new ExportOutcome<ExportTable>.Invalid($"'{organisation}' is not an HF or RHF this registry knows");
            }
            if (scope.Kind != OrganisationKind.Rhf && by == ReportBreakdown.Rhf)
            {
                return new ExportOutcome<ExportTable>.Invalid($"{organisation} is an HF: its figures cannot be broken down by RHF");
            }
        }
        if (!AccessPolicy.MaySeeFiguresOf(actor, organisation, organisations))
        {
            return new ExportOutcome<ExportTable>.Refused(organisation is null
                ? "figures for the whole country are for national analysts: name an HF or RHF you may see"
                : $"{actor.UserName} may not see the figures of {organisation}");
        }
        var completed = await IndicatorReport.LoadCompletedAsync(db, period.Start, period.End, organisation, ct);
        var table = CompletedWithinStandard.Compute(completed, catalogue, period, by);
        var subtitle = Subtitle(period, by, scope, publicView: false);
        var rows = table.Rows.Select(Shown).ToList();
        return new ExportOutcome<ExportTable>.Ready(CompletedWithinStandardTable(rows, Shown(table.Total), by, subtitle, TargetNote, table.Warnings));
    }

    /// <summary>
    /// The public table: counts from 1 to <paramref name="threshold"/> − 1, and every figure that reveals one, are
    /// suppressed. Callers on the open web raise the threshold to at least NPR's (<see cref="SmallNumberSuppression.DefaultThreshold"/>).
    /// </summary>
    public async Task<ExportTable> PublicCompletedWithinStandardAsync(ReportingPeriod period, ReportBreakdown by, int threshold, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        IReadOnlyList<PublicIndicatorRow> rows;
        PublicIndicatorRow total;
        IReadOnlyList<string> warnings;
        if (indicators?.Find(IndicatorReport.IndicatorId) is { } definition)
        {
            // The indicator API's suppressed cube (and a locked period's figures), so the export hides what the API hides.
            var (cube, _) = await new IndicatorService(db, catalogue, indicators, organisations).PublicCubeAsync(definition, period, threshold, ct);
            (rows, total) = IndicatorReport.Rows(cube, by);
            warnings = cube.Warnings;
        }
        else
        {
            var table = await IndicatorReport.ComputeAsync(db, catalogue, period, by, ct);
            (rows, total) = SmallNumberSuppression.Apply(table, threshold);
            warnings = table.Warnings;
        }
        var note = threshold == 1 ? TargetNote
            : $"– : skjult for å verne personvernet (tall fra 1 til {(threshold - 1).ToString(CultureInfo.InvariantCulture)}, " +
              "og tall de kan regnes ut fra). " + TargetNote;
        return CompletedWithinStandardTable(rows, total, by, Subtitle(period, by, null, publicView: threshold > 1), note, warnings);
    }

    /// <summary>Columns: pathway, its name, [organisation, its name,] completed, within standard, share; then the total.</summary>
    public ExportTable CompletedWithinStandardTable(
        IReadOnlyList<PublicIndicatorRow> rows, PublicIndicatorRow total, ReportBreakdown by, string subtitle, string? note, IReadOnlyList<string> warnings)
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
        columns.Add(new("completed", "Gjennomført", ColumnKind.Count));
        columns.Add(new("within_standard", "Innenfor standard", ColumnKind.Count));
        columns.Add(new("share_within_pct", "Andel innenfor standard", ColumnKind.Percent));

        var exportRows = rows.Select(r => Row(r, isTotal: false)).Append(Row(total, isTotal: true)).ToList();
        return new ExportTable(CompletedWithinStandardTitle, subtitle, columns, exportRows, note, warnings);

        ExportRow Row(PublicIndicatorRow r, bool isTotal)
        {
            var cells = new List<ExportCell>
            {
                new ExportCell.Text(r.Pathway),
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

    private static PublicIndicatorRow Shown(IndicatorRow r) => new(r.Pathway, r.Organisation, r.Completed, r.WithinStandard, r.SharePercent);

    private static string Subtitle(ReportingPeriod period, ReportBreakdown by, Organisation? scope, bool publicView)
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
        return string.Join(" · ", parts);
    }
}
