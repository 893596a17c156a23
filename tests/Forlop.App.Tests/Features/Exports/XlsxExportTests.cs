using DocumentFormat.OpenXml.Spreadsheet;
using Forlop.App.Features.Exports;

namespace Forlop.App.Tests.Features.Exports;

/// <summary>Row 1 title, row 2 subtitle, row 3 headings, rows 4–7 the hand-made table, its note in row 9.</summary>
public class XlsxExportTests
{
    [Fact]
    public void Xlsx_PassesTheOpenXmlSchemaValidator()
    {
        using var book = new Workbook(XlsxExport.ToBytes(ExportTables.EveryKind()));

        Assert.Empty(book.SchemaErrors());
    }

    [Fact]
    public void Xlsx_HeadingsAndTitle_AreTextInTheirRows()
    {
        using var book = new Workbook(XlsxExport.ToBytes(ExportTables.EveryKind()));

        Assert.Equal("Andel innenfor – Førde og Østfold", book.Text("A1"));
        Assert.Equal("Periode 2016-T3 · per helseforetak", book.Text("A2"));
        Assert.Equal(["Helseforetak", "Gjennomført", "Andel innenfor standard", "Første start"], new[] { "A3", "B3", "C3", "D3" }.Select(book.Text));
        Assert.True(book.IsBold("A3"));
        Assert.Equal("Andel innenfor – Førde og Østfold", book.Title);
    }

    [Fact]
    public void Xlsx_CountsPercentagesAndDates_AreTypedNumbersWithTheirFormats()
    {
        using var book = new Workbook(XlsxExport.ToBytes(ExportTables.EveryKind()));

        Assert.Equal("Helse Førde HF, \"vest\"", book.Text("A4"));
        Assert.Equal(1234m, book.Number("B4"));
        Assert.Equal("#,##0", book.NumberFormat("B4"));
        // A share is the fraction Excel's percent format multiplies by 100: 66.7 % is 0.667.
        Assert.Equal(0.667m, book.Number("C4"));
        Assert.Equal("0.0%", book.NumberFormat("C4"));
        // 2016-09-30 is day 42643 of Excel's 1900 date system.
        Assert.Equal(42643m, book.Number("D4"));
        Assert.Equal("yyyy-mm-dd", book.NumberFormat("D4"));
        Assert.Equal(0m, book.Number("B6"));
        Assert.Equal(1m, book.Number("C6"));
    }

    [Fact]
    public void Xlsx_SuppressedCellsShowADash_EmptyCellsAreLeftOut_TheTotalIsBold()
    {
        using var book = new Workbook(XlsxExport.ToBytes(ExportTables.EveryKind()));

        Assert.Equal("–", book.Text("B5"));
        Assert.Equal("–", book.Text("C5"));
        Assert.Null(book.Cell("D5"));
        Assert.True(book.IsBold("A7"));
        Assert.True(book.IsBold("B7"));
        Assert.False(book.IsBold("B4"));
        Assert.Equal("– : skjult for å verne personvernet.", book.Text("A9"));
    }

    [Fact]
    public void Xlsx_HeaderIsFrozenAndFiltered_ColumnsAreSizedToTheirText()
    {
        using var book = new Workbook(XlsxExport.ToBytes(ExportTables.EveryKind()));

        var pane = book.Worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(3d, pane.VerticalSplit!.Value);
        Assert.Equal("A4", pane.TopLeftCell!.Value);
        Assert.Equal("A3:D7", book.Worksheet.Descendants<AutoFilter>().Single().Reference!.Value);
        var widths = book.Worksheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();
        // The first column holds the longest text (24 characters): wider than the count column.
        Assert.Equal(4, widths.Count);
        Assert.True(widths[0] >= 24, $"first column {widths[0]}");
        Assert.True(widths[0] > widths[1]);
    }

    [Fact]
    public void Xlsx_SheetName_IsTheTitleCutAtAWordToExcelsLimit()
    {
        var table = new ExportTable(IndicatorExports.CompletedWithinStandardTitle, "", ExportTables.Columns, []);

        using var book = new Workbook(XlsxExport.ToBytes(table));

        Assert.Equal("Andel pakkeforløp gjennomført", book.SheetName);
    }
}
