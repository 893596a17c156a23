using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NodaTime;

namespace Forlop.App.Features.Exports;

/// <summary>
/// An export as an Excel workbook (.xlsx, Office Open XML) of one sheet: the title in row 1, the subtitle in row 2,
/// the column headings in row 3 (bold, with a filter, frozen so they stay in view), the rows below and the note
/// and warnings under them. Cells are typed: counts and shares are numbers (a share is stored as a fraction and shown as
/// <c>66.7%</c>), dates are dates, so sums and charts work; a suppressed cell shows <c>–</c>.
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const int TitleRow = 1;
    public const int SubtitleRow = 2;
    public const int HeaderRow = 3;
    public const int FirstDataRow = 4;

    /// <summary>What a suppressed cell shows; the table's note explains it.</summary>
    public const string SuppressedMark = "–";

    public const string PercentFormat = "0.0%";
    public const string DateFormat = "yyyy-mm-dd";

    // Style indexes into the stylesheet built by Styles(); value cells: ValueStyle(kind, total).
    private const uint HeaderStyle = 1, TitleStyle = 2, NoteStyle = 3;
    private const uint PercentFormatId = 164, DateFormatId = 165, CountFormatId = 3; // 3 is Excel's built-in "#,##0"

    private static readonly LocalDate ExcelEpoch = new(1899, 12, 30);

    public static byte[] ToBytes(ExportTable table) => ToBytes([table]);

    /// <summary>
    /// Several tables as one workbook, a sheet each in the given order (a monthly report: the pathways of the month,
    /// then the trend), each laid out as a single table's sheet. The first is the one Excel opens on.
    /// </summary>
    public static byte[] ToBytes(IReadOnlyList<ExportTable> tables)
    {
        ArgumentOutOfRangeException.ThrowIfZero(tables.Count);
        // The packaging layer needs a seekable stream; HTTP responses are not.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            document.PackageProperties.Title = tables[0].Title;
            document.PackageProperties.Subject = tables[0].Subtitle;
            document.PackageProperties.Creator = "Forløp";
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var sheets = new Sheets();
            var filters = new DefinedNames();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < tables.Count; i++)
            {
                var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
                sheetPart.Worksheet = Sheet(tables[i], selected: i == 0);
                var sheetName = SheetName(tables[i].Title);
                // Excel refuses two sheets of one name (case-insensitively): number the later ones.
                for (var n = 2; !names.Add(sheetName); n++)
                {
                    var suffix = FormattableString.Invariant($" ({n})");
                    sheetName = SheetName(tables[i].Title)[..Math.Min(SheetName(tables[i].Title).Length, 31 - suffix.Length)] + suffix;
                }
                sheets.AppendChild(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = (uint)(i + 1), Name = sheetName });
                // Excel keeps a filter's range in this hidden name; without it the filter buttons still work but Excel repairs the file on save.
                filters.AppendChild(new DefinedName($"'{sheetName}'!{FilterRange(tables[i], absolute: true)}")
                {
                    Name = "_xlnm._FilterDatabase",
                    LocalSheetId = (uint)i,
                    Hidden = true,
                });
            }
            workbookPart.Workbook.AppendChild(sheets);
            workbookPart.Workbook.AppendChild(filters);
        }
        return buffer.ToArray();
    }

    public static void Write(ExportTable table, Stream output) => output.Write(ToBytes(table));

    private static Worksheet Sheet(ExportTable table, bool selected)
    {
        var data = new SheetData();
        data.AppendChild(new Row(TextCell(1, TitleRow, table.Title, TitleStyle)) { RowIndex = TitleRow });
        data.AppendChild(new Row(TextCell(1, SubtitleRow, table.Subtitle, 0)) { RowIndex = SubtitleRow });
        data.AppendChild(new Row(table.Columns.Select((c, i) => TextCell(i + 1, HeaderRow, c.Heading, HeaderStyle))) { RowIndex = HeaderRow });
        var rowIndex = (uint)FirstDataRow;
        foreach (var row in table.Rows)
        {
            var cells = row.Cells.Select((cell, i) => ValueCell(i + 1, rowIndex, cell, table.Columns[i].Kind, row.IsTotal)).OfType<Cell>();
            data.AppendChild(new Row(cells) { RowIndex = rowIndex });
            rowIndex++;
        }
        // Under the table after an empty row: the note, then each warning.
        var notes = (table.Note is null ? [] : new[] { table.Note }).Concat(table.Warnings.Select(w => "Merk: " + ExportNotes.Norwegian(w)));
        foreach (var (note, i) in notes.Select((n, i) => (n, (uint)i)))
        {
            var noteRow = rowIndex + 1 + i;
            data.AppendChild(new Row(TextCell(1, noteRow, note, NoteStyle)) { RowIndex = noteRow });
        }

        var frozen = new Pane
        {
            VerticalSplit = HeaderRow,
            TopLeftCell = $"A{FirstDataRow}",
            ActivePane = PaneValues.BottomLeft,
            State = PaneStateValues.Frozen,
        };
        var view = new SheetView(frozen, new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{FirstDataRow}", SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{FirstDataRow}" } })
        {
            WorkbookViewId = 0,
            TabSelected = selected,
        };
        var columns = new Columns(table.Columns.Select((c, i) => new Column
        {
            Min = (uint)(i + 1),
            Max = (uint)(i + 1),
            Width = Width(table, i),
            CustomWidth = true,
        }));
        // Element order is fixed by the schema: views, columns, data, filter.
        return new Worksheet(new SheetViews(view), columns, data, new AutoFilter { Reference = FilterRange(table, absolute: false) });
    }

    private static string FilterRange(ExportTable table, bool absolute)
    {
        var last = ColumnLetters(table.Columns.Count);
        var lastRow = HeaderRow + table.Rows.Count;
        return absolute ? $"$A${HeaderRow}:${last}${lastRow}" : $"A{HeaderRow}:{last}{lastRow}";
    }

    private static Cell? ValueCell(int column, uint row, ExportCell cell, ColumnKind kind, bool total)
    {
        var reference = ColumnLetters(column) + row.ToString(CultureInfo.InvariantCulture);
        var style = ValueStyle(cell is ExportCell.Suppressed ? null : kind, total);
        return cell switch
        {
            ExportCell.Text t => TextCell(column, row, t.Value, style),
            ExportCell.Count n => NumberCell(reference, n.Value.ToString(CultureInfo.InvariantCulture), style),
            // Stored as the fraction Excel's percent format expects: 66.7 % is 0.667.
            ExportCell.Percent p => NumberCell(reference, (p.Value / 100m).ToString(CultureInfo.InvariantCulture), style),
            // Excel stores a day as the number of days since its epoch (1899-12-30, as the 1900 date system reads it).
            ExportCell.Date d => NumberCell(reference, Period.DaysBetween(ExcelEpoch, d.Value).ToString(CultureInfo.InvariantCulture), style),
            ExportCell.Suppressed => TextCell(column, row, SuppressedMark, style),
            _ => null,
        };
    }

    private static Cell NumberCell(string reference, string value, uint style) =>
        new() { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(value), StyleIndex = style };

    private static Cell TextCell(int column, uint row, string text, uint style) => new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
    {
        CellReference = ColumnLetters(column) + row.ToString(CultureInfo.InvariantCulture),
        DataType = CellValues.InlineString,
        StyleIndex = style,
    };

    /// <summary>Value styles follow the fixed ones: text, count, percent, date, suppressed; each plain then bold (total row).</summary>
    private static uint ValueStyle(ColumnKind? kind, bool total) =>
        (uint)(4 + (kind is { } k ? (int)k : 4) * 2 + (total ? 1 : 0));

    private static Stylesheet Styles()
    {
        var fonts = new Fonts(
            Font(bold: false, italic: false, size: 11, grey: false),
            Font(bold: true, italic: false, size: 11, grey: false),
            Font(bold: true, italic: false, size: 14, grey: false),
            Font(bold: false, italic: true, size: 11, grey: false),
            Font(bold: false, italic: false, size: 11, grey: true),
            Font(bold: true, italic: false, size: 11, grey: true));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7ECF2" }) { PatternType = PatternValues.Solid }));
        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(new Color { Rgb = "FF7F7F7F" }) { Style = BorderStyleValues.Thin }, new DiagonalBorder()));
        var formats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = PercentFormatId, FormatCode = PercentFormat },
            new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = DateFormat });

        var xfs = new CellFormats(
            Xf(font: 0),
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Bottom }) { FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            Xf(font: 2),
            Xf(font: 3));
        foreach (var (numberFormat, plainFont, boldFont, right) in new (uint, uint, uint, bool)[]
                 {
                     (0, 0, 1, false), // text
                     (CountFormatId, 0, 1, false), // count
                     (PercentFormatId, 0, 1, false), // percent
                     (DateFormatId, 0, 1, false), // date
                     (0, 4, 5, true), // suppressed: grey, aligned with the numbers
                 })
        {
            xfs.AppendChild(Xf(plainFont, numberFormat, right));
            xfs.AppendChild(Xf(boldFont, numberFormat, right));
        }
        return new Stylesheet(formats, fonts, fills, borders, new CellStyleFormats(new CellFormat()), xfs);

        static CellFormat Xf(uint font, uint numberFormat = 0, bool right = false)
        {
            var xf = new CellFormat { FontId = font, FillId = 0, BorderId = 0, NumberFormatId = numberFormat, ApplyFont = true, ApplyNumberFormat = numberFormat != 0 };
            if (right)
            {
                xf.AppendChild(new Alignment { Horizontal = HorizontalAlignmentValues.Right });
                xf.ApplyAlignment = true;
            }
            return xf;
        }

        static Font Font(bool bold, bool italic, double size, bool grey)
        {
            var font = new Font();
            if (bold)
            {
                font.AppendChild(new Bold());
            }
            if (italic)
            {
                font.AppendChild(new Italic());
            }
            font.AppendChild(new FontSize { Val = size });
            font.AppendChild(new Color { Rgb = grey ? "FF6B6B6B" : "FF000000" });
            font.AppendChild(new FontName { Val = "Calibri" });
            return font;
        }
    }

    /// <summary>Wide enough for the heading and the longest value as shown, within reason.</summary>
    private static double Width(ExportTable table, int column)
    {
        var longest = table.Rows.Select(r => Shown(r.Cells[column]).Length).DefaultIfEmpty(0).Max();
        var heading = table.Columns[column].Heading.Length;
        return Math.Clamp(Math.Max(longest + 2, Math.Min(heading, 24) + 2), 8, 60);

        static string Shown(ExportCell cell) => cell switch
        {
            ExportCell.Text t => t.Value,
            ExportCell.Count n => n.Value.ToString("#,##0", CultureInfo.InvariantCulture),
            ExportCell.Percent p => p.Value.ToString("0.0", CultureInfo.InvariantCulture) + "%",
            ExportCell.Date => "2000-01-01",
            _ => SuppressedMark,
        };
    }

    /// <summary>A sheet name is at most 31 characters without []:*?/\ ; cut at a word.</summary>
    private static string SheetName(string title)
    {
        var clean = new string(title.Where(c => "[]:*?/\\'".IndexOf(c, StringComparison.Ordinal) < 0).ToArray()).Trim();
        if (clean.Length <= 31)
        {
            return clean.Length == 0 ? "Tabell" : clean;
        }
        var cut = clean[..31];
        var space = cut.LastIndexOf(' ');
        return space > 10 ? cut[..space] : cut;
    }

    /// <summary>1 → A, 27 → AA.</summary>
    public static string ColumnLetters(int column)
    {
        var letters = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            letters = (char)('A' + (column - 1) % 26) + letters;
        }
        return letters;
    }
}
