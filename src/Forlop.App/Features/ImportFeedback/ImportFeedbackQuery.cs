using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Exports;
using Forlop.App.Hosting;
using Forlop.Domain;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.ImportFeedback;

/// <summary>One delivery of an HF and its counts (no person data).</summary>
public sealed record DeliverySummary(long Id, string Source, string Name, string SentBy, DateTime ReceivedAt, long? BatchId, int Accepted, int Errors, int Warnings);

/// <summary>How many lines of a kind the HF's deliveries of a month got: the trend of its data quality.</summary>
public sealed record KindCount(string Month, string Severity, string Kind, int Count);

/// <summary>An HF's deliveries, newest first, and the counts per kind per month of receipt.</summary>
public sealed record FeedbackOverview(string Hf, IReadOnlyList<DeliverySummary> Deliveries, IReadOnlyList<KindCount> Trend);

/// <summary>One line of a feedback document: an error (rejected) or a warning (accepted but suspicious), per record.</summary>
public sealed record FeedbackLine(string Severity, string Kind, int? Line, string? RecordId, string? Column, long? EpisodeId, string? NationalId, string Message, string? MessageNb);

/// <summary>A delivery's feedback document for its HF, a page of its lines at a time.</summary>
public sealed record FeedbackDocument(DeliverySummary Delivery, string Hf, string? Severity, int Total, int Page, int PageSize, IReadOnlyList<FeedbackLine> Lines);

/// <summary>
/// Reading the feedback of deliveries (issue 14, item 3; decision 0031). An HF's feedback is read by its own people
/// who see person data — its coordinators (not limited to units), clinical leads and hospital systems; another HF's
/// documents answer 404 as if they did not exist. The lines name patients: each patient on a page, or in a file, is
/// logged before the answer. The overview holds counts only.
/// </summary>
public static class ImportFeedbackQuery
{
    public const int MaxPageSize = 500;

    /// <summary>Whether the actor reads the feedback of <paramref name="hf"/>: a person-data role of that HF, not limited to units.</summary>
    public static bool MayRead(Actor actor, string hf) =>
        actor.SeesPersonData && string.Equals(actor.Organisation, hf, StringComparison.Ordinal) && (actor.Role == Role.ClinicalLead || actor.Units.Count == 0);

    public static async Task<Outcome<FeedbackOverview>> OverviewAsync(RegistryDb db, OrganisationDirectory organisations, Caller caller, string? hf, CancellationToken ct)
    {
        var code = string.IsNullOrEmpty(hf) ? caller.Actor.Organisation : hf;
        if (organisations.Find(code) is not { Kind: OrganisationKind.Hf or OrganisationKind.Ideell })
        {
            return new Outcome<FeedbackOverview>.Invalid($"'{code}' is not an HF");
        }
        if (!MayRead(caller.Actor, code))
        {
            return new Outcome<FeedbackOverview>.NotAllowed($"the feedback of {code}'s deliveries is for {code}'s own coordinators, clinical leads and systems");
        }
        var documents = await db.ImportFeedback.AsNoTracking().Where(f => f.Hf == code).OrderByDescending(f => f.ReceivedAt).ThenByDescending(f => f.Id).ToListAsync(ct);
        var ids = documents.Select(d => d.Id).ToList();
        var kinds = new List<(long FeedbackId, string Severity, string Kind, int Count)>();
        foreach (var chunk in ids.Chunk(1000))
        {
            var some = chunk.ToList();
            kinds.AddRange((await db.ImportFeedbackItems.AsNoTracking().Where(i => some.Contains(i.FeedbackId))
                    .GroupBy(i => new { i.FeedbackId, i.Severity, i.Kind }).Select(g => new { g.Key.FeedbackId, g.Key.Severity, g.Key.Kind, Count = g.Count() }).ToListAsync(ct))
                .Select(k => (k.FeedbackId, k.Severity, k.Kind, k.Count)));
        }
        var monthOf = documents.ToDictionary(d => d.Id, d => Instant.FromDateTimeUtc(DateTime.SpecifyKind(d.ReceivedAt, DateTimeKind.Utc)).InZone(RegistryStore.Oslo).Date.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var trend = kinds.GroupBy(k => (Month: monthOf[k.FeedbackId], k.Severity, k.Kind))
            .Select(g => new KindCount(g.Key.Month, g.Key.Severity, g.Key.Kind, g.Sum(k => k.Count)))
            .OrderBy(k => k.Month, StringComparer.Ordinal).ThenBy(k => k.Severity, StringComparer.Ordinal).ThenBy(k => k.Kind, StringComparer.Ordinal)
            .ToList();
        return new FeedbackOverview(code, documents.Select(Summary).ToList(), trend);
    }

    public static async Task<Outcome<FeedbackDocument>> DocumentAsync(RegistryDb db, AccessLogWriter log, Caller caller, long id, string? severity, int page, int pageSize,
        IClock clock, CancellationToken ct)
    {
        if (await FindAsync(db, caller, id, ct) is not { } document)
        {
            return new Outcome<FeedbackDocument>.NotFound($"there is no feedback {id} of your HF");
        }
        var lines = Lines(db, id, severity);
        var total = await lines.CountAsync(ct);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var number = Math.Max(1, page);
        var shown = await lines.Skip((number - 1) * size).Take(size).ToListAsync(ct);
        await LogAsync(log, caller, shown, $"import feedback {id}", clock, ct);
        return new FeedbackDocument(Summary(document), document.Hf, severity, total, number, size, shown.Select(Line).ToList());
    }

    /// <summary>The whole document as a table for a file, each patient in it logged once for this file.</summary>
    public static async Task<Outcome<ExportTable>> TableAsync(RegistryDb db, AccessLogWriter log, Caller caller, long id, IClock clock, CancellationToken ct)
    {
        if (await FindAsync(db, caller, id, ct) is not { } document)
        {
            return new Outcome<ExportTable>.NotFound($"there is no feedback {id} of your HF");
        }
        var lines = await Lines(db, id, null).ToListAsync(ct);
        await LogAsync(log, caller, lines, $"import feedback {id} csv", clock, ct);
        var columns = new ExportColumn[]
        {
            new("severity", "Alvorlighet", ColumnKind.Text), new("kind", "Type", ColumnKind.Text), new("line", "Linje", ColumnKind.Count),
            new("record_id", "Registrerings-ID", ColumnKind.Text), new("column", "Felt", ColumnKind.Text), new("episode_id", "Forløp", ColumnKind.Count),
            new("patient_id", "Fødselsnummer", ColumnKind.Text), new("message", "Melding", ColumnKind.Text), new("message_en", "Melding (engelsk)", ColumnKind.Text),
        };
        var rows = lines.Select(l => new ExportRow(
        [
            new ExportCell.Text(l.Severity), new ExportCell.Text(l.Kind), l.Line is { } n ? new ExportCell.Count(n) : ExportCell.Empty.Instance,
            Text(l.RecordId), Text(l.Column), l.EpisodeId is { } e ? new ExportCell.Count(e) : ExportCell.Empty.Instance,
            Text(l.NationalId), Text(l.MessageNb ?? l.Message), new ExportCell.Text(l.Message),
        ])).ToList();
        var received = Instant.FromDateTimeUtc(DateTime.SpecifyKind(document.ReceivedAt, DateTimeKind.Utc)).InZone(RegistryStore.Oslo);
        return new ExportTable($"Tilbakemelding på leveranse {document.Id}", $"{document.Hf} · {document.Name} · {received.Date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}: " +
            $"{document.Accepted} godtatt, {document.Errors} avvist, {document.Warnings} advarsler", columns, rows);

        static ExportCell Text(string? value) => value is null ? ExportCell.Empty.Instance : new ExportCell.Text(value);
    }

    public static string FileName(long id) => FormattableString.Invariant($"tilbakemelding-leveranse-{id}");

    private static async Task<ImportFeedbackEntity?> FindAsync(RegistryDb db, Caller caller, long id, CancellationToken ct) =>
        await db.ImportFeedback.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct) is { } found && MayRead(caller.Actor, found.Hf) ? found : null;

    /// <summary>Errors first, in the order of the delivery (line), then warnings.</summary>
    private static IQueryable<ImportFeedbackItemEntity> Lines(RegistryDb db, long id, string? severity)
    {
        var lines = db.ImportFeedbackItems.AsNoTracking().Where(i => i.FeedbackId == id);
        if (!string.IsNullOrEmpty(severity))
        {
            lines = lines.Where(i => i.Severity == severity);
        }
        return lines.OrderBy(i => i.Severity).ThenBy(i => i.Line).ThenBy(i => i.Id);
    }

    private static Task LogAsync(AccessLogWriter log, Caller caller, IReadOnlyList<ImportFeedbackItemEntity> lines, string what, IClock clock, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        return log.AppendAsync(lines.Where(l => !string.IsNullOrWhiteSpace(l.NationalId)).Select(l => l.NationalId!).Distinct(StringComparer.Ordinal)
            .Select(patient => caller.Entry(now, patient, AccessKind.Read, what)).ToList(), ct);
    }

    private static DeliverySummary Summary(ImportFeedbackEntity d) =>
        new(d.Id, d.Source, d.Name, d.SentBy, DateTime.SpecifyKind(d.ReceivedAt, DateTimeKind.Utc), d.BatchId, d.Accepted, d.Errors, d.Warnings);

    private static FeedbackLine Line(ImportFeedbackItemEntity i) => new(i.Severity, i.Kind, i.Line, i.RecordId, i.Column, i.EpisodeId, i.NationalId, i.Message, i.MessageNb);
}
