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
/// level and unsuppressed, are stored as published (<see cref="PeriodSnapshot"/>). Reports of the period then show those
/// figures and, beside them, what later corrections changed. A lock is never replaced. The caller decides who may lock.
/// </summary>
public sealed class PeriodLocking(RegistryDb db, IndicatorService indicators, IClock clock)
{
    public async Task<PeriodLockOutcome> LockAsync(ReportingPeriod period, string lockedBy, CancellationToken ct)
    {
        if (await db.PeriodLocks.AsNoTracking().SingleOrDefaultAsync(l => l.Period == period.Text, ct) is { } existing)
        {
            return new PeriodLockOutcome(null, 0, Already(existing));
        }
        var cubes = new List<Domain.Indicators.IndicatorCube>();
        foreach (var definition in indicators.Indicators.All)
        {
            cubes.Add(await indicators.ComputeCurrentCubeAsync(definition, period, ct));
        }
        var entity = new PeriodLockEntity
        {
            Period = period.Text,
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
            // Locked by someone else meanwhile: theirs stands.
            db.ChangeTracker.Clear();
            var theirs = await db.PeriodLocks.AsNoTracking().SingleAsync(l => l.Period == period.Text, ct);
            return new PeriodLockOutcome(null, 0, Already(theirs));
        }
        db.ChangeTracker.Clear();
        return new PeriodLockOutcome(new PeriodLockInfo(entity.Period, entity.LockedAt, entity.LockedBy), cubes.Count, null);
    }

    public async Task<IReadOnlyList<PeriodLockInfo>> ListAsync(CancellationToken ct) =>
        (await db.PeriodLocks.AsNoTracking().Select(l => new { l.Period, l.LockedAt, l.LockedBy }).ToListAsync(ct))
            .Select(l => new PeriodLockInfo(l.Period, l.LockedAt, l.LockedBy)).OrderBy(l => l.Period, StringComparer.Ordinal).ToList();

    private static string Already(PeriodLockEntity existing) => FormattableString.Invariant(
        $"{existing.Period} is already locked (on {existing.LockedAt:yyyy-MM-dd HH:mm} UTC by {existing.LockedBy}); a lock is never replaced");

    /// <summary><c>forlop lock-period PERIOD… [--by NAME]</c>, and <c>forlop lock-period --list</c>.</summary>
    public static Command CreateCommand()
    {
        var periods = new Argument<string[]>("PERIOD") { Description = "periods to lock: YYYY, YYYY-Tn, YYYY-Qn or YYYY-MM (each exactly as reports ask for it)", Arity = ArgumentArity.ZeroOrMore };
        var by = new Option<string>("--by") { Description = "who locks (kept with the lock)", DefaultValueFactory = _ => Environment.UserName };
        var list = new Option<bool>("--list") { Description = "list the locked periods" };
        var command = new Command("lock-period", "Lock periods: their figures as published stay reproducible; later corrections are reported beside them") { periods, by, list };
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
                    await output.WriteLineAsync(FormattableString.Invariant($"{l.Period}  locked {l.LockedAt:yyyy-MM-dd HH:mm} UTC by {l.LockedBy}"));
                }
            }
            var exit = 0;
            foreach (var period in parsed)
            {
                var outcome = await locking.LockAsync(period, parse.GetValue(by)!, ct);
                if (outcome.Locked is { } locked)
                {
                    await output.WriteLineAsync($"{locked.Period} locked: the figures of {outcome.Indicators} indicators are kept as published");
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
