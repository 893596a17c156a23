using Forlop.Domain.Catalogue;
using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.Domain.Indicators;

/// <summary>The figures of the monitoring dashboard, each one indicator of the catalogue (or a part of one).</summary>
public enum DashboardMeasure
{
    /// <summary><c>started</c>: journeys started.</summary>
    Started,
    /// <summary><c>completed</c>: first starts of a listed treatment.</summary>
    Completed,
    /// <summary><c>completed-within-standard</c>, its count: measured intervals with a standard to compare with.</summary>
    Measured,
    /// <summary><c>completed-within-standard</c>, its numerator: measured intervals within their standard.</summary>
    WithinStandard,
    /// <summary><c>ended-without-treatment</c>.</summary>
    EndedWithoutTreatment,
    /// <summary><c>completed-within-standard</c>, completed without a known standard: counted, outside the share.</summary>
    WithoutStandard,
    /// <summary><c>completed-within-standard</c>: its facts that rest on a pathway code or standard no source confirms (the figure's mark).</summary>
    Unverified,
    /// <summary><c>still-open</c>: open on the last day of the period (kept last: it is summed differently).</summary>
    StillOpen,
}

/// <summary>How a measured interval counts in the share within the standard time.</summary>
public enum IntervalCount
{
    /// <summary>Not an interval of the indicator (another interval, pathway or treatment type).</summary>
    NotCounted,
    /// <summary>The catalogue has no standard for it: completed, outside the share, and named in the table's warnings.</summary>
    NoStandard,
    /// <summary>Counted, longer than the standard.</summary>
    Over,
    /// <summary>Counted, at most the standard.</summary>
    Within,
}

/// <summary>
/// Where one episode counts in the dashboard's figures: the day of each event that puts it in a count, null where it
/// counts in none. <see cref="OpenFrom"/>–<see cref="OpenUntil"/> is when it is still open (from its start up to, not
/// including, its end; <see cref="OpenUntil"/> null for an episode that is open today). Dates, not periods: the same
/// episode counts in every period that holds the date.
/// </summary>
public readonly record struct EpisodeCounts(
    LocalDate? Started,
    LocalDate? Completed,
    LocalDate? EndedWithoutTreatment,
    LocalDate? OpenFrom,
    LocalDate? OpenUntil);

/// <summary>
/// The dashboard's indicators as the catalogue defines them (<c>started</c>, <c>completed</c>,
/// <c>completed-within-standard</c>, <c>ended-without-treatment</c>, <c>still-open</c>), applied to one episode or one
/// interval at a time so that figures can be kept per month and summed into any period. These are
/// <see cref="IndicatorComputation"/>'s rules for those kinds, stated per fact: a count counts an episode in a period
/// when the date given here lies in it; an episode is still open at a period's end when that day lies in
/// [<see cref="EpisodeCounts.OpenFrom"/>, <see cref="EpisodeCounts.OpenUntil"/>). The figures equal the computation's
/// for every period (tests/Forlop.App.Tests/Features/Dashboards).
/// </summary>
public sealed class DashboardIndicators
{
    public const string StartedId = "started";
    public const string CompletedId = "completed";
    public const string WithinStandardId = "completed-within-standard";
    public const string EndedWithoutTreatmentId = "ended-without-treatment";
    public const string StillOpenId = "still-open";

    private readonly Dictionary<string, (Pathway Pathway, Coverage Covered)> _pathways;

    private DashboardIndicators(IndicatorDefinition started, IndicatorDefinition completed, IndicatorDefinition withinStandard,
        IndicatorDefinition endedWithoutTreatment, IndicatorDefinition stillOpen, PathwayCatalogue catalogue)
    {
        Started = started;
        Completed = completed;
        WithinStandard = withinStandard;
        EndedWithoutTreatment = endedWithoutTreatment;
        StillOpen = stillOpen;
        _pathways = catalogue.Pathways.ToDictionary(p => p.Code.Value, p => (p, Cover(p)), StringComparer.Ordinal);
    }

    public IndicatorDefinition Started { get; }
    public IndicatorDefinition Completed { get; }
    public IndicatorDefinition WithinStandard { get; }
    public IndicatorDefinition EndedWithoutTreatment { get; }
    public IndicatorDefinition StillOpen { get; }

    /// <summary>The interval the share within the standard time measures (OF4).</summary>
    public string Interval => WithinStandard.Intervals[0];

    /// <summary>The definitions of the catalogue, checked to be of the kinds these rules implement.</summary>
    public static DashboardIndicators From(IndicatorCatalogue indicators, PathwayCatalogue catalogue)
    {
        IndicatorDefinition Find(string id, IndicatorKind kind, CountedEpisodes counting)
        {
            var definition = indicators.Find(id) ?? throw new ArgumentException($"the indicator catalogue has no '{id}', which the dashboard shows", nameof(indicators));
            if (definition.Kind != kind || (kind == IndicatorKind.Count && definition.Counting != counting))
            {
                throw new ArgumentException($"the dashboard counts '{id}' as {kind} {counting}, but the catalogue defines it as {definition.Kind} {definition.Counting}", nameof(indicators));
            }
            return definition;
        }
        var within = Find(WithinStandardId, IndicatorKind.ShareWithinStandard, CountedEpisodes.None);
        if (within.Intervals.Count != 1)
        {
            throw new ArgumentException($"the dashboard shows the share within the standard of one interval, but '{WithinStandardId}' lists {within.Intervals.Count}", nameof(indicators));
        }
        return new DashboardIndicators(
            Find(StartedId, IndicatorKind.Count, CountedEpisodes.Started),
            Find(CompletedId, IndicatorKind.Count, CountedEpisodes.Completed),
            within,
            Find(EndedWithoutTreatmentId, IndicatorKind.Count, CountedEpisodes.EndedWithoutTreatment),
            Find(StillOpenId, IndicatorKind.Count, CountedEpisodes.StillOpen),
            catalogue);
    }

    /// <summary>The definition a measure belongs to.</summary>
    public IndicatorDefinition Definition(DashboardMeasure measure) => measure switch
    {
        DashboardMeasure.Started => Started,
        DashboardMeasure.Completed => Completed,
        DashboardMeasure.Measured or DashboardMeasure.WithinStandard or DashboardMeasure.WithoutStandard or DashboardMeasure.Unverified => WithinStandard,
        DashboardMeasure.EndedWithoutTreatment => EndedWithoutTreatment,
        DashboardMeasure.StillOpen => StillOpen,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "no such measure"),
    };

    /// <summary>Whether the measure's indicator covers the pathway (its family is listed and it is not excluded).</summary>
    public bool Covers(DashboardMeasure measure, string pathway) =>
        _pathways.TryGetValue(pathway, out var p) && (p.Covered & Bit(measure)) != 0;

    /// <summary>Where the episode counts (see <see cref="EpisodeCounts"/>).</summary>
    public EpisodeCounts Count(EpisodeFacts e)
    {
        if (!_pathways.TryGetValue(e.Pathway, out var p))
        {
            return default;
        }
        var covered = p.Covered;
        // A start that continues a transfer is not a new journey.
        LocalDate? started = (covered & Coverage.Started) != 0 && !e.ContinuesTransfer ? e.StartDate : null;
        LocalDate? completed = (covered & Coverage.Completed) != 0 && e.TreatmentDate is { } t && Completed.Treatments.Contains(e.Treatment) ? t : null;
        LocalDate? ended = (covered & Coverage.EndedWithoutTreatment) != 0 && e.EndDate is { } end
            && (e.State is EpisodeState.EndedByDecision or EpisodeState.Stopped
                || (e.State == EpisodeState.TreatmentStarted && EndedWithoutTreatment.Treatments.Contains(e.Treatment)))
            ? end
            : null;
        // Open on a day: started by then and not ended by then (an episode with no end date is open only in an open state).
        var open = (covered & Coverage.StillOpen) != 0 && (e.EndDate is not null || e.IsOpen);
        return new EpisodeCounts(started, completed, ended, open ? e.StartDate : null, open ? e.EndDate : null);
    }

    /// <summary>How a measured interval counts in the share within the standard time, against the standard in force on its seniority date.</summary>
    public IntervalCount Count(IntervalFacts i) => Measure(i).Count;

    /// <summary>
    /// How a measured interval counts, and whether it rests on a pathway or a standard that no source confirms
    /// (as <see cref="IndicatorComputation"/> marks a figure <see cref="IndicatorFigure.Unverified"/>).
    /// </summary>
    public (IntervalCount Count, bool Unverified) Measure(IntervalFacts i)
    {
        var definition = WithinStandard;
        if (!_pathways.TryGetValue(i.Pathway, out var p) || (p.Covered & Coverage.Measured) == 0
            || !string.Equals(i.Interval, Interval, StringComparison.Ordinal)
            || (definition.Treatments.Count > 0 && !definition.Treatments.Contains(i.Treatment)))
        {
            return (IntervalCount.NotCounted, false);
        }
        var standard = p.Pathway.Interval(i.Interval)?.StandardOn(i.SeniorityDate, i.Treatment, i.Setting != CareSetting.Any ? i.Setting : definition.Setting);
        var unverified = !p.Pathway.Provenance.Verified || standard is { Provenance.Verified: false };
        return (standard is null ? IntervalCount.NoStandard : i.Length <= standard.Limit ? IntervalCount.Within : IntervalCount.Over, unverified);
    }

    /// <summary>Whether a pathway's code is one no source confirms yet (catalogue <c>verified: false</c>).</summary>
    public bool IsUnverified(string pathway) => _pathways.TryGetValue(pathway, out var p) && !p.Pathway.Provenance.Verified;

    private Coverage Cover(Pathway pathway) =>
        (Started.Covers(pathway) ? Coverage.Started : 0)
        | (Completed.Covers(pathway) ? Coverage.Completed : 0)
        | (WithinStandard.Covers(pathway) ? Coverage.Measured | Coverage.WithinStandard | Coverage.WithoutStandard | Coverage.Unverified : 0)
        | (EndedWithoutTreatment.Covers(pathway) ? Coverage.EndedWithoutTreatment : 0)
        | (StillOpen.Covers(pathway) ? Coverage.StillOpen : 0);

    private static Coverage Bit(DashboardMeasure measure) => (Coverage)(1 << (int)measure);

    [Flags]
    private enum Coverage
    {
        // One bit per measure, at the measure's number (Bit).
        Started = 1,
        Completed = 2,
        Measured = 4,
        WithinStandard = 8,
        EndedWithoutTreatment = 16,
        WithoutStandard = 32,
        Unverified = 64,
        StillOpen = 128,
    }
}
