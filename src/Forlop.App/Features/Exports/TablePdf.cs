using NodaTime;
using SkiaSharp;

namespace Forlop.App.Features.Exports;

/// <summary>
/// Any export table as a PDF (A4, Norwegian) for people who print or file a table: title, subtitle, the day it was
/// made, the table with its note and warnings in bokmål. Laid out by <see cref="PdfPages"/> as the monthly report is.
/// </summary>
public static class TablePdf
{
    public static byte[] ToBytes(ExportTable table, LocalDate made)
    {
        ReportFonts.EnsureLoaded();
        using var buffer = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = table.Title,
            Subject = table.Subtitle,
            Author = "Forløp",
            Creator = "Forløp",
            Creation = made.ToDateTimeUnspecified(),
            Modified = made.ToDateTimeUnspecified(),
        };
        using (var document = SKDocument.CreatePdf(buffer, metadata))
        {
            var pages = new PdfPages(document, "Forløp · " + table.Title);
            pages.Line("Forløp", 9, bold: false, PdfPages.Muted);
            pages.Paragraph(table.Title, 16, PdfPages.Ink);
            pages.Line(table.Subtitle, 10, bold: false, PdfPages.Ink);
            pages.Line($"Laget {NorwegianDay.Format(made)} fra registeret slik det var da", 9, bold: false, PdfPages.Muted);
            pages.Space(10);
            pages.Table(ForPaper(table));
            pages.Close();
            document.Close();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The table as it fits an A4 page: the yes/no columns <c>unverified</c> and <c>provisional</c> become marks instead
    /// of columns (a "*" after the pathway of an unverified row, explained under the table; "provisional" is the table's
    /// own note) and the long headings are the monthly report's short ones, so the names keep their words instead of
    /// being cut with "…".
    /// </summary>
    private static ExportTable ForPaper(ExportTable table)
    {
        var unverified = IndexOf(table, "unverified");
        var provisional = IndexOf(table, "provisional");
        if (unverified < 0 && provisional < 0)
        {
            return table;
        }
        var kept = Enumerable.Range(0, table.Columns.Count).Where(i => i != unverified && i != provisional).ToList();
        var marked = false;
        var rows = table.Rows.Select(row =>
        {
            var cells = kept.Select(i => row.Cells[i]).ToList();
            if (unverified >= 0 && row.Cells[unverified] is ExportCell.Text { Value: "ja" } && cells.Count > 0 && cells[0] is ExportCell.Text first)
            {
                cells[0] = new ExportCell.Text(first.Value + " *");
                marked = true;
            }
            return row with { Cells = cells };
        }).ToList();
        // The note speaks of the mark, not of a column the paper does not have.
        var note = table.Note?.Replace(IndicatorExports.UnverifiedNote, IndicatorExports.UnverifiedMarkNote, StringComparison.Ordinal);
        if (marked && note?.Contains(IndicatorExports.UnverifiedMarkNote, StringComparison.Ordinal) != true)
        {
            note = (note is null ? "" : note + " ") + IndicatorExports.UnverifiedMarkNote;
        }
        // Short headings as on the monthly report's paper: the title says what is within and what the share is of.
        var columns = kept.Select(i => table.Columns[i] switch
        {
            { Name: "within_standard" } c => c with { Heading = "Innenfor" },
            { Name: "share_within_pct" } c => c with { Heading = "Andel" },
            var c => c,
        }).ToList();
        return new ExportTable(table.Title, table.Subtitle, columns, rows, note, table.Warnings);
    }

    private static int IndexOf(ExportTable table, string name)
    {
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (string.Equals(table.Columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private static readonly NodaTime.Text.LocalDatePattern NorwegianDay = NodaTime.Text.LocalDatePattern.CreateWithInvariantCulture("dd'.'MM'.'yyyy");
}
