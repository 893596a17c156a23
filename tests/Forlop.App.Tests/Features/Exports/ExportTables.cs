using Forlop.App.Features.Exports;
using NodaTime;

namespace Forlop.App.Tests.Features.Exports;

/// <summary>A hand-made table with every kind of cell, for the writer tests.</summary>
public static class ExportTables
{
    public static readonly ExportColumn[] Columns =
    [
        new("hf", "Helseforetak", ColumnKind.Text),
        new("completed", "Gjennomført", ColumnKind.Count),
        new("share_within_pct", "Andel innenfor standard", ColumnKind.Percent),
        new("first_start", "Første start", ColumnKind.Date),
    ];

    public static ExportTable EveryKind() => new(
        "Andel innenfor – Førde og Østfold",
        "Periode 2016-T3 · per helseforetak",
        Columns,
        [
            // Norwegian letters, and a comma and a quote that CSV must escape.
            new([new ExportCell.Text("Helse Førde HF, \"vest\""), new ExportCell.Count(1234), new ExportCell.Percent(66.7m), new ExportCell.Date(new LocalDate(2016, 9, 30))]),
            // A hidden count and share, and a row without a date.
            new([new ExportCell.Text("Sykehuset Østfold HF"), ExportCell.Suppressed.Instance, ExportCell.Suppressed.Instance, ExportCell.Empty.Instance]),
            // Zero is a value, not a hidden or missing cell; 100 % has its decimal too.
            new([new ExportCell.Text("Ålesund"), new ExportCell.Count(0), new ExportCell.Percent(100m), new ExportCell.Date(new LocalDate(2016, 1, 1))]),
            new([new ExportCell.Text("Alle"), new ExportCell.Count(1240), new ExportCell.Percent(5.5m), ExportCell.Empty.Instance], IsTotal: true),
        ],
        "– : skjult for å verne personvernet.");
}
