using Forlop.App.Data;
using Forlop.App.Features.PeriodLocks;
using Forlop.Domain.Access;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.Indicators;

/// <summary>
/// One publication of a locked period: when and by whom it was locked, its number (1 the first publication, then the
/// revisions) and the registry's version it was taken at; its figures are those stored at that moment.
/// </summary>
public sealed record PeriodLockInfo(string Period, DateTime LockedAt, string LockedBy, int Publication = 1, long RegistryVersion = 0)
{
    /// <summary>"publication 1 (first)", "publication 3 (revision 2)": how every output names it.</summary>
    public string Describe() => Publication == 1
        ? "publication 1 (first)"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"publication {Publication} (revision {Publication - 1})");

    /// <summary>The same in bokmål, for exports and the public page.</summary>
    public string DescribeNb() => Publication == 1
        ? "publisering 1 (første)"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"publisering {Publication} (revisjon {Publication - 1})");
}

/// <summary>
/// One table of an indicator: the figures at <see cref="Level"/> that pass the filter, then the national figures of the
/// same pathways. For a locked period the figures are those published at the lock and <see cref="Corrections"/> lists
/// what later corrections changed (for the figures the reader may see whole). <see cref="MinCount"/> is the
/// suppression threshold when figures are suppressed, else null. <see cref="Provisional"/>: the period is not locked,
/// so the figures are not quality-assured yet (<see cref="IndicatorCube.Provisional"/>).
/// </summary>
public sealed record IndicatorResult(
    IndicatorDefinition Definition,
    ReportingPeriod Period,
    OrganisationLevel Level,
    IndicatorFilter Filter,
    TimeUnit Unit,
    IndicatorTarget? Target,
    IReadOnlyList<IndicatorFigure> Rows,
    IReadOnlyList<string> Warnings,
    PeriodLockInfo? Lock,
    IReadOnlyList<IndicatorCorrection> Corrections,
    int? MinCount,
    bool Provisional = true);

/// <summary>
/// Computes indicators from the registry as it is (an import shows at once), or, for a locked period, gives the
/// figures as locked with the later corrections beside them. The one entry point for the report, the public API,
/// dashboards, exports and benchmarks:
/// <list type="bullet">
/// <item><see cref="ComputeAsync"/>: every figure unsuppressed (staff who may see them all, exports, benchmarks);</item>
/// <item><see cref="ComputePublicAsync"/>: small numbers suppressed across the whole cube and the periods of its year
/// (no login; <see cref="PublicCubeAsync"/> is the one suppressed cube every public output reads);</item>
/// <item><see cref="ComputeForAsync"/>: what a signed-in actor may see (AccessPolicy.MaySeeFiguresOf) whole, the rest suppressed
/// so that the actor's own figures do not reveal anyone else's.</item>
/// </list>
/// </summary>
public sealed class IndicatorService(RegistryDb db, PathwayCatalogue pathways, IndicatorCatalogue indicators, OrganisationDirectory organisations)
{
    /// <summary>The service over a request's database, with the organisations as they are stored now (units may have been added).</summary>
    public static async Task<IndicatorService> CreateAsync(RegistryDb db, PathwayCatalogue pathways, IndicatorCatalogue indicators, CancellationToken ct) =>
        new(db, pathways, indicators, await RegistryStore.LoadOrganisationsAsync(db, ct));

    public IndicatorCatalogue Indicators => indicators;

    public OrganisationDirectory Organisations => organisations;

    /// <summary>Every figure unsuppressed; with <paramref name="current"/>, as the registry gives them now even for a locked period.</summary>
    public async Task<IndicatorResult> ComputeAsync(string indicatorId, ReportingPeriod period, OrganisationLevel level, IndicatorFilter filter, CancellationToken ct, bool current = false)
    {
        var definition = Definition(indicatorId);
        if (current)
        {
            return Result(await ComputeCurrentCubeAsync(definition, period, ct), level, filter, null, [], null);
        }
        var (cube, locked, corrections) = await ReportedCubeAsync(definition, period, ct);
        return Result(cube, level, filter, locked, corrections, null);
    }

    /// <summary>The public table: HF, RHF or national level (units are not published), suppressed with at least NPR's threshold.</summary>
    public async Task<IndicatorResult> ComputePublicAsync(string indicatorId, ReportingPeriod period, OrganisationLevel level, IndicatorFilter filter, int minCount, CancellationToken ct)
    {
        if (level == OrganisationLevel.Unit)
        {
            throw new ArgumentException("public figures are given for HFs, RHFs and the nation, not for units", nameof(level));
        }
        var (cube, locked) = await PublicCubeAsync(Definition(indicatorId), period, minCount, ct);
        return Result(cube, level, filter, locked, [], minCount);
    }

    /// <summary>
    /// The period's figures as the public sees them: its slice of the publication scope (the year with its tertials,
    /// quarters and months, locked periods as locked) suppressed as one, so that no table of the year, at any level or
    /// for any pathway, gives back a count another table hides (docs/decisions/0014). The page, the APIs,
    /// <c>report --public</c> and the public exports all read this. Kept in memory until the registry changes.
    /// </summary>
    public async Task<(IndicatorCube Cube, PeriodLockInfo? Lock)> PublicCubeAsync(IndicatorDefinition definition, ReportingPeriod period, int minCount, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        var scope = PublicationScope.Of(period);
        var stamp = await PublicScopeCache.StampAsync(db, ct);
        // Not cancelled with the request that happened to start it: others may be waiting for the same scope.
        var suppressed = await PublicScopeCache.Shared.GetOrAddAsync(pathways, db, definition, scope[0], minCount, stamp, async () =>
        {
            var (cubes, locks) = await ReportedScopeAsync(definition, scope, CancellationToken.None);
            return (IndicatorSuppression.ForPublic(cubes, minCount), locks);
        });
        var at = scope.Select(p => p.Text).ToList().IndexOf(period.Text);
        return (suppressed.Cubes[at], suppressed.Locks[at]);
    }

    /// <summary>
    /// The cubes of every period of a scope as reports show them (locked ones as locked), from one load of the facts
    /// of the whole span: a period's figures select from them as they would from their own load.
    /// </summary>
    private async Task<(IReadOnlyList<IndicatorCube> Cubes, IReadOnlyList<PeriodLockInfo?> Locks)> ReportedScopeAsync(
        IndicatorDefinition definition, IReadOnlyList<ReportingPeriod> scope, CancellationToken ct)
    {
        var texts = scope.Select(p => p.Text).ToList();
        // The newest publication of each locked period.
        var stored = (await db.PeriodLocks.AsNoTracking().Where(l => texts.Contains(l.Period)).ToListAsync(ct))
            .GroupBy(l => l.Period, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(l => l.Publication)!, StringComparer.Ordinal);
        var span = new ReportingPeriod(scope[0].Text, scope.Min(p => p.Start), scope.Max(p => p.End));
        // A stock (episodes still open at the period's end) is not selected from a longer span's load.
        var shared = PublicationScope.IsStock(definition) ? null : await IndicatorFactsQuery.LoadAsync(db, pathways, definition, span, ct);
        var cubes = new List<IndicatorCube>();
        var locks = new List<PeriodLockInfo?>();
        foreach (var period in scope)
        {
            if (stored.TryGetValue(period.Text, out var row) && PeriodSnapshot.FromJson(row.Snapshot).Cube(definition, period) is { } published)
            {
                cubes.Add(published);
                locks.Add(PeriodLocking.Info(row));
                continue;
            }
            var inputs = shared ?? await IndicatorFactsQuery.LoadAsync(db, pathways, definition, period, ct);
            cubes.Add(IndicatorComputation.Compute(definition, inputs, pathways, organisations, period));
            locks.Add(null);
        }
        return (cubes, locks);
    }

    /// <summary>What <paramref name="actor"/> may see: figures of organisations AccessPolicy lets them see whole, the others suppressed.</summary>
    public async Task<IndicatorResult> ComputeForAsync(Actor actor, string indicatorId, ReportingPeriod period, OrganisationLevel level, IndicatorFilter filter, int minCount, CancellationToken ct)
    {
        var (cube, locked, corrections) = await ReportedCubeAsync(Definition(indicatorId), period, ct);
        bool Sees(IndicatorFigure f) => AccessPolicy.MaySeeFiguresOf(actor, f.Organisation, organisations);
        var visible = cube.Figures.All(Sees) ? cube : IndicatorSuppression.Apply(cube, minCount, Sees);
        return Result(visible, level, filter, locked, corrections.Where(c => Sees(c.Published)).ToList(), visible == cube ? null : minCount);
    }

    /// <summary>The figures of the period as the registry gives them now, ignoring any lock (for locking, and to compare).</summary>
    public async Task<IndicatorCube> ComputeCurrentCubeAsync(IndicatorDefinition definition, ReportingPeriod period, CancellationToken ct)
    {
        var inputs = await IndicatorFactsQuery.LoadAsync(db, pathways, definition, period, ct);
        return IndicatorComputation.Compute(definition, inputs, pathways, organisations, period);
    }

    /// <summary>The cube reports show: the published one of a locked period (with what changed since), else the current one.</summary>
    public async Task<(IndicatorCube Cube, PeriodLockInfo? Lock, IReadOnlyList<IndicatorCorrection> Corrections)> ReportedCubeAsync(
        IndicatorDefinition definition, ReportingPeriod period, CancellationToken ct)
    {
        var current = await ComputeCurrentCubeAsync(definition, period, ct);
        var stored = await PeriodLocking.PublishedAsync(db, period.Text, ct);
        if (stored is null || PeriodSnapshot.FromJson(stored.Snapshot).Cube(definition, period) is not { } published)
        {
            return (current, null, []);
        }
        return (published, PeriodLocking.Info(stored), IndicatorCorrection.Between(published, current));
    }

    private IndicatorDefinition Definition(string indicatorId) =>
        indicators.Find(indicatorId) ?? throw new ArgumentException($"'{indicatorId}' is not an indicator: use one of {string.Join(", ", indicators.All.Select(i => i.Id))}", nameof(indicatorId));

    private IndicatorResult Result(IndicatorCube cube, OrganisationLevel level, IndicatorFilter filter, PeriodLockInfo? locked, IReadOnlyList<IndicatorCorrection> corrections, int? minCount)
    {
        bool Selected(IndicatorFigure f) => IndicatorCube.Selects(f, level, filter, organisations);
        return new IndicatorResult(cube.Definition, cube.Period, level, filter, cube.Unit, cube.Target, cube.At(level, filter, organisations), cube.Warnings,
            locked, corrections.Where(c => Selected(c.Published) || Selected(c.Current)).ToList(), minCount, cube.Provisional);
    }
}
