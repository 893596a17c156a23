using Forlop.App.Features.Exports;

namespace Forlop.App.Tests.Features.Exports;

public class ExportTableTests
{
    [Fact]
    public void New_CellOfAnotherKindThanItsColumn_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ExportTable("T", "", ExportTables.Columns,
            [new([new ExportCell.Text("OUS"), new ExportCell.Percent(50m), new ExportCell.Percent(50m), ExportCell.Empty.Instance])]));

        Assert.Contains("'completed'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_RowWithTooFewCells_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new ExportTable("T", "", ExportTables.Columns, [new([new ExportCell.Text("OUS")])]));
    }

    [Fact]
    public void New_SuppressedCellWithoutANote_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ExportTable("T", "", ExportTables.Columns,
            [new([new ExportCell.Text("OUS"), ExportCell.Suppressed.Instance, ExportCell.Empty.Instance, ExportCell.Empty.Instance])]));

        Assert.Contains("note", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_EmptyAndSuppressedCells_FitEveryKindOfColumn()
    {
        var table = ExportTables.EveryKind();

        Assert.Equal(4, table.Rows.Count);
        Assert.IsType<ExportCell.Suppressed>(table.Rows[1].Cells[1]);
        Assert.IsType<ExportCell.Empty>(table.Rows[1].Cells[3]);
    }
}
