using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SkiaSharp;

namespace Forlop.App.Features.Exports;

/// <summary>
/// An HF's monthly report as a PDF (A4, Norwegian): the HF and month as title, the indicator per pathway as a table
/// and a bar chart against the 70 % target, the trend of the last twelve months as a chart and a table. Written with
/// SkiaSharp's PDF backend: the text stays text (searchable; DejaVu Sans embedded), the charts are PNG.
/// </summary>
public static class MonthlyReportPdf
{
    public const string ContentType = "application/pdf";

    private const int ChartWidth = 499, ChartHeight = 230;

    private static readonly SKColor Ink = PdfPages.Ink;
    private static readonly SKColor Muted = PdfPages.Muted;

    private static readonly LocalDatePattern NorwegianDate = LocalDatePattern.CreateWithInvariantCulture("dd.MM.yyyy");

    public static byte[] ToBytes(MonthlyReport report)
    {
        ReportFonts.EnsureLoaded();
        var month = MonthlyReport.MonthName(report.Month.Start);
        using var buffer = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"Månedsrapport pakkeforløp – {report.Hf.Name} – {month}",
            Author = "Forløp",
            Creator = "Forløp",
            Subject = "Andel pakkeforløp gjennomført innenfor standard forløpstid",
            Creation = report.Made.ToDateTimeUnspecified(),
            Modified = report.Made.ToDateTimeUnspecified(),
            RasterDpi = 144,
            // Above 100 is lossless: the charts' text and lines stay crisp (JPEG would blur them).
            EncodingQuality = 101,
        };
        using (var document = SKDocument.CreatePdf(buffer, metadata))
        {
            var pages = new PdfPages(document, $"Forløp · månedsrapport {report.Hf.Code} {report.Month.Text}");
            pages.Line("Forløp · månedsrapport for pakkeforløp", 9, bold: false, Muted);
            pages.Line(report.Hf.Name, 20, bold: true, Ink);
            pages.Line($"Månedsrapport for {month}", 13, bold: false, Ink);
            pages.Line($"{report.Hf.Code} · laget {NorwegianDate.Format(report.Made)} fra registeret slik det var da", 9, bold: false, Muted);
            pages.Space(10);

            pages.KeepTogether(13 * 1.45f + 15 * 3);
            pages.Line("Andel gjennomført innenfor standard forløpstid", 13, bold: true, Ink);
            pages.Table(report.Pathways);
            pages.Space(8);
            if (report.Shares.Count > 0)
            {
                pages.Image(ReportCharts.SharePerPathway(report.Shares, ChartWidth, ChartHeight), ChartWidth, ChartHeight);
            }
            else
            {
                pages.Paragraph($"Ingen pakkeforløp ble gjennomført ved {report.Hf.Name} i {month}.", 10, Ink);
            }
            pages.Space(12);

            pages.KeepTogether(13 * 1.45f + ChartHeight);
            pages.Line("Utvikling siste tolv måneder", 13, bold: true, Ink);
            pages.Image(ReportCharts.Trend(report.Trend, ChartWidth, ChartHeight), ChartWidth, ChartHeight);
            pages.Space(6);
            pages.Table(report.TrendTable);
            pages.Close();
            document.Close();
        }
        return buffer.ToArray();
    }

    /// <summary>A cell as a Norwegian reader expects it: 1 234, 66,7 %, 30.09.2016, – when hidden.</summary>
    public static string Shown(ExportCell cell) => cell switch
    {
        ExportCell.Text t => t.Value,
        ExportCell.Count n => n.Value.ToString("#,##0", CultureInfo.InvariantCulture).Replace(',', '\u00A0'),
        ExportCell.Percent p => ReportCharts.Percent(p.Value),
        ExportCell.Date d => NorwegianDate.Format(d.Value),
        ExportCell.Suppressed => XlsxExport.SuppressedMark,
        _ => "",
    };
}
