using NodaTime;

namespace Forlop.App.Features.Exports;

/// <summary>What a column holds; it decides how every writer formats and types its cells.</summary>
public enum ColumnKind
{
    Text,
    /// <summary>A whole number of pathways, patients, events.</summary>
    Count,
    /// <summary>A share in percent points (66.7 means 66.7 %), as the indicator tables give it: one decimal.</summary>
    Percent,
    /// <summary>A calendar day (no time, no zone).</summary>
    Date,
}

/// <summary>
/// A column of an export: <see cref="Name"/> is the stable machine name (the CSV header, snake_case like the
/// interchange contract), <see cref="Heading"/> what a person reads (Excel and PDF, in Norwegian).
/// </summary>
public sealed record ExportColumn(string Name, string Heading, ColumnKind Kind);

/// <summary>
/// One cell of an export. A value cell must match its column's kind; <see cref="Empty"/> (nothing to show, such as
/// the share of zero pathways) and <see cref="Suppressed"/> (hidden to protect privacy) fit any column.
/// </summary>
public abstract record ExportCell
{
    private ExportCell()
    {
    }

    public sealed record Text(string Value) : ExportCell;

    public sealed record Count(long Value) : ExportCell;

    public sealed record Percent(decimal Value) : ExportCell;

    public sealed record Date(LocalDate Value) : ExportCell;

    public sealed record Empty : ExportCell
    {
        public static readonly Empty Instance = new();
    }

    public sealed record Suppressed : ExportCell
    {
        public static readonly Suppressed Instance = new();
    }

    /// <summary>A count that may be hidden: null means suppressed.</summary>
    public static ExportCell CountOrSuppressed(int? value) => value is { } v ? new Count(v) : Suppressed.Instance;

    public bool Fits(ColumnKind kind) => this switch
    {
        Text => kind == ColumnKind.Text,
        Count => kind == ColumnKind.Count,
        Percent => kind == ColumnKind.Percent,
        Date => kind == ColumnKind.Date,
        _ => true,
    };
}

/// <summary>A row of an export; a total row is set apart (bold) where the format allows.</summary>
public sealed record ExportRow(IReadOnlyList<ExportCell> Cells, bool IsTotal = false);

/// <summary>
/// Any table of the application as the writers (CSV, Excel, PDF) take it: a title and a subtitle (period, level),
/// typed columns, rows, a note telling what hidden cells mean, and warnings about what the figures leave out
/// (such as pathways without a standard). Checked when built: every row has a cell per
/// column, every value cell fits its column, and a table with a suppressed cell carries a note explaining it.
/// </summary>
public sealed record ExportTable
{
    public ExportTable(string title, string subtitle, IReadOnlyList<ExportColumn> columns, IReadOnlyList<ExportRow> rows, string? note = null, IReadOnlyList<string>? warnings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (columns.Count == 0)
        {
            throw new ArgumentException("an export needs at least one column", nameof(columns));
        }
        var duplicate = columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"column '{duplicate.Key}' appears twice", nameof(columns));
        }
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = rows[r].Cells;
            if (cells.Count != columns.Count)
            {
                throw new ArgumentException($"row {r + 1} has {cells.Count} cells for {columns.Count} columns", nameof(rows));
            }
            for (var c = 0; c < cells.Count; c++)
            {
                if (!cells[c].Fits(columns[c].Kind))
                {
                    throw new ArgumentException($"row {r + 1}, column '{columns[c].Name}' ({columns[c].Kind}) cannot hold {cells[c]}", nameof(rows));
                }
            }
        }
        if (string.IsNullOrWhiteSpace(note) && rows.Any(r => r.Cells.Any(c => c is ExportCell.Suppressed)))
        {
            throw new ArgumentException("a table with suppressed cells needs a note saying why they are hidden", nameof(note));
        }
        Title = title;
        Subtitle = subtitle;
        Columns = columns;
        Rows = rows;
        Note = string.IsNullOrWhiteSpace(note) ? null : note;
        Warnings = warnings ?? [];
    }

    public string Title { get; }

    public string Subtitle { get; }

    public IReadOnlyList<ExportColumn> Columns { get; }

    public IReadOnlyList<ExportRow> Rows { get; }

    /// <summary>Shown under the table in Excel and PDF; says what a hidden cell means.</summary>
    public string? Note { get; }

    /// <summary>Shown under the note in Excel and PDF, and by the command line on standard error.</summary>
    public IReadOnlyList<string> Warnings { get; }
}
