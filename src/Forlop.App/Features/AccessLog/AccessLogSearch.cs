using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.Domain.AccessLog;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.AccessLog;

public sealed record AccessLogRow(long Sequence, DateTime At, string User, string Role, string Organisation, string Patient, string Kind, string What, string From);

public sealed record AccessLogPage(IReadOnlyList<AccessLogRow> Rows, int Total, int Page, int PageSize);

public sealed record AccessLogVerification(bool Whole, int Entries, long? BrokenAt, string? Problem);

/// <summary>
/// What an administrator searches the access log by; empty fields do not filter. <see cref="Organisation"/> is the
/// organisation of whoever accessed (the HF of a coordinator or hospital system), dates are calendar days in Oslo.
/// </summary>
public sealed record AccessLogQuery(string? User = null, string? Patient = null, string? Organisation = null, DateOnly? From = null, DateOnly? To = null,
    int Page = 1, int PageSize = AccessLogQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;
}

/// <summary>
/// The administrator's search of the access log and check of its seals: one implementation behind
/// <c>/api/v1/access-log</c> and the page <c>/admin/tilgangslogg</c>. A search shows identity numbers, so it logs
/// one read for each patient on the page it returns, before returning it.
/// </summary>
public static class AccessLogSearch
{
    public static async Task<AccessLogPage> RunAsync(RegistryDb db, AccessLogWriter log, Caller caller, IClock clock, AccessLogQuery search, CancellationToken ct)
    {
        // By patient through the lookup (decision 0034); the other filters on top.
        var query = Blank(search.Patient) is { } patient ? await AccessLogPatients.EntriesOfAsync(db, patient, ct) : db.AccessLog.AsNoTracking();
        if (Blank(search.User) is { } user)
        {
            query = query.Where(e => e.User == user);
        }
        if (Blank(search.Organisation) is { } organisation)
        {
            query = query.Where(e => e.Organisation == organisation);
        }
        if (search.From is { } f)
        {
            var start = Start(f);
            query = query.Where(e => e.At >= start);
        }
        if (search.To is { } t)
        {
            var end = t >= LatestDay ? DateTime.MaxValue : Start(t.AddDays(1));
            query = query.Where(e => e.At < end);
        }
        var pageSize = Math.Clamp(search.PageSize, 1, AccessLogQuery.MaxPageSize);
        // A page past every entry is empty, not an overflow of the offset.
        var page = Math.Clamp(search.Page, 1, int.MaxValue / pageSize);
        var total = await query.CountAsync(ct);
        var rows = (await query.OrderByDescending(e => e.Sequence).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct))
            .Select(e => new AccessLogRow(e.Sequence, DateTime.SpecifyKind(e.At, DateTimeKind.Utc), e.User, e.Role, e.Organisation, e.Patient, e.Kind, e.What, e.From))
            .ToList();
        var now = clock.GetCurrentInstant();
        await log.AppendAsync(rows.Select(r => r.Patient).Where(p => p.Length == 11).Distinct(StringComparer.Ordinal)
            .Select(p => caller.Entry(now, p, AccessKind.Read, "access-log search")).ToList(), ct);
        return new AccessLogPage(rows, total, page, pageSize);
    }

    /// <summary>Whether no entry was changed, removed or reordered; reads the whole log, so pages run it on request.</summary>
    public static Task<AccessLogVerification> VerifyAsync(RegistryDb db, CancellationToken ct) => AccessLogger.VerifyAsync(db, ct);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // Days outside these bounds select the same entries as the bounds (the log starts after 1900), and the ends of
    // the calendar (0001-01-01 in Oslo is still 0000 in UTC, 9999-12-31 has no next day) do not exist as instants.
    private static readonly DateOnly EarliestDay = new(1900, 1, 1);
    private static readonly DateOnly LatestDay = new(9000, 1, 1);

    private static DateTime Start(DateOnly day) =>
        LocalDate.FromDateOnly(day < EarliestDay ? EarliestDay : day > LatestDay ? LatestDay : day).AtStartOfDayInZone(RegistryStore.Oslo).ToDateTimeUtc();
}
