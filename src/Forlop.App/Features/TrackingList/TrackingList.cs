using Forlop.App.Hosting;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Predictions;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.PathwayTimes;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.TrackingList;

/// <summary>What a coordinator narrows her tracking list to. Empty fields do not filter.</summary>
public sealed record TrackingFilter(
    string? Pathway = null,
    string? Unit = null,
    string? State = null,
    DeadlineStatus? Status = null,
    string? Coordinator = null,
    string? Search = null,
    int Page = 1,
    int PageSize = 50,
    TrackingSort Sort = TrackingSort.Deadline,
    bool Descending = false)
{
    public const int MaxPageSize = 200;
}

/// <summary>
/// The columns the list sorts by, on the server so that every page follows the same order; ties fall back to the
/// deadline, then the episode. The address names them in Norwegian (?sortering=forlop, -forlop for the other way).
/// </summary>
public enum TrackingSort
{
    Deadline,
    Patient,
    Pathway,
    Unit,
    State,
    /// <summary>The predicted breach (decision 0026): the highest probability first; episodes without a prediction last either way.</summary>
    Breach,
}

public static class TrackingSorts
{
    private static readonly SortKeys<TrackingSort> Keys = new(TrackingSort.Deadline,
        (TrackingSort.Deadline, "frist"), (TrackingSort.Patient, "pasient"), (TrackingSort.Pathway, "forlop"), (TrackingSort.Unit, "enhet"),
        (TrackingSort.State, "tilstand"), (TrackingSort.Breach, "risiko"));

    public static string Key(TrackingSort sort) => Keys.Key(sort);

    /// <summary>"forlop" or "-forlop" (descending); null for anything else, which sorts by deadline.</summary>
    public static (TrackingSort Sort, bool Descending)? Parse(string? text) => Keys.Parse(text);

    /// <summary>The address value for a sort; null for the default (deadline, soonest first).</summary>
    public static string? Format(TrackingSort sort, bool descending) => Keys.Format(sort, descending);
}

/// <summary>One open episode on the tracking list.</summary>
public sealed record TrackingRow(
    long EpisodeId,
    string NationalId,
    string? Name,
    string Pathway,
    string PathwayName,
    string Hf,
    string Unit,
    string State,
    DateOnly StartDate,
    DateOnly SeniorityDate,
    string? NextPoint,
    DateOnly? NextDeadline,
    int? DaysLeft,
    DeadlineStatus Status,
    string? Coordinator,
    int Findings,
    int ActionsRecommended = 0,
    int ActionsDone = 0,
    double? BreachProbability = null,
    PredictionBasis? PredictionBasis = null);

/// <summary>
/// The columns of an open episode, its patient and its coordinator that a row of the list is made from. Set by an
/// initialiser, not a constructor, so that EF can still filter and sort by its members after the projection.
/// </summary>
internal sealed class ListedEpisode
{
    public long Id { get; init; }
    public required string NationalId { get; init; }
    public string? Name { get; init; }
    public required string Pathway { get; init; }
    public required string Hf { get; init; }
    public required string Unit { get; init; }
    public required string State { get; init; }
    public DateOnly StartDate { get; init; }
    public DateOnly SeniorityDate { get; init; }
    public string? NextPoint { get; init; }
    public DateOnly? NextDeadline { get; init; }
    public int Findings { get; init; }
    public DateOnly? FirstAttendanceDate { get; init; }
    public DateOnly? DecisionDate { get; init; }
    public string? Coordinator { get; init; }
}

/// <summary>The columns a forecast of the next deadline reads (sorted by predicted breach, every row of the filter).</summary>
internal sealed record ForecastInput(long Id, string Pathway, string Hf, string? NextPoint, DateOnly? NextDeadline, DateOnly SeniorityDate,
    DateOnly? FirstAttendanceDate, DateOnly? DecisionDate);

public sealed record TrackingPage(IReadOnlyList<TrackingRow> Rows, int Total, int Page, int PageSize, DateOnly Today);

/// <summary>
/// The coordinator's home: the open episodes of her scope, the most urgent deadline first. Reads the derived
/// episodes table (the partial index ix_episodes_open_list, decision 0035) so it stays fast at national volume; every
/// patient shown is logged.
/// </summary>
public static class TrackingListQuery
{
    private static readonly string[] OpenStates = ["awaiting-first-attendance", "under-investigation", "awaiting-treatment"];

    public static Task<Outcome<TrackingPage>> RunAsync(RegistryDb db, PathwayCatalogue catalogue, AccessLogWriter log, Caller caller, TrackingFilter filter, IClock clock, CancellationToken ct) =>
        RunAsync(db, catalogue, RecommendedActionCatalogue.Empty, log, caller, filter, clock, ct);

    /// <summary>The list with, per row, how many of the pathway's recommended actions are recommended and done.</summary>
    public static Task<Outcome<TrackingPage>> RunAsync(RegistryDb db, PathwayCatalogue catalogue, RecommendedActionCatalogue actions, AccessLogWriter log, Caller caller,
        TrackingFilter filter, IClock clock, CancellationToken ct) =>
        RunAsync(db, catalogue, actions, null, log, caller, filter, clock, ct);

    /// <summary>
    /// The list with, per row, the recommended actions done and the predicted breach of the next deadline (when a breach
    /// history is given; sorted by it, every row of the filter is forecast in memory and only the page's rows are read whole).
    /// </summary>
    public static async Task<Outcome<TrackingPage>> RunAsync(RegistryDb db, PathwayCatalogue catalogue, RecommendedActionCatalogue actions, BreachHistory? predictions,
        AccessLogWriter log, Caller caller, TrackingFilter filter, IClock clock, CancellationToken ct)
    {
        var actor = caller.Actor;
        if (!actor.SeesPersonData)
        {
            return new Outcome<TrackingPage>.NotAllowed("the tracking list shows person data, which this role may not see");
        }
        var today = clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;
        var todayDate = today.ToDateOnly();
        var query = Episodes(db, actor, filter, today);
        var rows = Listed(db, query, filter);
        // Counting and forecasting need the patient and the assignment only when a filter reads them: without the
        // joins SQLite counts an HF's open episodes from the tracking list's index alone, 15× faster at demo volume.
        var joinsFilter = !string.IsNullOrWhiteSpace(filter.Coordinator) || !string.IsNullOrWhiteSpace(filter.Search);
        var pageSize = Math.Clamp(filter.PageSize, 1, TrackingFilter.MaxPageSize);
        var page = Math.Max(1, filter.Page);
        var history = predictions is null ? null : await predictions.CurrentAsync(db, ct);
        List<long>? pageIds = null;
        int total;
        if (filter.Sort == TrackingSort.Breach && history is not null)
        {
            // The probability is not a column: every row of the filter is forecast from the few columns it needs (an HF's
            // open episodes, a few thousand at national volume), sorted here, and the page's rows read whole below.
            var all = await ForecastInputs(rows, query, joinsFilter).ToListAsync(ct);
            total = all.Count;
            var forecast = all.Select(x => (x.Id, x.NextDeadline, Probability: BreachForecasts.For(history, catalogue,
                new RunningInterval(x.Pathway, x.Hf, x.NextPoint, x.NextDeadline, x.SeniorityDate, x.FirstAttendanceDate, x.DecisionDate), today)?.Probability)).ToList();
            var sorted = forecast.OrderBy(x => x.Probability is null)
                .ThenBy(x => filter.Descending ? x.Probability : -x.Probability)
                .ThenBy(x => x.NextDeadline).ThenBy(x => x.Id);
            pageIds = sorted.Skip((page - 1) * pageSize).Take(pageSize).Select(x => x.Id).ToList();
        }
        else if (page > 1 && !joinsFilter && filter.Sort is TrackingSort.Deadline or TrackingSort.Breach)
        {
            // A later page in deadline order: its ids from the tracking list's index alone, then only its rows joined.
            // In one query SQLite joins the patient of every row it skips as well (141 pages read for page 3, not 56).
            pageIds = await LaterPageIds(query, filter.Descending, page, pageSize).ToListAsync(ct);
            total = -1; // counted below
        }
        else
        {
            total = -1; // counted below unless the page shows it
        }
        var pageQuery = pageIds is null ? PageRows(rows, filter, page, pageSize) : rows.Where(r => EF.Parameter(pageIds).Contains(r.Id));
        var found = await pageQuery.ToListAsync(ct);
        if (pageIds is not null)
        {
            found = [.. found.OrderBy(r => pageIds.IndexOf(r.Id))];
        }
        if (total < 0)
        {
            // A first page that is not full holds the whole list: no second query to count it.
            total = page == 1 && found.Count < pageSize ? found.Count : joinsFilter ? await rows.CountAsync(ct) : await query.CountAsync(ct);
        }
        // The page's rows only (at most a page): one small read beside the list's own query, which stays as it was.
        // Its ids and the units above go as one array parameter (EF.Parameter), not one SQL parameter each: the SQL of
        // a list of varying length was generated again on every request (EF 10's default; seen in the bench/load.sh profile).
        var ids = found.Select(r => r.Id).ToList();
        var done = actions.All.Count == 0 ? Enumerable.Empty<EpisodeActionEntity>().ToLookup(a => a.EpisodeId, a => a.ActionId)
            : (await db.EpisodeActions.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.EpisodeId)).Select(a => new { a.EpisodeId, a.ActionId }).ToListAsync(ct))
                .ToLookup(a => a.EpisodeId, a => a.ActionId);
        var result = found.Select(r =>
        {
            var recommended = actions.For(r.Pathway, LocalDate.FromDateOnly(r.StartDate)).Select(a => a.Id).ToList();
            var deadline = r.NextDeadline is { } d ? LocalDate.FromDateOnly(d) : (LocalDate?)null;
            var forecast = history is null ? null : BreachForecasts.For(history, catalogue,
                new RunningInterval(r.Pathway, r.Hf, r.NextPoint, r.NextDeadline, r.SeniorityDate, r.FirstAttendanceDate, r.DecisionDate), today);
            return new TrackingRow(r.Id, r.NationalId, r.Name, r.Pathway, catalogue.Pathway(r.Pathway)?.Name.Nb ?? r.Pathway,
                r.Hf, r.Unit, r.State, r.StartDate, r.SeniorityDate,
                r.NextPoint, r.NextDeadline, deadline is { } dl ? Deadlines.DaysLeft(dl, today) : null, Deadlines.StatusOf(deadline, today),
                r.Coordinator, r.Findings, recommended.Count, done[r.Id].Count(recommended.Contains), forecast?.Probability, forecast?.Basis);
        }).ToList();
        var now = clock.GetCurrentInstant();
        await log.AppendAsync(result.Select(r => caller.Entry(now, r.NationalId, AccessKind.Read, $"tracking list: episode {r.EpisodeId}")).ToList(), ct);
        return new TrackingPage(result, total, page, pageSize, todayDate);
    }

    /// <summary>
    /// The episodes of a coordinator's scope and filter, before the patient and the coordinator are joined. Only open
    /// episodes have a next deadline, so the tracking list's partial index (hf, next_deadline, …) holds exactly them, in
    /// deadline order; the few open ones without a standard time are asked for with status=no-deadline.
    /// </summary>
    internal static IQueryable<EpisodeEntity> Episodes(RegistryDb db, Actor actor, TrackingFilter filter, LocalDate today)
    {
        var todayDate = today.ToDateOnly();
        var query = filter.Status == DeadlineStatus.NoDeadline
            ? db.Episodes.AsNoTracking().Where(e => e.Hf == actor.Organisation && e.NextDeadline == null && OpenStates.Contains(e.State))
            : db.Episodes.AsNoTracking().Where(e => e.Hf == actor.Organisation && e.NextDeadline != null);
        if (actor.Role != Role.ClinicalLead && actor.Units.Count > 0)
        {
            var units = actor.Units.ToList();
            query = query.Where(e => EF.Parameter(units).Contains(e.Unit));
        }
        if (!string.IsNullOrWhiteSpace(filter.Pathway))
        {
            query = query.Where(e => e.Pathway == filter.Pathway);
        }
        if (!string.IsNullOrWhiteSpace(filter.Unit))
        {
            query = query.Where(e => e.Unit == filter.Unit);
        }
        if (!string.IsNullOrWhiteSpace(filter.State))
        {
            query = query.Where(e => e.State == filter.State);
        }
        var riskLimit = today.PlusDays(Deadlines.AtRiskDays).ToDateOnly();
        query = filter.Status switch
        {
            DeadlineStatus.Overdue => query.Where(e => e.NextDeadline < todayDate),
            DeadlineStatus.AtRisk => query.Where(e => e.NextDeadline >= todayDate && e.NextDeadline <= riskLimit),
            DeadlineStatus.OnTrack => query.Where(e => e.NextDeadline > riskLimit),
            _ => query,
        };
        return query;
    }

    /// <summary>The episodes with their patient and coordinator, narrowed by the filters that read those two.</summary>
    internal static IQueryable<ListedEpisode> Listed(RegistryDb db, IQueryable<EpisodeEntity> query, TrackingFilter filter)
    {
        IQueryable<ListedEpisode> rows =
            from e in query
            join p in db.Patients on e.PatientId equals p.Id
            join a in db.EpisodeAssignments on e.Id equals a.EpisodeId into assigned
            from a in assigned.DefaultIfEmpty()
            // The columns the row needs and no more: materialising whole episodes was a tenth of a request's CPU.
            select new ListedEpisode
            {
                Id = e.Id, NationalId = p.NationalId, Name = p.Name, Pathway = e.Pathway, Hf = e.Hf, Unit = e.Unit, State = e.State, StartDate = e.StartDate,
                SeniorityDate = e.SeniorityDate, NextPoint = e.NextPoint, NextDeadline = e.NextDeadline, Findings = e.Findings,
                FirstAttendanceDate = e.FirstAttendanceDate, DecisionDate = e.DecisionDate, Coordinator = a == null ? null : a.Coordinator,
            };
        if (!string.IsNullOrWhiteSpace(filter.Coordinator))
        {
            rows = rows.Where(r => r.Coordinator == filter.Coordinator);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var search = filter.Search.Trim();
            if (search.All(char.IsAsciiDigit))
            {
                rows = rows.Where(r => r.NationalId.StartsWith(search));
            }
            else
            {
                var lowered = search.ToLowerInvariant();
                // Translated to SQL lower(…) LIKE; it never runs in .NET, so culture does not apply. SQLite's lower()
                // folds ASCII letters only: a search for "øy" does not find "Øyvind" there (PostgreSQL's does).
#pragma warning disable CA1304, CA1311, CA1862
                rows = rows.Where(r => r.Name != null && r.Name.ToLower().Contains(lowered));
#pragma warning restore CA1304, CA1311, CA1862
            }
        }
        return rows;
    }

    /// <summary>What a forecast reads of every row of the filter: from the episodes alone unless a filter needs the joins.</summary>
    internal static IQueryable<ForecastInput> ForecastInputs(IQueryable<ListedEpisode> rows, IQueryable<EpisodeEntity> query, bool joinsFilter) => joinsFilter
        ? rows.Select(r => new ForecastInput(r.Id, r.Pathway, r.Hf, r.NextPoint, r.NextDeadline, r.SeniorityDate, r.FirstAttendanceDate, r.DecisionDate))
        : query.Select(e => new ForecastInput(e.Id, e.Pathway, e.Hf, e.NextPoint, e.NextDeadline, e.SeniorityDate, e.FirstAttendanceDate, e.DecisionDate));

    /// <summary>The ids of a later page in deadline order (the list's default), ties by episode as the page query breaks them.</summary>
    internal static IQueryable<long> LaterPageIds(IQueryable<EpisodeEntity> query, bool descending, int page, int pageSize) =>
        (descending ? query.OrderByDescending(e => e.NextDeadline) : query.OrderBy(e => e.NextDeadline))
            .ThenBy(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).Select(e => e.Id);

    /// <summary>A page of the rows in the filter's order; ties fall back to the deadline, then the episode.</summary>
    internal static IQueryable<ListedEpisode> PageRows(IQueryable<ListedEpisode> rows, TrackingFilter filter, int page, int pageSize)
    {
        var ordered = (filter.Sort, filter.Descending) switch
        {
            // Patients without a name last either way (SQLite and PostgreSQL put NULL at opposite ends).
            (TrackingSort.Patient, false) => rows.OrderBy(r => r.Name == null).ThenBy(r => r.Name).ThenBy(r => r.NextDeadline),
            (TrackingSort.Patient, true) => rows.OrderBy(r => r.Name == null).ThenByDescending(r => r.Name).ThenBy(r => r.NextDeadline),
            (TrackingSort.Pathway, false) => rows.OrderBy(r => r.Pathway).ThenBy(r => r.NextDeadline),
            (TrackingSort.Pathway, true) => rows.OrderByDescending(r => r.Pathway).ThenBy(r => r.NextDeadline),
            (TrackingSort.Unit, false) => rows.OrderBy(r => r.Unit).ThenBy(r => r.NextDeadline),
            (TrackingSort.Unit, true) => rows.OrderByDescending(r => r.Unit).ThenBy(r => r.NextDeadline),
            (TrackingSort.State, false) => rows.OrderBy(r => r.State).ThenBy(r => r.NextDeadline),
            (TrackingSort.State, true) => rows.OrderByDescending(r => r.State).ThenBy(r => r.NextDeadline),
            (_, true) => rows.OrderByDescending(r => r.NextDeadline),
            _ => rows.OrderBy(r => r.NextDeadline),
        };
        return ordered.ThenBy(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize);
    }
}
