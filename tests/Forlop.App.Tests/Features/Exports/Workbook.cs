using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Forlop.App.Tests.Features.Exports;

/// <summary>Reads an .xlsx back with the Open XML SDK: cells by reference, with their type and number format.</summary>
public sealed class Workbook : IDisposable
{
    private readonly SpreadsheetDocument _document;

    public Workbook(byte[] bytes)
    {
        _document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var part = _document.WorkbookPart!;
        SheetName = part.Workbook.Sheets!.Elements<Sheet>().Single().Name!;
        Worksheet = ((WorksheetPart)part.GetPartById(part.Workbook.Sheets!.Elements<Sheet>().Single().Id!)).Worksheet;
        Stylesheet = part.WorkbookStylesPart!.Stylesheet;
    }

    public string SheetName { get; }

    public Worksheet Worksheet { get; }

    public Stylesheet Stylesheet { get; }

    public string? Title => _document.PackageProperties.Title;

    /// <summary>What the Open XML schema validator finds wrong (Excel refuses or "repairs" such files).</summary>
    public IReadOnlyList<string> SchemaErrors() =>
        new OpenXmlValidator(FileFormatVersions.Office2019).Validate(_document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

    public Cell? Cell(string reference) => Worksheet.Descendants<Cell>().SingleOrDefault(c => c.CellReference == reference);

    /// <summary>The text of an inline-string cell.</summary>
    public string Text(string reference)
    {
        var cell = Cell(reference) ?? throw new InvalidOperationException($"no cell {reference}");
        Assert.Equal(CellValues.InlineString, cell.DataType!.Value);
        return cell.InlineString!.InnerText;
    }

    /// <summary>The number of a number cell (type n, or no type, which means n).</summary>
    public decimal Number(string reference)
    {
        var cell = Cell(reference) ?? throw new InvalidOperationException($"no cell {reference}");
        Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number, $"{reference} is {cell.DataType?.Value}, not a number");
        return decimal.Parse(cell.CellValue!.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The number format code a cell is shown with (built-in ids 0 and 3 by their codes).</summary>
    public string NumberFormat(string reference)
    {
        var style = (int)(Cell(reference)!.StyleIndex?.Value ?? 0);
        var format = Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt(style);
        var id = format.NumberFormatId?.Value ?? 0;
        return id switch
        {
            0 => "General",
            3 => "#,##0",
            _ => Stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == id).FormatCode!.Value!,
        };
    }

    public bool IsBold(string reference)
    {
        var style = (int)(Cell(reference)!.StyleIndex?.Value ?? 0);
        var fontId = (int)(Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt(style).FontId?.Value ?? 0);
        return Stylesheet.Fonts!.Elements<Font>().ElementAt(fontId).Bold is not null;
    }

    public void Dispose() => _document.Dispose();
}
