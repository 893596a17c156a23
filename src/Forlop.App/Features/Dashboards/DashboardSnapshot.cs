using Forlop.Domain;
using System.Globalization;
using Forlop.App.Features.Indicators;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Reporting;
using NodaTime;

namespace Forlop.App.Features.Dashboards;

/// <summary>
/// The dashboard's figures of one cell: a pathway (or <c>ALL</c>) at an organisation in a month or period. Each is a
/// count of the catalogue's indicator of the same name; <see cref="Measured"/> and <see cref="WithinStandard"/> are the
/// count and numerator of <c>completed-within-standard</c>, <see cref="WithoutStandard"/> its completed pathways whose
/// standard the catalogue does not know (outside the share). A figure whose indicator does not cover the pathway is 0
/// (see <see cref="DashboardSnapshot.Covers"/>). Counts only: never a person.
/// </summary>
public readonly record struct DashboardFigures(int Started, int Completed, int Measured, int WithinStandard, int EndedWithoutTreatment, int StillOpen,
    int WithoutStandard = 0, int Unverified = 0)
{
    /// <summary>Completed as the share within the standard counts them: measured, and those without a standard (interchange.md, report).</summary>
    public int CompletedWithOrWithoutStandard => Measured + WithoutStandard;

    /// <summary>Within over measured in percent, one decimal, rounded half away from zero (as <see cref="IndicatorFigure.SharePercent"/>); null when none was measured.</summary>
    public string? SharePercent => Measured > 0
        ? Math.Round(100m * WithinStandard / Measured, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture)
        : null;

    public int this[DashboardMeasure measure] => measure switch
    {
        DashboardMeasure.Started => Started,
        DashboardMeasure.Completed => Completed,
        DashboardMeasure.Measured => Measured,
        DashboardMeasure.WithinStandard => WithinStandard,
        DashboardMeasure.EndedWithoutTreatment => EndedWithoutTreatment,
        DashboardMeasure.WithoutStandard => WithoutStandard,
        DashboardMeasure.Unverified => Unverified,
        DashboardMeasure.StillOpen => StillOpen,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "no such measure"),
    };
}

/// <summary>One line of the grid: a pathway (or <c>ALL</c>) at an organisation (null: the nation), its figures month by month.</summary>
public sealed record DashboardRow(string Pathway, OrganisationLevel Level, string? Organisation, string? Parent, IReadOnlyList<DashboardFigures> Months);

/// <summary>
/// The full dashboard: every pathway × organisation of a level × month from <see cref="First"/>, with the national
/// rows last. <see cref="RegistryVersion"/> is the newest event the figures include (an ETag for pages and caches).
/// </summary>
public sealed record DashboardGrid(YearMonth First, int MonthCount, OrganisationLevel Level, long RegistryVersion, IReadOnlyList<DashboardRow> Rows);

/// <summary>
/// The dashboard's figures as the registry stood at one moment (<see cref="RegistryVersion"/>): every pathway and all
/// pathways together, at every organisation level, month by month, from which any month, tertial, quarter or year is
/// summed. Immutable, so pages read it while the next one is made. Gives the figures of
/// <see cref="IndicatorService"/>'s current cubes (<see cref="Cube"/>), not the published figures of locked periods.
/// </summary>
public sealed class DashboardSnapshot
{
    private readonly DashboardIndicators _indicators;
    private readonly PathwayCatalogue _pathways;
    private readonly int _first;
    private readonly int _span;
    private readonly List<Series> _series;
    private readonly Dictionary<(string Pathway, OrganisationLevel Level, string? Organisation), int> _index;
    private readonly Dictionary<string, string> _rhfOfHf;
    private readonly List<((string Pathway, TreatmentType Treatment) Key, int[] Counts)> _noStandard;

    private sealed record Series(string Pathway, OrganisationLevel Level, string? Organisation, string? Parent, int[] Counts);

    internal DashboardSnapshot(long registryVersion, DashboardTally tally, DashboardIndicators indicators, PathwayCatalogue pathways)
    {
        RegistryVersion = registryVersion;
        Episodes = tally.Episodes;
        _indicators = indicators;
        _pathways = pathways;
        _first = tally.FirstMonth;
        _span = tally.MonthSpan;
        _series = [];
        _index = [];
        _rhfOfHf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var s = 0; s < tally.Slots.Count; s++)
        {
            var slot = tally.Slots[s];
            var counts = tally.Counts[s];
            _rhfOfHf[slot.Hf] = slot.Rhf;
            foreach (var pathway in new[] { slot.Pathway, IndicatorFigure.AllPathways })
            {
                Add(pathway, OrganisationLevel.Unit, slot.Unit, slot.Hf, counts);
                Add(pathway, OrganisationLevel.Hf, slot.Hf, slot.Rhf, counts);
                Add(pathway, OrganisationLevel.Rhf, slot.Rhf, null, counts);
                Add(pathway, OrganisationLevel.Nation, null, null, counts);
            }
        }
        // Still open in a month: the openings and closings up to and including it.
        var open = (int)DashboardMeasure.StillOpen * _span;
        foreach (var series in _series)
        {
            for (var m = 1; m < _span; m++)
            {
                series.Counts[open + m] += series.Counts[open + m - 1];
            }
        }
        _noStandard = tally.NoStandard.Select(kv => (kv.Key, (int[])kv.Value.Clone())).ToList();
    }

    private void Add(string pathway, OrganisationLevel level, string? organisation, string? parent, int[] counts)
    {
        if (!_index.TryGetValue((pathway, level, organisation), out var i))
        {
            i = _series.Count;
            _index[(pathway, level, organisation)] = i;
            _series.Add(new Series(pathway, level, organisation, parent, new int[counts.Length]));
        }
        var target = _series[i].Counts;
        for (var k = 0; k < counts.Length; k++)
        {
            target[k] += counts[k];
        }
    }

    /// <summary>The id of the newest event these figures include.</summary>
    public long RegistryVersion { get; }

    /// <summary>How many stored episodes the figures are counted from.</summary>
    public int Episodes { get; }

    /// <summary>The first and last month anything is counted in; null while the registry is empty.</summary>
    public (YearMonth First, YearMonth Last)? Months => _span == 0 ? null : (Month(_first), Month(_first + _span - 1));

    /// <summary>Whether a figure's indicator covers the pathway (else the figure is 0 by definition, not by count).</summary>
    public bool Covers(DashboardMeasure measure, string pathway) =>
        string.Equals(pathway, IndicatorFigure.AllPathways, StringComparison.Ordinal) || _indicators.Covers(measure, pathway);

    /// <summary>The organisations of a level that have figures, in code order.</summary>
    public IReadOnlyList<string> Organisations(OrganisationLevel level) =>
        _series.Where(s => s.Level == level && s.Organisation is not null).Select(s => s.Organisation!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The pathways that have figures, in code order (without <c>ALL</c>).</summary>
    public IReadOnlyList<string> Pathways =>
        _series.Where(s => s.Level == OrganisationLevel.Nation && !string.Equals(s.Pathway, IndicatorFigure.AllPathways, StringComparison.Ordinal))
            .Select(s => s.Pathway).Order(StringComparer.Ordinal).ToList();

    /// <summary>A cell's figures in one month (organisation null for the nation).</summary>
    public DashboardFigures Figures(string pathway, OrganisationLevel level, string? organisation, YearMonth month)
    {
        var m = DashboardTally.MonthNumber(month.Year, month.Month);
        return Figures(pathway, level, organisation, m, m);
    }

    /// <summary>A cell's figures in a period: counts summed over its months, still open on its last day.</summary>
    public DashboardFigures Figures(string pathway, OrganisationLevel level, string? organisation, ReportingPeriod period)
    {
        var (from, to) = MonthsOf(period);
        return Figures(pathway, level, organisation, from, to);
    }

    /// <summary>
    /// The full dashboard: <paramref name="months"/> months from <paramref name="first"/> for every pathway and
    /// <c>ALL</c> at the organisations of <paramref name="level"/> that pass the filter (as <see cref="IndicatorCube.At"/>
    /// selects them), then the national rows of the same pathways. Rows with no count in the whole registry are left out.
    /// </summary>
    public DashboardGrid Grid(YearMonth first, int months, OrganisationLevel level, IndicatorFilter filter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        var from = DashboardTally.MonthNumber(first.Year, first.Month);
        var rows = new List<DashboardRow>();
        foreach (var nation in new[] { false, true })
        {
            if (nation && level == OrganisationLevel.Nation)
            {
                break;
            }
            foreach (var series in _series.Where(s => (nation ? s.Level == OrganisationLevel.Nation : s.Level == level) && Selects(s, filter, nation))
                         .OrderBy(s => string.Equals(s.Pathway, IndicatorFigure.AllPathways, StringComparison.Ordinal) ? 1 : 0)
                         .ThenBy(s => s.Pathway, StringComparer.Ordinal)
                         .ThenBy(s => s.Organisation ?? "", StringComparer.Ordinal))
            {
                var cells = new DashboardFigures[months];
                for (var m = 0; m < months; m++)
                {
                    cells[m] = At(series.Counts, from + m, from + m);
                }
                rows.Add(new DashboardRow(series.Pathway, series.Level, series.Organisation, series.Parent, cells));
            }
        }
        return new DashboardGrid(first, months, level, RegistryVersion, rows);
    }

    /// <summary>
    /// One of the dashboard's indicators for a period as a cube of every level, pathway and <c>ALL</c>, figure for
    /// figure what <see cref="IndicatorService.ComputeCurrentCubeAsync"/> gives (suppression, tables and exports take
    /// it as they take that one). The period must be whole months, as every <see cref="ReportingPeriod"/> is.
    /// </summary>
    public IndicatorCube Cube(string indicatorId, ReportingPeriod period)
    {
        var (from, to) = MonthsOf(period);
        var definition = indicatorId switch
        {
            DashboardIndicators.StartedId => _indicators.Started,
            DashboardIndicators.CompletedId => _indicators.Completed,
            DashboardIndicators.WithinStandardId => _indicators.WithinStandard,
            DashboardIndicators.EndedWithoutTreatmentId => _indicators.EndedWithoutTreatment,
            DashboardIndicators.StillOpenId => _indicators.StillOpen,
            _ => throw new ArgumentException($"the dashboard does not count '{indicatorId}'", nameof(indicatorId)),
        };
        var share = definition.Kind == IndicatorKind.ShareWithinStandard;
        var measure = indicatorId switch
        {
            DashboardIndicators.StartedId => DashboardMeasure.Started,
            DashboardIndicators.CompletedId => DashboardMeasure.Completed,
            DashboardIndicators.WithinStandardId => DashboardMeasure.Measured,
            DashboardIndicators.EndedWithoutTreatmentId => DashboardMeasure.EndedWithoutTreatment,
            _ => DashboardMeasure.StillOpen,
        };
        var figures = new List<IndicatorFigure>();
        foreach (var series in _series)
        {
            var cell = At(series.Counts, from, to);
            if (cell[measure] > 0 || (share && cell.WithoutStandard > 0))
            {
                figures.Add(new IndicatorFigure(series.Pathway, series.Level, series.Organisation, series.Parent, null, null,
                    cell[measure], share ? cell.WithinStandard : null, null,
                    WithoutStandard: share ? cell.WithoutStandard : null, Unverified: share && cell.Unverified > 0));
            }
        }
        // The national total is always there, even when nothing was counted (as IndicatorComputation gives it).
        if (!figures.Exists(f => f.Level == OrganisationLevel.Nation && string.Equals(f.Pathway, IndicatorFigure.AllPathways, StringComparison.Ordinal)))
        {
            figures.Add(new IndicatorFigure(IndicatorFigure.AllPathways, OrganisationLevel.Nation, null, null, null, null, 0, share ? 0 : null, null,
                WithoutStandard: share ? 0 : null));
        }
        // A count rests on an unverified pathway when one counted in it is; the share knows it per fact (DashboardMeasure.Unverified).
        if (!share)
        {
            var marked = figures.Where(f => !string.Equals(f.Pathway, IndicatorFigure.AllPathways, StringComparison.Ordinal) && _indicators.IsUnverified(f.Pathway))
                .Select(f => (f.Level, f.Organisation)).ToHashSet();
            figures = figures.Select(f => f with
            {
                Unverified = string.Equals(f.Pathway, IndicatorFigure.AllPathways, StringComparison.Ordinal) ? marked.Contains((f.Level, f.Organisation)) : _indicators.IsUnverified(f.Pathway),
            }).ToList();
        }
        var ordered = figures
            .OrderBy(f => f.Level)
            .ThenBy(f => string.Equals(f.Pathway, IndicatorFigure.AllPathways, StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(f => f.Pathway, StringComparer.Ordinal)
            .ThenBy(f => f.Organisation ?? "", StringComparer.Ordinal)
            .ToList();
        var unit = _pathways.Pathways.Where(definition.Covers).Select(p => p.Unit).FirstOrDefault();
        return new IndicatorCube(definition, period, unit, ordered, share ? NoStandardWarnings(from, to) : []);
    }

    /// <summary>The warnings of the share within the standard: measured intervals the catalogue has no standard for (as IndicatorComputation words them).</summary>
    private List<string> NoStandardWarnings(int from, int to)
    {
        var missing = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var interval = _indicators.Interval;
        foreach (var ((pathway, treatment), counts) in _noStandard)
        {
            var sum = 0;
            for (var m = Math.Max(from, _first); m <= Math.Min(to, _first + _span - 1); m++)
            {
                sum += counts[m - _first];
            }
            if (sum > 0)
            {
                var key = treatment == TreatmentType.None ? $"{interval} of {pathway}" : $"{interval} of {pathway} ({EnumNames.Of(treatment)})";
                missing[key] = missing.GetValueOrDefault(key) + sum;
            }
        }
        return missing.Select(kv => $"{kv.Value} measured {kv.Key} without a standard in the catalogue: counted, but outside the share").ToList();
    }

    private DashboardFigures Figures(string pathway, OrganisationLevel level, string? organisation, int from, int to) =>
        _index.TryGetValue((pathway, level, level == OrganisationLevel.Nation ? null : organisation), out var i) ? At(_series[i].Counts, from, to) : default;

    /// <summary>Counts summed over the months from–to; still open in the last of them.</summary>
    private DashboardFigures At(int[] counts, int from, int to)
    {
        Span<int> sums = stackalloc int[DashboardTally.Measures];
        var first = Math.Max(from, _first) - _first;
        var last = Math.Min(to, _first + _span - 1) - _first;
        for (var measure = 0; measure < (int)DashboardMeasure.StillOpen; measure++)
        {
            var row = measure * _span;
            for (var m = first; m <= last; m++)
            {
                sums[measure] += counts[row + m];
            }
        }
        // After the last month kept nothing opens or closes any more: the count stays.
        var open = to < _first || _span == 0 ? 0 : counts[(int)DashboardMeasure.StillOpen * _span + Math.Min(to, _first + _span - 1) - _first];
        return new DashboardFigures(sums[0], sums[1], sums[2], sums[3], sums[4], open, sums[(int)DashboardMeasure.WithoutStandard], sums[(int)DashboardMeasure.Unverified]);
    }

    private bool Selects(Series series, IndicatorFilter filter, bool nation)
    {
        if (filter.Pathway is not null && !string.Equals(series.Pathway, filter.Pathway, StringComparison.Ordinal))
        {
            return false;
        }
        if (nation || filter.Organisation is not { } organisation)
        {
            return true;
        }
        return string.Equals(series.Organisation, organisation, StringComparison.Ordinal)
            || string.Equals(series.Parent, organisation, StringComparison.Ordinal)
            // A unit under an HF of the RHF asked for.
            || (series.Level == OrganisationLevel.Unit && series.Parent is { } hf && _rhfOfHf.TryGetValue(hf, out var rhf) && string.Equals(rhf, organisation, StringComparison.Ordinal));
    }

    private static (int From, int To) MonthsOf(ReportingPeriod period)
    {
        if (period.Start.Day != 1 || period.End.Day != period.End.Calendar.GetDaysInMonth(period.End.Year, period.End.Month))
        {
            throw new ArgumentException($"{period.Text} is not whole months", nameof(period));
        }
        return (DashboardTally.MonthNumber(period.Start), DashboardTally.MonthNumber(period.End));
    }

    private static YearMonth Month(int number) => new(number / 12, number % 12 + 1);
}
