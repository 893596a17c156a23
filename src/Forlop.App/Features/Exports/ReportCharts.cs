using System.Globalization;
using ScottPlot;

namespace Forlop.App.Features.Exports;

/// <summary>
/// The monthly report's charts, drawn by ScottPlot as PNG at twice the size they take in the PDF (sharp when
/// printed), in the report's font, each with the 70 % target as a dashed red line.
/// </summary>
public static class ReportCharts
{
    /// <summary>Pixels per PDF point.</summary>
    public const int Scale = 2;

    private static readonly Color Within = Color.FromHex("#2E7D32");
    private static readonly Color Below = Color.FromHex("#E07B00");
    private static readonly Color Line = Color.FromHex("#1F4E79");
    private static readonly Color TargetColor = Color.FromHex("#C62828");

    /// <summary>A bar per pathway: its share within the standard in the month, green when it reaches the target.</summary>
    public static byte[] SharePerPathway(IReadOnlyList<PathwayShare> shares, int widthPoints, int heightPoints)
    {
        using var plot = NewPlot("Andel innenfor standard per pakkeforløp");
        var bars = shares.Select((s, i) => new Bar
        {
            Position = i,
            Value = (double)(s.SharePercent ?? 0),
            FillColor = s.SharePercent >= MonthlyReport.TargetPercent ? Within : Below,
            LineWidth = 0,
            Label = s.SharePercent is { } share ? Percent(share) : "",
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 11;
        plot.Axes.Bottom.SetTicks(
            shares.Select((_, i) => (double)i).ToArray(),
            shares.Select(s => s.Pathway).ToArray());
        plot.Axes.SetLimitsX(-0.6, Math.Max(shares.Count, 1) - 0.4);
        AddTarget(plot);
        return Render(plot, widthPoints, heightPoints);
    }

    /// <summary>A line through the months that had completed pathways; a month without any is left out, not drawn as 0 %.</summary>
    public static byte[] Trend(IReadOnlyList<MonthShare> months, int widthPoints, int heightPoints)
    {
        using var plot = NewPlot("Andel innenfor standard siste tolv måneder, alle pakkeforløp");
        var points = months.Select((m, i) => (X: (double)i, m.SharePercent)).Where(p => p.SharePercent is not null).ToList();
        if (points.Count > 0)
        {
            var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => (double)p.SharePercent!.Value).ToArray());
            line.Color = Line;
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }
        plot.Axes.Bottom.SetTicks(
            months.Select((_, i) => (double)i).ToArray(),
            months.Select(m => MonthlyReport.ShortMonthName(m.Month)).ToArray());
        plot.Axes.SetLimitsX(-0.5, Math.Max(months.Count, 1) - 0.5);
        AddTarget(plot);
        return Render(plot, widthPoints, heightPoints);
    }

    private static Plot NewPlot(string title)
    {
        ReportFonts.EnsureLoaded();
        var plot = new Plot { ScaleFactor = Scale };
        plot.Font.Set(ReportFonts.Family);
        plot.Title(title, size: 13);
        plot.YLabel("Andel innenfor (%)", size: 11);
        // Room above 100 % for the bars' labels.
        plot.Axes.SetLimitsY(0, 118);
        plot.Axes.Left.SetTicks([0, 20, 40, 60, 80, 100], ["0", "20", "40", "60", "80", "100"]);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 10;
        plot.Axes.Left.TickLabelStyle.FontSize = 10;
        plot.Grid.MajorLineColor = Color.FromHex("#E5E5E5");
        return plot;
    }

    private static void AddTarget(Plot plot)
    {
        var target = plot.Add.HorizontalLine((double)MonthlyReport.TargetPercent);
        target.Color = TargetColor;
        target.LineWidth = 1.5f;
        target.LinePattern = LinePattern.Dashed;
        // Labelled in the right margin, where no bar or point can hide it.
        target.Text = "Mål 70 %";
        target.LabelOppositeAxis = true;
        target.LabelFontSize = 10;
        target.LabelBackgroundColor = TargetColor;
        target.LabelFontColor = Colors.White;
    }

    private static byte[] Render(Plot plot, int widthPoints, int heightPoints) =>
        plot.GetImageBytes(widthPoints * Scale, heightPoints * Scale, ImageFormat.Png);

    /// <summary>66,7 %: a Norwegian reader's decimal comma.</summary>
    public static string Percent(decimal share) => share.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',') + " %";
}
