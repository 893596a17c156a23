using System.CommandLine;
using Forlop.App.Data;
using Forlop.App.Features.Indicators;
using Forlop.App.Hosting;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.PeriodLocks;

/// <summary>The outcome of locking a period: the lock, or why there is none.</summary>
public sealed record PeriodLockOutcome(PeriodLockInfo? Locked, int Indicators, string? Refusal);

/// <summary>
/// Locks a reporting period, as NPR does after the annual reporting: every indicator's figures for the period, at every
/// level and unsuppressed, are stored as published (<see cref="PeriodSnapshot"/>) with the registry's version they were
/// taken at. Each lock is a new numbered publication of the period — 1 the first, then the revisions 2, 3 … as late
/// corrections arrive — and no publication is ever changed or replaced. Reports of the period show the newest
/// publication and, beside it, what later corrections changed. The caller decides who may lock.
/// </summary>
public sealed class PeriodLocking(RegistryDb db, IndicatorService indicators, IClock clock)
{
    public async Task<PeriodLockOutcome> LockAsync(ReportingPeriod period, string lockedBy, CancellationToken ct)
    {
        // The version is read before the figures: a row stored while they are computed may show in them, but every row
        // up to the version does (the delivery of a locked month reads exactly the rows up to it).
        var version = await RegistryVersion.NewestEventAsync(db, ct);
        var previous = await PublishedAsync(db, period.Text, ct);
        if (previous is not null && previous.RegistryVersion == version)
        {
            return new PeriodLockOutcome(null, 0, Unchanged(previous));
        }
        var cubes = new List<Domain.Indicators.IndicatorCube>();
        foreach (var definition in indicators.Indicators.All)
        {
            cubes.Add(await indicators.ComputeCurrentCubeAsync(definition, period, ct));
        }
        var entity = new PeriodLockEntity
        {
            Period = period.Text,
            Publication = (previous?.Publication ?? 0) + 1,
            RegistryVersion = version,
            LockedAt = clock.GetCurrentInstant().ToDateTimeUtc(),
            LockedBy = lockedBy,
            Snapshot = PeriodSnapshot.Of(period, cubes).ToJson(),
        };
        db.PeriodLocks.Add(entity);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone else published this number meanwhile: theirs stands, and nothing is overwritten.
            db.ChangeTracker.Clear();
            var theirs = await PublishedAsync(db, period.Text, ct);
            return new PeriodLockOutcome(null, 0, FormattableString.Invariant(
                $"{period.Text} was locked as publication {theirs!.Publication} by {theirs.LockedBy} meanwhile; a publication is never replaced"));
        }
        db.ChangeTracker.Clear();
        return new PeriodLockOutcome(Info(entity), cubes.Count, null);
    }

    /// <summary>Every publication of every locked period, by period and number.</summary>
    public async Task<IReadOnlyList<PeriodLockInfo>> ListAsync(CancellationToken ct) =>
        (await db.PeriodLocks.AsNoTracking().Select(l => new { l.Period, l.Publication, l.RegistryVersion, l.LockedAt, l.LockedBy }).ToListAsync(ct))
            .Select(l => new PeriodLockInfo(l.Period, l.LockedAt, l.LockedBy, l.Publication, l.RegistryVersion))
            .OrderBy(l => l.Period, StringComparer.Ordinal).ThenBy(l => l.Publication).ToList();

    /// <summary>The newest publication of a period (what reports show), or null when it was never locked.</summary>
    public static Task<PeriodLockEntity?> PublishedAsync(RegistryDb db, string period, CancellationToken ct) =>
        db.PeriodLocks.AsNoTracking().Where(l => l.Period == period).OrderByDescending(l => l.Publication).FirstOrDefaultAsync(ct);

    public static PeriodLockInfo Info(PeriodLockEntity l) => new(l.Period, l.LockedAt, l.LockedBy, l.Publication, l.RegistryVersion);

    private static string Unchanged(PeriodLockEntity existing) => FormattableString.Invariant(
        $"{existing.Period} is already locked as publication {existing.Publication} (on {existing.LockedAt:yyyy-MM-dd HH:mm} UTC by {existing.LockedBy}) and nothing has been recorded since: a revision would change nothing");

    /// <summary><c>forlop lock-period PERIOD… [--by NAME]</c>, and <c>forlop lock-period --list</c>.</summary>
    public static Command CreateCommand()
    {
        var periods = new Argument<string[]>("PERIOD") { Description = "periods to lock: YYYY, YYYY-Tn, YYYY-Qn or YYYY-MM (each exactly as reports ask for it)", Arity = ArgumentArity.ZeroOrMore };
        var by = new Option<string>("--by") { Description = "who locks (kept with the lock)", DefaultValueFactory = _ => Environment.UserName };
        var list = new Option<bool>("--list") { Description = "list the locked periods" };
        var command = new Command("lock-period", "Lock periods: each lock is a numbered publication (1, then revisions) whose figures stay reproducible; later corrections are reported beside them") { periods, by, list };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var errors = parse.InvocationConfiguration.Error;
            var parsed = new List<ReportingPeriod>();
            foreach (var text in parse.GetValue(periods) ?? [])
            {
                if (!ReportingPeriod.TryParse(text, out var period, out var error))
                {
                    await errors.WriteLineAsync(error);
                    return 1;
                }
                parsed.Add(period);
            }
            if (parsed.Count == 0 && !parse.GetValue(list))
            {
                await errors.WriteLineAsync("name the periods to lock (e.g. 2016 2016-T3), or --list");
                return 1;
            }
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var locking = new PeriodLocking(store.Db, new IndicatorService(store.Db, store.Catalogue, store.Indicators, store.Organisations), store.Clock);
            if (parse.GetValue(list))
            {
                foreach (var l in await locking.ListAsync(ct))
                {
                    await output.WriteLineAsync(FormattableString.Invariant($"{l.Period}  {l.Describe()}  locked {l.LockedAt:yyyy-MM-dd HH:mm} UTC by {l.LockedBy}, registry version {l.RegistryVersion}"));
                }
            }
            var exit = 0;
            foreach (var period in parsed)
            {
                var outcome = await locking.LockAsync(period, parse.GetValue(by)!, ct);
                if (outcome.Locked is { } locked)
                {
                    await output.WriteLineAsync($"{locked.Period} locked as {locked.Describe()}: the figures of {outcome.Indicators} indicators are kept as published");
                }
                else
                {
                    await errors.WriteLineAsync(outcome.Refusal);
                    exit = 2;
                }
            }
            return exit;
        });
        return command;
    }
}
