using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Indicators;
using Forlop.App.Hosting;
using Forlop.Domain;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;
using Forlop.Domain.Registry;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Counting;

/// <summary>Which rows of the view: all, or those of one status.</summary>
public enum CountFilter
{
    All,
    CountedWithin,
    CountedOver,
    NotCounted,
}

/// <summary>One pathway that touches the period, with its place in the headline indicator.</summary>
public sealed record CountPreviewRow(
    long EpisodeId,
    string NationalId,
    string? Name,
    string Pathway,
    string Unit,
    DateOnly StartDate,
    DateOnly SeniorityDate,
    string State,
    DateOnly? TreatmentDate,
    string? Treatment,
    long? Length,
    long? Limit,
    CountStatus Status,
    NotCountedReason? Reason);

/// <summary>How many pathways have a reason for not being counted.</summary>
public sealed record ReasonCount(NotCountedReason Reason, int Count);

/// <summary>
/// The view of a period for an HF or a unit: the counts of all its pathways (<see cref="CountedWithin"/> and
/// <see cref="CountedOver"/> are the indicator's within and over; <see cref="StandardUnknown"/> its "without standard"),
/// and a page of the rows.
/// </summary>
public sealed record CountPreviewView(
    string Indicator,
    string Period,
    string Organisation,
    int Touching,
    int CountedWithin,
    int CountedOver,
    int NotCounted,
    IReadOnlyList<ReasonCount> Reasons,
    CountFilter Filter,
    int Total,
    int Page,
    int PageSize,
    IReadOnlyList<CountPreviewRow> Rows)
{
    /// <summary>Completed, but outside the share: the indicator's without-standard count.</summary>
    public int StandardUnknown => Reasons.FirstOrDefault(r => r.Reason == NotCountedReason.StandardUnknown)?.Count ?? 0;
}

/// <summary>
/// "Will this patient count?" (issue 14, item 4; decision 0031): every pathway of an HF (or a unit) that touches a
/// period not yet locked, each placed in the headline indicator <c>completed-within-standard</c>. Counted and within or
/// over come from the indicator's own facts and selection (<see cref="IndicatorFactsQuery"/>,
/// <see cref="IndicatorComputation.CountedIntervals"/>), as the dashboard's drill-down does, so the view's counts are
/// the dashboard's figure. Only who may see every patient the HF's figures count may open it
/// (<see cref="AccessPolicy.MaySeePatientsBehindFiguresOf"/>); every patient on the page shown is logged first.
/// </summary>
public static class CountPreviewQuery
{
    public const string Indicator = "completed-within-standard";
    public const int MaxPageSize = 200;

    public static async Task<Outcome<CountPreviewView>> RunAsync(RegistryDb db, PathwayCatalogue catalogue, IndicatorCatalogue indicators, OrganisationDirectory organisations,
        AccessLogWriter log, Caller caller, ReportingPeriod period, string organisation, CountFilter filter, int page, int pageSize, IClock clock, CancellationToken ct)
    {
        var found = organisations.Find(organisation);
        var hf = organisations.HfOf(organisation);
        if (found is null || hf is null)
        {
            return new Outcome<CountPreviewView>.Invalid($"'{organisation}' is not a known HF or unit");
        }
        if (!AccessPolicy.MaySeePatientsBehindFiguresOf(caller.Actor, organisation, organisations))
        {
            return new Outcome<CountPreviewView>.NotAllowed($"the patients behind the figures of {organisation} are outside your access");
        }
        if (await db.PeriodLocks.AsNoTracking().AnyAsync(l => l.Period == period.Text, ct))
        {
            return new Outcome<CountPreviewView>.Conflict($"{period.Text} is locked: its figures are published, and whether a patient counts is settled");
        }
        var definition = indicators.Find(Indicator) ?? throw new InvalidOperationException($"the catalogue has no indicator {Indicator}");
        var atHf = string.Equals(hf.Code.Value, organisation, StringComparison.Ordinal);
        var inputs = await IndicatorFactsQuery.LoadAsync(db, catalogue, definition, period, ct);
        var counted = IndicatorComputation.CountedIntervals(definition, inputs, catalogue, period)
            .Where(c => string.Equals(atHf ? c.Interval.Hf : c.Interval.Unit, organisation, StringComparison.Ordinal))
            .ToDictionary(c => c.Interval.EpisodeId);

        // Every episode of a pathway the indicator covers that was open at some time in the period.
        var covered = catalogue.Pathways.Where(definition.Covers).Select(p => p.Code.Value).ToList();
        var (from, to) = (period.Start.ToDateOnly(), period.End.ToDateOnly());
        var episodes = db.Episodes.AsNoTracking().Where(e => covered.Contains(e.Pathway) && e.StartDate <= to && (e.EndDate == null || e.EndDate >= from));
        episodes = atHf ? episodes.Where(e => e.Hf == organisation) : episodes.Where(e => e.Unit == organisation);
        var touching = await episodes
            .Select(e => new { e.Id, e.State, e.StartDate, e.TreatmentDate, e.TreatmentType })
            .ToListAsync(ct);
        // A counted pathway touches its period by its treatment; read any the dates above missed, so the view holds the whole figure.
        var missed = counted.Keys.Except(touching.Select(e => e.Id)).ToList();
        foreach (var chunk in missed.Chunk(1000))
        {
            var chunkIds = chunk.ToList();
            touching.AddRange(await db.Episodes.AsNoTracking().Where(e => chunkIds.Contains(e.Id))
                .Select(e => new { e.Id, e.State, e.StartDate, e.TreatmentDate, e.TreatmentType }).ToListAsync(ct));
        }
        var verdicts = touching.Select(e =>
            {
                var state = EnumNames.TryParse<EpisodeState>(e.State, out var s) ? s : EpisodeState.AwaitingFirstAttendance;
                var treatment = EnumNames.TryParse<TreatmentType>(e.TreatmentType, out var t) ? t : TreatmentType.None;
                var verdict = CountPreview.Classify(state, treatment, e.TreatmentDate is { } day ? LocalDate.FromDateOnly(day) : null,
                    counted.GetValueOrDefault(e.Id), definition.Treatments, period);
                return (e.Id, e.StartDate, Verdict: verdict);
            })
            .ToList();

        var selected = verdicts.Where(v => filter switch
            {
                CountFilter.CountedWithin => v.Verdict.Status == CountStatus.CountedWithin,
                CountFilter.CountedOver => v.Verdict.Status == CountStatus.CountedOver,
                CountFilter.NotCounted => v.Verdict.Status == CountStatus.NotCounted,
                _ => true,
            })
            .OrderBy(v => v.Verdict.Status).ThenBy(v => v.Verdict.Reason).ThenBy(v => v.StartDate).ThenBy(v => v.Id)
            .ToList();
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var number = Math.Max(1, page);
        var shown = selected.Skip((number - 1) * size).Take(size).ToList();
        var ids = shown.Select(v => v.Id).ToList();
        var stored = await db.Episodes.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Join(db.Patients, e => e.PatientId, p => p.Id, (e, p) => new
            {
                e.Id, e.Pathway, e.Hf, e.Unit, e.StartDate, e.SeniorityDate, e.State, e.TreatmentDate, e.TreatmentType, p.NationalId, p.Name,
            })
            .ToDictionaryAsync(e => e.Id, ct);
        var rows = new List<CountPreviewRow>(shown.Count);
        foreach (var v in shown)
        {
            if (!stored.TryGetValue(v.Id, out var e))
            {
                // Re-derived since it was read: left out rather than shown half.
                continue;
            }
            // The organisation is within the caller's scope, so each of its episodes is; checked again all the same.
            if (!AccessPolicy.MayAccessPatientData(caller.Actor, e.Hf, e.Unit))
            {
                return new Outcome<CountPreviewView>.NotAllowed("an episode of this view belongs to a hospital trust or unit outside your access");
            }
            var interval = counted.GetValueOrDefault(v.Id);
            rows.Add(new CountPreviewRow(e.Id, e.NationalId, e.Name, e.Pathway, e.Unit, e.StartDate, e.SeniorityDate, e.State, e.TreatmentDate, e.TreatmentType,
                interval?.Interval.Length, interval?.Limit, v.Verdict.Status, v.Verdict.Reason));
        }
        var now = clock.GetCurrentInstant();
        await log.AppendAsync(rows.GroupBy(r => r.NationalId, StringComparer.Ordinal)
            .Select(patient => caller.Entry(now, patient.Key, AccessKind.Read,
                $"count preview {period.Text} {organisation}: episode {string.Join(", ", patient.Select(r => r.EpisodeId))}"))
            .ToList(), ct);

        var reasons = verdicts.Where(v => v.Verdict.Reason is not null).GroupBy(v => v.Verdict.Reason!.Value).OrderBy(g => g.Key)
            .Select(g => new ReasonCount(g.Key, g.Count())).ToList();
        return new CountPreviewView(Indicator, period.Text, organisation, verdicts.Count,
            verdicts.Count(v => v.Verdict.Status == CountStatus.CountedWithin), verdicts.Count(v => v.Verdict.Status == CountStatus.CountedOver),
            verdicts.Count(v => v.Verdict.Status == CountStatus.NotCounted), reasons, filter, selected.Count, number, size, rows);
    }
}
