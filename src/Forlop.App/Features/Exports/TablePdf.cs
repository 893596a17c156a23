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
            pages.Table(table);
            pages.Close();
            document.Close();
        }
        return buffer.ToArray();
    }

    private static readonly NodaTime.Text.LocalDatePattern NorwegianDay = NodaTime.Text.LocalDatePattern.CreateWithInvariantCulture("dd'.'MM'.'yyyy");
}
