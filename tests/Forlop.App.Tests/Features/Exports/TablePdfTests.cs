using Forlop.App.Features.Exports;
using NodaTime;
using UglyToad.PdfPig;

namespace Forlop.App.Tests.Features.Exports;

/// <summary>Any table as a PDF, read back with PdfPig: title, the day it was made, figures as a Norwegian reads them, notes in bokmål.</summary>
public class TablePdfTests
{
    [Fact]
    public void TablePdf_HoldsTitleTableAndNorwegianNotes()
    {
        var source = ExportTables.EveryKind();
        var table = new ExportTable(source.Title, source.Subtitle, source.Columns, source.Rows, source.Note,
            ["3 completed A01 surgery pathway(s) not counted: the catalogue has no OF4 standard for them"]);

        using var pdf = PdfDocument.Open(TablePdf.ToBytes(table, new LocalDate(2026, 12, 4)));
        var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));

        Assert.Equal("Andel innenfor – Førde og Østfold", pdf.Information.Title);
        Assert.Contains("Laget 04.12.2026", text, StringComparison.Ordinal);
        Assert.Contains("Helseforetak", text, StringComparison.Ordinal);
        // 1 234 with a space between thousands, 66,7 % with a decimal comma.
        Assert.Contains("1 234", text.Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.Contains("66,7", text, StringComparison.Ordinal);
        Assert.Contains("kirurgisk behandling", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not counted", text, StringComparison.Ordinal);
    }
}
