using SkiaSharp;

namespace Forlop.App.Features.Exports;

/// <summary>
/// The typeface of the PDF reports and their charts: DejaVu Sans, regular and bold, shipped in
/// <c>Features/Exports/Fonts</c> (Bitstream Vera licence, see the LICENSE there) and copied to <c>fonts/</c> beside
/// the program, so æ, ø and å render the same on every server, with or without fonts installed.
/// </summary>
/// <remarks>
/// Skia embeds each font whole (≈ 380 kB compressed), so a report is about 0.8 MB. A real bold face all the same:
/// emboldening the regular one makes Skia write every bold glyph as an outline, which costs more.
/// </remarks>
public static class ReportFonts
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)> Typefaces = new(Load);

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "fonts");

    /// <summary>Loads the font files once and registers them with ScottPlot; a missing file fails here with its path.</summary>
    public static void EnsureLoaded() => _ = Typefaces.Value;

    public static SKFont Font(float size, bool bold) => new(bold ? Typefaces.Value.Bold : Typefaces.Value.Regular, size);

    private static (SKTypeface Regular, SKTypeface Bold) Load()
    {
        var regular = Path.Combine(Directory, "DejaVuSans.ttf");
        var bold = Path.Combine(Directory, "DejaVuSans-Bold.ttf");
        foreach (var file in new[] { regular, bold })
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"the report font {file} is missing: the build copies it from src/Forlop.App/Features/Exports/Fonts", file);
            }
        }
        // Charts are drawn by ScottPlot, which looks fonts up by name and weight: register ours under the family name.
        ScottPlot.Fonts.AddFontFile(Family, regular, bold: false, italic: false);
        ScottPlot.Fonts.AddFontFile(Family, bold, bold: true, italic: false);
        return (SKTypeface.FromFile(regular) ?? throw new InvalidOperationException($"{regular} is not a font Skia can read"),
                SKTypeface.FromFile(bold) ?? throw new InvalidOperationException($"{bold} is not a font Skia can read"));
    }
}
