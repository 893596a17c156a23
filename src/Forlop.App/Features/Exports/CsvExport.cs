using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using NodaTime.Text;

namespace Forlop.App.Features.Exports;

/// <summary>
/// An export as CSV for programs and spreadsheets: RFC 4180 with commas, UTF-8 with a byte-order mark (without it
/// Excel reads æ, ø and å as two Latin-1 characters each), the columns' machine names as header.
/// Numbers are invariant whatever the server's culture: counts as plain digits, percent with one decimal and
/// <c>.</c> as the decimal separator (<c>66.7</c>), dates as <c>YYYY-MM-DD</c>; empty and suppressed cells are
/// empty fields, as in the interchange contract's public report. Title and note are not in the file: a CSV is
/// data only. A Norwegian Excel expects semicolons and decimal commas: <see cref="WriteForNorwegianExcel"/> writes
/// the file people download from the pages (<c>format=csv-nb</c>), this one stays the API's and the command line's.
/// </summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>UTF-8 with a byte-order mark.</summary>
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static void Write(ExportTable table, Stream output)
    {
        using var writer = new StreamWriter(output, Encoding, leaveOpen: true);
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" });
        foreach (var column in table.Columns)
        {
            csv.WriteField(column.Name);
        }
        csv.NextRecord();
        foreach (var row in table.Rows)
        {
            foreach (var cell in row.Cells)
            {
                csv.WriteField(Format(cell));
            }
            csv.NextRecord();
        }
    }

    public static byte[] ToBytes(ExportTable table)
    {
        using var buffer = new MemoryStream();
        Write(table, buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// The file for people: what a Norwegian Excel opens into columns with a double click. Semicolons (Excel takes
    /// the list separator of the Windows region, <c>;</c> in Norway), decimal commas (<c>66,7</c>), the Norwegian
    /// headings of the columns, dates as <c>dd.mm.yyyy</c>, UTF-8 with a byte-order mark. Counts stay plain digits
    /// (a thousands separator would turn them into text); a suppressed cell is <c>–</c>, as in the Excel file.
    /// </summary>
    public static void WriteForNorwegianExcel(ExportTable table, Stream output)
    {
        using var writer = new StreamWriter(output, Encoding, leaveOpen: true);
        using var csv = new CsvWriter(writer, new CsvConfiguration(Norwegian) { Delimiter = ";", NewLine = "\r\n" });
        WriteNorwegianRows(table, csv);
    }

    public static byte[] ToNorwegianExcelBytes(ExportTable table)
    {
        using var buffer = new MemoryStream();
        WriteForNorwegianExcel(table, buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Several tables in one file for a Norwegian Excel (a monthly report: the pathways of the month, then the trend):
    /// each under a line with its title and its own headings, an empty line between them, so a reader sees in one
    /// sheet what the report's PDF shows. Only for people: the technical CSV stays one table per file.
    /// </summary>
    public static byte[] ToNorwegianExcelBytes(IReadOnlyList<ExportTable> tables)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, Encoding, leaveOpen: true))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(Norwegian) { Delimiter = ";", NewLine = "\r\n" }))
        {
            for (var i = 0; i < tables.Count; i++)
            {
                if (i > 0)
                {
                    csv.NextRecord();
                }
                csv.WriteField(tables[i].Title);
                csv.NextRecord();
                WriteNorwegianRows(tables[i], csv);
            }
        }
        return buffer.ToArray();
    }

    private static void WriteNorwegianRows(ExportTable table, CsvWriter csv)
    {
        foreach (var column in table.Columns)
        {
            csv.WriteField(column.Heading);
        }
        csv.NextRecord();
        foreach (var row in table.Rows)
        {
            foreach (var cell in row.Cells)
            {
                csv.WriteField(cell switch
                {
                    ExportCell.Count n => n.Value.ToString(CultureInfo.InvariantCulture),
                    ExportCell.Percent p => p.Value.ToString("0.0", Norwegian),
                    ExportCell.Date d => NorwegianDay.Format(d.Value),
                    ExportCell.Suppressed => XlsxExport.SuppressedMark,
                    _ => Format(cell),
                });
            }
            csv.NextRecord();
        }
    }

    /// <summary>Norwegian number formatting written out (decimal comma) so no server's culture data decides it.</summary>
    private static readonly CultureInfo Norwegian = new(CultureInfo.InvariantCulture.Name)
    {
        NumberFormat = { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00A0" },
    };

    private static readonly LocalDatePattern NorwegianDay = LocalDatePattern.CreateWithInvariantCulture("dd'.'MM'.'yyyy");

    private static string Format(ExportCell cell) => cell switch
    {
        ExportCell.Text t => t.Value,
        ExportCell.Count n => n.Value.ToString(CultureInfo.InvariantCulture),
        ExportCell.Percent p => p.Value.ToString("0.0", CultureInfo.InvariantCulture),
        ExportCell.Date d => LocalDatePattern.Iso.Format(d.Value),
        _ => "",
    };
}
