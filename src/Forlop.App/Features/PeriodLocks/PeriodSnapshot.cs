using Forlop.Domain;
using System.Text.Json;
using System.Text.Json.Serialization;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Reporting;

namespace Forlop.App.Features.PeriodLocks;

/// <summary>
/// The figures of a period as they stood when it was locked: every indicator's whole cube (every level, every
/// pathway, unsuppressed), stored as JSON in <c>period_locks.snapshot</c>. Reports of the period are read from it,
/// so the published figures stay reproducible whatever is corrected afterwards.
/// </summary>
public sealed record PeriodSnapshot(int Version, string Period, IReadOnlyList<PeriodSnapshot.Indicator> Indicators)
{
    public const int CurrentVersion = 1;

    public sealed record Indicator(string Id, string Unit, IReadOnlyList<Figure> Figures, IReadOnlyList<string> Warnings);

    /// <summary>
    /// A stored figure: the stable shape of <see cref="IndicatorFigure"/> in the snapshot. Locks made before the
    /// pathways without a standard were counted hold no <see cref="WithoutStandard"/>: their shares counted none (0).
    /// </summary>
    public sealed record Figure(string Pathway, string Level, string? Organisation, string? Parent, string? Interval, string? Treatment,
        int? Count, int? Numerator, decimal? P25, decimal? Median, decimal? P75, int? WithoutStandard = null, bool Unverified = false)
    {
        public static Figure Of(IndicatorFigure f) => new(f.Pathway, EnumNames.Of(f.Level), f.Organisation, f.Parent, f.Interval, f.Treatment,
            f.Count, f.Numerator, f.Quartiles?.P25, f.Quartiles?.Median, f.Quartiles?.P75, f.WithoutStandard, f.Unverified);

        public IndicatorFigure ToFigure(IndicatorKind kind) => new(Pathway,
            EnumNames.TryParse<OrganisationLevel>(Level, out var level) ? level : throw new InvalidOperationException($"a period lock holds an unknown level '{Level}'"),
            Organisation, Parent, Interval, Treatment, Count, Numerator,
            P25 is { } p25 && Median is { } median && P75 is { } p75 ? new IntervalQuartiles(p25, median, p75) : null,
            WithoutStandard: kind == IndicatorKind.ShareWithinStandard ? WithoutStandard ?? 0 : null,
            Unverified: Unverified);
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static PeriodSnapshot Of(ReportingPeriod period, IEnumerable<IndicatorCube> cubes) =>
        new(CurrentVersion, period.Text, cubes.Select(c => new Indicator(c.Definition.Id, EnumNames.Of(c.Unit), c.Figures.Select(Figure.Of).ToList(), c.Warnings)).ToList());

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PeriodSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<PeriodSnapshot>(json, Json) ?? throw new InvalidOperationException("a period lock holds no snapshot");

    /// <summary>The published cube of an indicator (final, not provisional); null when the indicator was defined after the lock.</summary>
    public IndicatorCube? Cube(IndicatorDefinition definition, ReportingPeriod period)
    {
        var stored = Indicators.FirstOrDefault(i => string.Equals(i.Id, definition.Id, StringComparison.Ordinal));
        return stored is null ? null : new IndicatorCube(definition, period,
            EnumNames.TryParse<TimeUnit>(stored.Unit, out var unit) ? unit : TimeUnit.Days,
            stored.Figures.Select(f => f.ToFigure(definition.Kind)).ToList(), stored.Warnings, Provisional: false);
    }
}
