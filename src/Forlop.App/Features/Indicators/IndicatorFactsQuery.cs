using Forlop.Domain;
using Forlop.App.Data;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Registry;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Indicators;

/// <summary>
/// Reads from the stored episodes, their measured intervals and the imported new cancer cases what an indicator needs
/// for a period, and maps the rows to the domain's facts. The database only selects by date; every rule is applied
/// by <see cref="IndicatorComputation"/>, so SQLite and PostgreSQL give the same figures.
/// </summary>
public static class IndicatorFactsQuery
{
    public static async Task<IndicatorInputs> LoadAsync(RegistryDb db, PathwayCatalogue catalogue, IndicatorDefinition definition, ReportingPeriod period, CancellationToken ct)
    {
        var (episodes, intervals, newCases) = IndicatorComputation.Needs(definition);
        var from = period.Start.ToDateOnly();
        var to = period.End.ToDateOnly();
        return new IndicatorInputs(
            episodes ? await EpisodesAsync(db, catalogue, definition, from, to, ct) : [],
            intervals ? await IntervalsAsync(db, definition, from, to, ct) : [],
            newCases ? await NewCasesAsync(db, from, to, ct) : []);
    }

    private static async Task<List<EpisodeFacts>> EpisodesAsync(RegistryDb db, PathwayCatalogue catalogue, IndicatorDefinition definition, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var episodes = db.Episodes.AsNoTracking();
        episodes = definition.Kind switch
        {
            IndicatorKind.Inclusion => episodes.Where(e => e.DecisionDate >= from && e.DecisionDate <= to),
            IndicatorKind.ShareReached => episodes.Where(e => e.StartDate >= from && e.StartDate <= to),
            _ => definition.Counting switch
            {
                CountedEpisodes.Completed => episodes.Where(e => e.TreatmentDate >= from && e.TreatmentDate <= to),
                CountedEpisodes.EndedWithoutTreatment => episodes.Where(e => e.EndDate >= from && e.EndDate <= to),
                CountedEpisodes.StillOpen => episodes.Where(e => e.StartDate <= to && (e.EndDate == null || e.EndDate > to)),
                _ => episodes.Where(e => e.StartDate >= from && e.StartDate <= to),
            },
        };
        var rows = await episodes
            .Select(e => new
            {
                e.Id, e.Pathway, e.Unit, e.Hf, e.Rhf, e.StartDate, e.SeniorityDate, e.TransferredFromId, e.State, e.EndDate,
                e.TreatmentType, e.TreatmentDate, e.DecisionCode, e.DecisionDate, e.PatientId,
            })
            .ToListAsync(ct);
        return rows.Select(e => new EpisodeFacts(
                e.Id, e.Pathway, e.Unit, e.Hf, e.Rhf, LocalDate.FromDateOnly(e.StartDate), LocalDate.FromDateOnly(e.SeniorityDate), e.TransferredFromId is not null,
                EnumNames.TryParse<EpisodeState>(e.State, out var state) ? state : EpisodeState.AwaitingFirstAttendance,
                e.EndDate is { } end ? LocalDate.FromDateOnly(end) : null,
                Treatment(e.TreatmentType),
                e.TreatmentDate is { } t ? LocalDate.FromDateOnly(t) : null,
                e.DecisionCode is not null && catalogue.TryFindEvent(e.DecisionCode, out _, out var decision) ? decision.Decision : DecisionKind.None,
                e.DecisionDate is { } d ? LocalDate.FromDateOnly(d) : null,
                e.PatientId))
            .ToList();
    }

    private static async Task<List<IntervalFacts>> IntervalsAsync(RegistryDb db, IndicatorDefinition definition, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var ids = definition.Intervals.ToList();
        var joined = db.EpisodeIntervals.AsNoTracking().Where(i => ids.Contains(i.IntervalId))
            .Join(db.Episodes.AsNoTracking(), i => i.EpisodeId, e => e.Id, (i, e) => new { i, e });
        // A share reached follows the episodes started in the period to their end point, whenever it came.
        joined = definition.Kind == IndicatorKind.ShareReached
            ? joined.Where(x => x.e.StartDate >= from && x.e.StartDate <= to)
            : joined.Where(x => x.i.ToDate >= from && x.i.ToDate <= to);
        var rows = await joined
            .Select(x => new { x.i.EpisodeId, x.e.Pathway, x.e.Unit, x.e.Hf, x.e.Rhf, x.i.IntervalId, x.i.ToDate, x.i.Length, x.e.SeniorityDate, x.i.TreatmentType, x.i.Setting })
            .ToListAsync(ct);
        return rows.Select(r => new IntervalFacts(r.EpisodeId, r.Pathway, r.Unit, r.Hf, r.Rhf, r.IntervalId, LocalDate.FromDateOnly(r.ToDate), r.Length,
                LocalDate.FromDateOnly(r.SeniorityDate), Treatment(r.TreatmentType), StoredSetting.Read(r.Setting)))
            .ToList();
    }

    private static async Task<List<NewCancerCases>> NewCasesAsync(RegistryDb db, DateOnly from, DateOnly to, CancellationToken ct) =>
        (await db.NewCancerCases.AsNoTracking().Where(c => c.From <= to && c.To >= from).ToListAsync(ct))
            .Select(c => new NewCancerCases(c.Hf, LocalDate.FromDateOnly(c.From), LocalDate.FromDateOnly(c.To), c.Count))
            .ToList();

    private static TreatmentType Treatment(string? kebab) =>
        EnumNames.TryParse<TreatmentType>(kebab, out var t) ? t : TreatmentType.None;
}
