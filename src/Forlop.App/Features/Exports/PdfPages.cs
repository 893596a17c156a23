using System.Globalization;
using SkiaSharp;

namespace Forlop.App.Features.Exports;

/// <summary>
/// A PDF's pages (A4) for the reports: lays text, tables and images down the page, starting a new page when the next
/// piece does not fit, with a footer and a page number on each. Text stays text (DejaVu Sans embedded).
/// </summary>
/// <summary>Lays text, tables and images down the page, starting a new page when the next piece does not fit.</summary>
internal sealed class PdfPages(SKDocument document, string footer)
{
    public const float PageWidth = 595.28f, PageHeight = 841.89f, Margin = 48f, FooterHeight = 24f;
    public const float ContentWidth = PageWidth - 2 * Margin;

    public static readonly SKColor Ink = new(0x1A, 0x1A, 0x1A);
    public static readonly SKColor Muted = new(0x5F, 0x63, 0x68);
    private static readonly SKColor HeaderFill = new(0xE7, 0xEC, 0xF2);
    private static readonly SKColor RuleColour = new(0xB0, 0xB7, 0xBF);

    private SKCanvas? _canvas;
    private float _y;
    private int _number;

    private SKCanvas Canvas => _canvas ?? NewPage();

    private const float Bottom = PageHeight - Margin - FooterHeight;

    public void Space(float points) => _y += points;

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit: a heading stays with what follows it.</summary>
    public void KeepTogether(float height) => Ensure(height);

    public void Line(string text, float size, bool bold, SKColor colour)
    {
        using var font = Font(size, bold);
        Ensure(size * 1.45f);
        Draw(text, Margin, _y + size, font, colour);
        _y += size * 1.45f;
    }

    public void Paragraph(string text, float size, SKColor colour)
    {
        using var font = Font(size, bold: false);
        foreach (var line in Wrap(text, font, ContentWidth))
        {
            Ensure(size * 1.4f);
            Draw(line, Margin, _y + size, font, colour);
            _y += size * 1.4f;
        }
    }

    public void Image(byte[] png, float width, float height)
    {
        Ensure(height);
        using var image = SKImage.FromEncodedData(png);
        Canvas.DrawImage(image, SKRect.Create(Margin, _y, width, height), new SKSamplingOptions(SKFilterMode.Linear));
        _y += height;
    }

    public void Table(ExportTable table)
    {
        const float size = 9f, rowHeight = 15f, padding = 4f;
        using var plain = Font(size, bold: false);
        using var bold = Font(size, bold: true);
        var widths = ColumnWidths(table, plain, bold, padding);
        var right = table.Columns.Select(c => c.Kind != ColumnKind.Text).ToArray();

        void Header()
        {
            Ensure(rowHeight * 2);
            using var fill = new SKPaint { Color = HeaderFill, Style = SKPaintStyle.Fill };
            Canvas.DrawRect(SKRect.Create(Margin, _y, ContentWidth, rowHeight), fill);
            Cells(table.Columns.Select(c => c.Heading).ToList(), bold, Ink);
            Rule(_y + rowHeight);
            _y += rowHeight;
        }

        void Cells(IReadOnlyList<string> texts, SKFont font, SKColor colour)
        {
            var x = Margin;
            for (var i = 0; i < texts.Count; i++)
            {
                var text = Fit(texts[i], font, widths[i] - 2 * padding);
                var textX = right[i] ? x + widths[i] - padding - font.MeasureText(text) : x + padding;
                Draw(text, textX, _y + rowHeight - 4.5f, font, colour);
                x += widths[i];
            }
        }

        void Rule(float y)
        {
            using var line = new SKPaint { Color = RuleColour, StrokeWidth = 0.6f, Style = SKPaintStyle.Stroke };
            Canvas.DrawLine(Margin, y, Margin + ContentWidth, y, line);
        }

        // A heading row alone at the foot of a page is no use: start where a few rows fit under it.
        Ensure(rowHeight * (1 + Math.Min(table.Rows.Count, 5)));
        Header();
        foreach (var row in table.Rows)
        {
            if (_y + rowHeight > Bottom)
            {
                NewPage();
                Header();
            }
            if (row.IsTotal)
            {
                Rule(_y);
            }
            Cells(row.Cells.Select(MonthlyReportPdf.Shown).ToList(), row.IsTotal ? bold : plain, Ink);
            _y += rowHeight;
        }
        _y += 3;
        foreach (var note in (table.Note is null ? [] : new[] { table.Note }).Concat(table.Warnings.Select(w => "Merk: " + ExportNotes.Norwegian(w))))
        {
            Paragraph(note, 8, Muted);
        }
    }

    public void Close()
    {
        if (_canvas is not null)
        {
            document.EndPage();
            _canvas = null;
        }
    }

    private void Ensure(float height)
    {
        if (_canvas is null || _y + height > Bottom)
        {
            NewPage();
        }
    }

    private SKCanvas NewPage()
    {
        Close();
        _canvas = document.BeginPage(PageWidth, PageHeight);
        _number++;
        _y = Margin;
        using var font = Font(8, bold: false);
        Draw($"{footer} · side {_number.ToString(CultureInfo.InvariantCulture)}", Margin, PageHeight - Margin + 4, font, Muted);
        return _canvas;
    }

    private void Draw(string text, float x, float baseline, SKFont font, SKColor colour)
    {
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        Canvas.DrawText(text, x, baseline, SKTextAlign.Left, font, paint);
    }

    private static SKFont Font(float size, bool bold) => ReportFonts.Font(size, bold);

    /// <summary>Each column as wide as its widest text; when the table is wider than the page, text columns give way (their text is cut with …).</summary>
    private static float[] ColumnWidths(ExportTable table, SKFont plain, SKFont bold, float padding)
    {
        var widths = table.Columns.Select((c, i) => 2 * padding + Math.Max(
            bold.MeasureText(c.Heading),
            table.Rows.Select(r => (r.IsTotal ? bold : plain).MeasureText(MonthlyReportPdf.Shown(r.Cells[i]))).DefaultIfEmpty(0).Max())).ToArray();
        var excess = widths.Sum() - ContentWidth;
        if (excess > 0)
        {
            var text = Enumerable.Range(0, widths.Length).Where(i => table.Columns[i].Kind == ColumnKind.Text).ToList();
            var textWidth = text.Sum(i => widths[i]);
            foreach (var i in text)
            {
                widths[i] = Math.Max(30, widths[i] - excess * widths[i] / textWidth);
            }
        }
        else
        {
            // Spread the room left over the text columns, so the table spans the page.
            var text = Enumerable.Range(0, widths.Length).Where(i => table.Columns[i].Kind == ColumnKind.Text).DefaultIfEmpty(widths.Length - 1).ToList();
            foreach (var i in text)
            {
                widths[i] += -excess / text.Count;
            }
        }
        return widths;
    }

    private static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }
        for (var length = text.Length - 1; length > 0; length--)
        {
            var cut = text[..length].TrimEnd() + "…";
            if (font.MeasureText(cut) <= width)
            {
                return cut;
            }
        }
        return "…";
    }

    private static IEnumerable<string> Wrap(string text, SKFont font, float width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && font.MeasureText(candidate) > width)
            {
                yield return line;
                line = word;
            }
            else
            {
                line = candidate;
            }
        }
        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
