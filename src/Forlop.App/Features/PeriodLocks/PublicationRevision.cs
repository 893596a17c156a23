using System.CommandLine;
using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.Indicators;
using Forlop.App.Hosting;
using Forlop.Domain;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Organisations;
using Forlop.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.PeriodLocks;

/// <summary>A row recorded between two publications of a period: a late registration, a correction or a withdrawal.</summary>
public sealed record PublicationCause(long Id, string Organisation, string RecordId, string What, DateTime RecordedAt, string? Pathway);

/// <summary>One figure that a revision changed, and the rows recorded since the previous publication that can have changed it.</summary>
public sealed record PublicationChange(string Indicator, IndicatorCorrection Figure, IReadOnlyList<PublicationCause> Causes);

/// <summary>
/// A publication of a period against the one before it: every figure of every indicator that differs, figure by figure
/// (before → after), with the rows recorded between the two registry versions — the corrections that caused the
/// change. The first publication has no previous one and so no changes.
/// </summary>
public sealed record PublicationRevision(PeriodLockInfo Publication, PeriodLockInfo? Previous, IReadOnlyList<PublicationChange> Changes, IReadOnlyList<PublicationCause> Recorded);

/// <summary>Reads the publications of a period (docs/decisions/0030): each kept as it was locked, compared with the one before.</summary>
public sealed class PublicationRevisions(RegistryDb db, PathwayCatalogue catalogue, IndicatorCatalogue indicators, OrganisationDirectory organisations)
{
    /// <summary>Publication <paramref name="number"/> of the period (the newest when null) against the one before it.</summary>
    public async Task<Outcome<PublicationRevision>> RevisionAsync(ReportingPeriod period, int? number, CancellationToken ct)
    {
        var all = await db.PeriodLocks.AsNoTracking().Where(l => l.Period == period.Text).OrderBy(l => l.Publication).ToListAsync(ct);
        var current = number is null ? all.LastOrDefault() : all.FirstOrDefault(l => l.Publication == number);
        if (current is null)
        {
            return new Outcome<PublicationRevision>.NotFound(all.Count == 0
                ? $"{period.Text} has not been locked: it has no publication"
                : $"{period.Text} has publications 1 to {all[^1].Publication}, not {number}");
        }
        var previous = all.LastOrDefault(l => l.Publication < current.Publication);
        if (previous is null)
        {
            return new Outcome<PublicationRevision>.Ready(new PublicationRevision(PeriodLocking.Info(current), null, [], []));
        }
        var recorded = await RecordedBetweenAsync(previous.RegistryVersion, current.RegistryVersion, ct);
        var before = PeriodSnapshot.FromJson(previous.Snapshot);
        var after = PeriodSnapshot.FromJson(current.Snapshot);
        var changes = new List<PublicationChange>();
        foreach (var definition in indicators.All)
        {
            if (before.Cube(definition, period) is not { } then || after.Cube(definition, period) is not { } now)
            {
                continue;
            }
            changes.AddRange(IndicatorCorrection.Between(then, now)
                .Select(c => new PublicationChange(definition.Id, c, recorded.Where(r => Touches(c.Current, r)).ToList())));
        }
        return new Outcome<PublicationRevision>.Ready(new PublicationRevision(PeriodLocking.Info(current), PeriodLocking.Info(previous), changes, recorded));
    }

    private async Task<List<PublicationCause>> RecordedBetweenAsync(long from, long to, CancellationToken ct)
    {
        var rows = await db.Events.AsNoTracking().Where(e => e.Id > from && e.Id <= to).OrderBy(e => e.Id).ToListAsync(ct);
        var replacedIds = rows.Where(r => r.ReplacesId is not null).Select(r => r.ReplacesId!.Value).Distinct().ToList();
        var replaced = await db.Events.AsNoTracking().Where(e => replacedIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return rows.Select(r =>
        {
            var earlier = r.ReplacesId is { } id ? replaced.GetValueOrDefault(id) : null;
            var code = r.Code ?? earlier?.Code;
            var point = r.Code is null ? "" : $"{r.Code} {(r.Date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")}".TrimEnd();
            var what = r.IsWithdrawal ? $"withdrew {earlier?.RecordId}"
                : earlier is not null ? $"corrected {earlier.RecordId}: {point}"
                : $"recorded {point}";
            var pathway = code is not null && catalogue.TryFindEvent(code, out var p, out _) ? p.Code.Value : null;
            return new PublicationCause(r.Id, r.Organisation, r.RecordId, what, r.RecordedAt, pathway);
        }).ToList();
    }

    /// <summary>
    /// Whether a recorded row can have changed a figure: it is of the figure's pathway (or the figure is of all pathways,
    /// or the row's code names no single pathway) and was sent by the figure's organisation or one under it. A transfer
    /// can move a count to another HF than the sender's; the revision's list of every recorded row covers that.
    /// </summary>
    private bool Touches(IndicatorFigure figure, PublicationCause cause)
    {
        var pathway = cause.Pathway is null || string.Equals(figure.Pathway, IndicatorFigure.AllPathways, StringComparison.Ordinal)
            || string.Equals(figure.Pathway, cause.Pathway, StringComparison.Ordinal);
        return pathway && figure.Level switch
        {
            OrganisationLevel.Nation => true,
            OrganisationLevel.Rhf => string.Equals(organisations.RhfOf(cause.Organisation)?.Code, figure.Organisation, StringComparison.Ordinal),
            OrganisationLevel.Hf => string.Equals(organisations.HfOf(cause.Organisation)?.Code, figure.Organisation, StringComparison.Ordinal),
            _ => string.Equals(cause.Organisation, figure.Organisation, StringComparison.Ordinal),
        };
    }

    /// <summary><c>forlop publication PERIOD [--number N]</c>: a publication and, for a revision, what changed since the one before and why.</summary>
    public static Command CreateCommand()
    {
        var periodArgument = new Argument<string>("PERIOD") { Description = "the locked period, as locked (e.g. 2016-T3)" };
        var numberOption = new Option<int?>("--number") { Description = "which publication (default: the newest)" };
        var command = new Command("publication", "Show a publication of a locked period: for a revision, each figure that changed since the previous publication and the corrections that caused it")
        {
            periodArgument, numberOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var errors = parse.InvocationConfiguration.Error;
            if (!ReportingPeriod.TryParse(parse.GetValue(periodArgument), out var period, out var error))
            {
                await errors.WriteLineAsync(error);
                return 1;
            }
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var outcome = await new PublicationRevisions(store.Db, store.Catalogue, store.Indicators, store.Organisations).RevisionAsync(period, parse.GetValue(numberOption), ct);
            if (outcome is not Outcome<PublicationRevision>.Ready ready)
            {
                await errors.WriteLineAsync(outcome.Reason);
                return outcome.ExitCode();
            }
            foreach (var line in Lines(ready.Value))
            {
                await output.WriteLineAsync(line);
            }
            return 0;
        });
        return command;
    }

    /// <summary>The revision as text: the publication, then each changed figure (before → after) with its causes, then every row recorded between.</summary>
    public static IEnumerable<string> Lines(PublicationRevision revision)
    {
        var p = revision.Publication;
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{p.Period} {p.Describe()}: locked {p.LockedAt:yyyy-MM-dd HH:mm} UTC by {p.LockedBy}, registry version {p.RegistryVersion}");
        if (revision.Previous is not { } q)
        {
            yield return "the first publication of the period: nothing to compare with";
            yield break;
        }
        yield return string.Create(CultureInfo.InvariantCulture,
            $"since {q.Describe()} (locked {q.LockedAt:yyyy-MM-dd HH:mm} UTC by {q.LockedBy}, registry version {q.RegistryVersion}): {revision.Changes.Count} figure(s) changed, {revision.Recorded.Count} row(s) recorded");
        foreach (var change in revision.Changes)
        {
            var (then, now) = (change.Figure.Published, change.Figure.Current);
            var where = string.Join(' ', new[] { change.Indicator, now.Pathway, EnumNames.Of(now.Level), now.Organisation, now.Interval, now.Treatment }.Where(x => x is not null));
            var numerator = then.Numerator is null && now.Numerator is null ? "" : $", numerator {Number(then.Numerator)} → {Number(now.Numerator)}";
            var median = then.Quartiles == now.Quartiles ? "" : $", median {Number(then.Quartiles?.Median)} → {Number(now.Quartiles?.Median)}";
            var causes = change.Causes.Count == 0 ? "" : "; caused by " + string.Join(", ", change.Causes.Select(c => $"{c.Organisation} {c.RecordId}"));
            yield return $"  {where}: count {Number(then.Count)} → {Number(now.Count)}{numerator}{median}{causes}";
        }
        foreach (var row in revision.Recorded)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"  recorded {row.RecordedAt:yyyy-MM-dd HH:mm} UTC: {row.Organisation} {row.RecordId} {row.What}");
        }
    }

    private static string Number(decimal? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "–";
}
