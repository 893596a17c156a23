using Forlop.Domain;
using Forlop.App.Hosting;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Indicators;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Dashboards;

/// <summary>Which episodes of a share-within-standard figure: all it counts (the number completed), those within, or those over.</summary>
public enum FigureSubset
{
    Completed,
    Within,
    Over,
    /// <summary>Completed, but the catalogue has no standard for them: outside the share.</summary>
    WithoutStandard,
}

/// <summary>
/// A figure of the dashboard to drill into: a share-within-standard indicator's count at an HF or a unit, for a
/// pathway or <c>ALL</c>, in a period.
/// </summary>
public sealed record FigureSelection(
    string Indicator,
    ReportingPeriod Period,
    OrganisationLevel Level,
    string Organisation,
    string Pathway,
    FigureSubset Subset,
    int Page = 1,
    int PageSize = 50,
    DrillSort Sort = DrillSort.Reached,
    bool Descending = false)
{
    public const int MaxPageSize = 200;

    /// <summary>What is wrong with the choice, by field; empty when the figure exists to be drilled into.</summary>
    public static Dictionary<string, string[]> Check(string indicator, OrganisationLevel level, string organisation, string pathway,
        IndicatorCatalogue indicators, OrganisationDirectory organisations, PathwayCatalogue pathways)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (indicators.Find(indicator) is not { Kind: IndicatorKind.ShareWithinStandard })
        {
            errors["indicator"] = [$"'{indicator}' is not a share within the standard time: use one of " +
                string.Join(", ", indicators.All.Where(i => i.Kind == IndicatorKind.ShareWithinStandard).Select(i => i.Id))];
        }
        var found = organisations.Find(organisation);
        var fits = level switch
        {
            OrganisationLevel.Hf => found?.Kind is OrganisationKind.Hf or OrganisationKind.Ideell,
            // An HF registering in its own name counts as a unit of itself, as in the indicators.
            OrganisationLevel.Unit => found is not null && organisations.HfOf(organisation) is not null,
            _ => false,
        };
        if (!fits)
        {
            errors[level == OrganisationLevel.Unit ? "unit" : "hf"] = [$"'{organisation}' is not a known {(level == OrganisationLevel.Unit ? "unit" : "HF")}"];
        }
        if (!string.Equals(pathway, IndicatorFigure.AllPathways, StringComparison.Ordinal) && pathways.Pathway(pathway) is null)
        {
            errors["pathway"] = [$"'{pathway}' is not a pathway of the catalogue (or ALL)"];
        }
        return errors;
    }
}

/// <summary>The column a drill-down is sorted by; ties keep the reached day, then the episode, so pages never overlap.</summary>
public enum DrillSort
{
    /// <summary>The day the measured interval ended (the default, earliest first).</summary>
    Reached,
    /// <summary>The interval's length, days or minutes used.</summary>
    Length,
    Pathway,
    Unit,
}

/// <summary>The drill-down's sort in an address: Norwegian keys as the tracking list's, a leading <c>-</c> for descending.</summary>
public static class DrillSorts
{
    private static readonly SortKeys<DrillSort> Keys = new(DrillSort.Reached,
        (DrillSort.Reached, "dato"), (DrillSort.Length, "tid"), (DrillSort.Pathway, "forlop"), (DrillSort.Unit, "enhet"));

    public const string Expected = "must be dato, tid, forlop or enhet, with a leading - for descending";

    /// <summary>"tid" or "-tid" (descending); null for anything else, which sorts by the reached day.</summary>
    public static (DrillSort Sort, bool Descending)? Parse(string? text) => Keys.Parse(text);

    /// <summary>The address value for a sort; null for the default (reached day, earliest first).</summary>
    public static string? Format(DrillSort sort, bool descending) => Keys.Format(sort, descending);

    /// <summary>
    /// The counted intervals in the asked order. In memory: the figure's intervals are already read to count them
    /// (one HF's period, a few thousand at national volume), and only the page shown is joined to its patients.
    /// </summary>
    public static IEnumerable<CountedInterval> Order(IEnumerable<CountedInterval> counted, DrillSort sort, bool descending)
    {
        var ordered = (sort, descending) switch
        {
            (DrillSort.Length, false) => counted.OrderBy(c => c.Interval.Length),
            (DrillSort.Length, true) => counted.OrderByDescending(c => c.Interval.Length),
            (DrillSort.Pathway, false) => counted.OrderBy(c => c.Interval.Pathway, StringComparer.Ordinal),
            (DrillSort.Pathway, true) => counted.OrderByDescending(c => c.Interval.Pathway, StringComparer.Ordinal),
            (DrillSort.Unit, false) => counted.OrderBy(c => c.Interval.Unit, StringComparer.Ordinal),
            (DrillSort.Unit, true) => counted.OrderByDescending(c => c.Interval.Unit, StringComparer.Ordinal),
            (_, false) => counted.OrderBy(c => c.Interval.ToDate),
            (_, true) => counted.OrderByDescending(c => c.Interval.ToDate),
        };
        return sort == DrillSort.Reached
            ? ordered.ThenBy(c => c.Interval.EpisodeId)
            : ordered.ThenBy(c => c.Interval.ToDate).ThenBy(c => c.Interval.EpisodeId);
    }
}

/// <summary>One episode counted in a figure: who, where, and its measured interval against the standard it was held to.</summary>
public sealed record FigureEpisode(
    long EpisodeId,
    string NationalId,
    string? Name,
    string Pathway,
    string PathwayName,
    string Hf,
    string Unit,
    DateOnly StartDate,
    DateOnly SeniorityDate,
    bool ContinuesTransfer,
    string Interval,
    DateOnly Reached,
    long Length,
    long? Limit,
    TimeUnit TimeUnit,
    string Treatment,
    bool Within);

/// <summary>A page of the episodes behind a figure; <see cref="Total"/> is the figure itself.</summary>
public sealed record FigureEpisodes(
    string Indicator,
    string Period,
    OrganisationLevel Level,
    string Organisation,
    string Pathway,
    FigureSubset Subset,
    int Total,
    int Page,
    int PageSize,
    IReadOnlyList<FigureEpisode> Rows,
    DrillSort Sort = DrillSort.Reached,
    bool Descending = false);

/// <summary>
/// The drill-down from a dashboard figure to the episodes it counts. The set comes from the indicator's own facts and
/// selection (<see cref="IndicatorFactsQuery"/>, <see cref="IndicatorComputation.CountedIntervals"/>), never from a
/// query of its own, so the list's length is the figure. Only who may see every patient the figure counts may open it
/// (<see cref="AccessPolicy.MaySeePatientsBehindFiguresOf"/>); every patient shown is logged before the answer.
/// </summary>
public static class EpisodesBehindFigureQuery
{
    public static async Task<Outcome<FigureEpisodes>> RunAsync(RegistryDb db, PathwayCatalogue catalogue, IndicatorCatalogue indicators, OrganisationDirectory organisations,
        AccessLogWriter log, Caller caller, FigureSelection selection, IClock clock, CancellationToken ct)
    {
        if (Refusal(caller, selection, organisations) is { } refused)
        {
            return new Outcome<FigureEpisodes>.NotAllowed(refused);
        }
        var counted = await CountedAsync(db, catalogue, indicators, selection, ct);
        var pageSize = Math.Clamp(selection.PageSize, 1, FigureSelection.MaxPageSize);
        var page = Math.Max(1, selection.Page);
        var rows = await RowsAsync(db, catalogue, caller, counted.Skip((page - 1) * pageSize).Take(pageSize).ToList(), ct);
        if (rows is null)
        {
            return new Outcome<FigureEpisodes>.NotAllowed(OutsideScope);
        }
        await LogAsync(log, caller, selection, rows, "dashboard", clock, ct);
        return new FigureEpisodes(selection.Indicator, selection.Period.Text, selection.Level, selection.Organisation, selection.Pathway, selection.Subset,
            counted.Count, page, pageSize, rows, selection.Sort, selection.Descending);
    }

    /// <summary>
    /// Every episode behind the figure in the asked order, for a file: the same selection and refusal as a page, and
    /// each patient in the file logged once for this export, before the file is written.
    /// </summary>
    public static async Task<Outcome<IReadOnlyList<FigureEpisode>>> AllAsync(RegistryDb db, PathwayCatalogue catalogue, IndicatorCatalogue indicators, OrganisationDirectory organisations,
        AccessLogWriter log, Caller caller, FigureSelection selection, string format, IClock clock, CancellationToken ct)
    {
        if (Refusal(caller, selection, organisations) is { } refused)
        {
            return new Outcome<IReadOnlyList<FigureEpisode>>.NotAllowed(refused);
        }
        var counted = await CountedAsync(db, catalogue, indicators, selection, ct);
        if (await RowsAsync(db, catalogue, caller, counted, ct) is not { } rows)
        {
            return new Outcome<IReadOnlyList<FigureEpisode>>.NotAllowed(OutsideScope);
        }
        await LogAsync(log, caller, selection, rows, $"dashboard export {format}", clock, ct);
        return rows;
    }

    private const string OutsideScope = "an episode behind this figure belongs to a hospital trust or unit outside your access";

    /// <summary>Why the caller may not see the patients behind the figure, or null: asked before anything is read, so a refusal logs nothing.</summary>
    private static string? Refusal(Caller caller, FigureSelection selection, OrganisationDirectory organisations) =>
        AccessPolicy.MaySeePatientsBehindFiguresOf(caller.Actor, selection.Organisation, organisations)
            ? null
            : $"the patients behind the figures of {selection.Organisation} are outside your access";

    /// <summary>The figure's counted intervals, sorted.</summary>
    private static async Task<IReadOnlyList<CountedInterval>> CountedAsync(RegistryDb db, PathwayCatalogue catalogue, IndicatorCatalogue indicators,
        FigureSelection selection, CancellationToken ct)
    {
        var definition = indicators.Find(selection.Indicator) is { Kind: IndicatorKind.ShareWithinStandard } found
            ? found
            : throw new ArgumentException($"'{selection.Indicator}' is not a share within the standard time", nameof(selection));
        var inputs = await IndicatorFactsQuery.LoadAsync(db, catalogue, definition, selection.Period, ct);
        var counted = IndicatorComputation.CountedIntervals(definition, inputs, catalogue, selection.Period)
            .Where(c => Selects(c.Interval, selection))
            .Where(c => selection.Subset switch
            {
                FigureSubset.Within => c.Within,
                FigureSubset.Over => c.Over,
                FigureSubset.WithoutStandard => c.Limit is null,
                _ => true,
            });
        return DrillSorts.Order(counted, selection.Sort, selection.Descending).ToList();
    }

    /// <summary>The shown intervals joined to their episodes and patients, in the intervals' order; null when one is outside the caller's scope.</summary>
    private static async Task<List<FigureEpisode>?> RowsAsync(RegistryDb db, PathwayCatalogue catalogue, Caller caller, IReadOnlyList<CountedInterval> shown, CancellationToken ct)
    {
        var stored = new Dictionary<long, (long Id, string Hf, string Unit, DateOnly StartDate, DateOnly SeniorityDate, long? TransferredFromId, string NationalId, string? Name)>();
        // In chunks: a whole HF's year in one IN list would pass what a statement may carry.
        foreach (var chunk in shown.Select(c => c.Interval.EpisodeId).Chunk(1000))
        {
            var ids = chunk.ToList();
            foreach (var e in await db.Episodes.AsNoTracking().Where(e => ids.Contains(e.Id))
                         .Join(db.Patients, e => e.PatientId, p => p.Id, (e, p) => new { e.Id, e.Hf, e.Unit, e.StartDate, e.SeniorityDate, e.TransferredFromId, p.NationalId, p.Name })
                         .ToListAsync(ct))
            {
                stored[e.Id] = (e.Id, e.Hf, e.Unit, e.StartDate, e.SeniorityDate, e.TransferredFromId, e.NationalId, e.Name);
            }
        }
        var rows = new List<FigureEpisode>(shown.Count);
        foreach (var c in shown)
        {
            // An episode re-derived since the facts were read is left out rather than shown half.
            if (!stored.TryGetValue(c.Interval.EpisodeId, out var e))
            {
                continue;
            }
            // The figure's organisation is within the actor's scope, so each of its episodes is; checked again all the same.
            if (!AccessPolicy.MayAccessPatientData(caller.Actor, e.Hf, e.Unit))
            {
                return null;
            }
            var pathway = catalogue.Pathway(c.Interval.Pathway);
            rows.Add(new FigureEpisode(e.Id, e.NationalId, e.Name, c.Interval.Pathway, pathway?.Name.Nb ?? c.Interval.Pathway, e.Hf, e.Unit,
                e.StartDate, e.SeniorityDate, e.TransferredFromId is not null, c.Interval.Interval, c.Interval.ToDate.ToDateOnly(),
                c.Interval.Length, c.Limit, pathway?.Unit ?? TimeUnit.Days, EnumNames.Of(c.Interval.Treatment), c.Within));
        }
        return rows;
    }

    /// <summary>One entry per patient shown (or put in a file), naming the figure and the episodes, before the answer.</summary>
    private static Task LogAsync(AccessLogWriter log, Caller caller, FigureSelection selection, IReadOnlyList<FigureEpisode> rows, string where, IClock clock, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var figure = $"{selection.Indicator} {selection.Period.Text} {selection.Organisation} {selection.Pathway} {EnumNames.Of(selection.Subset)}";
        return log.AppendAsync(rows.GroupBy(r => r.NationalId, StringComparer.Ordinal)
            .Select(patient => caller.Entry(now, patient.Key, AccessKind.Read,
                $"{where} {figure}: episode {string.Join(", ", patient.Select(r => r.EpisodeId))}"))
            .ToList(), ct);
    }

    /// <summary>The cell of the figure: the interval's pathway (or all) at the organisation, as IndicatorComputation adds it to its levels.</summary>
    private static bool Selects(IntervalFacts interval, FigureSelection selection) =>
        (string.Equals(selection.Pathway, IndicatorFigure.AllPathways, StringComparison.Ordinal) || string.Equals(interval.Pathway, selection.Pathway, StringComparison.Ordinal))
        && string.Equals(selection.Level == OrganisationLevel.Unit ? interval.Unit : interval.Hf, selection.Organisation, StringComparison.Ordinal);
}
