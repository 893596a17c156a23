using Forlop.App.Data;
using Forlop.Domain;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.ImportFeedback;

/// <summary>Where a delivery came from.</summary>
public enum DeliverySource
{
    File,
    Api,
    Fhir,
}

/// <summary>
/// Collects the feedback of one delivery while it is taken in — every row accepted or rejected and the episodes it
/// touched — and stores one document per sending HF (issue 14, item 3; decision 0031). Errors are the refusals the
/// import's rules gave; warnings are <see cref="DeliveryWarnings"/> of each episode holding a row of this delivery.
/// An HF is the sender of a row when the row's organisation is the HF or one of its units.
/// </summary>
public sealed class DeliveryFeedback(DeliverySource source, string name, string sentBy, OrganisationDirectory organisations, PathwayCatalogue catalogue, LocalDate today)
{
    public DeliverySource Source => source;
    public string Name => name;
    public string SentBy => sentBy;

    private readonly Dictionary<string, ImportFeedbackEntity> _documents = new(StringComparer.Ordinal);
    private readonly List<(string Hf, ImportFeedbackItemEntity Item)> _items = [];
    private readonly HashSet<(string Hf, long EpisodeId)> _touched = [];

    /// <summary>The HF of an organisation as sent; empty when the register does not know it.</summary>
    public string HfOf(string? organisation) =>
        organisation is { Length: > 0 } code && organisations.HfOf(code.Trim()) is { } hf ? hf.Code.Value : "";

    private ImportFeedbackEntity Document(string hf)
    {
        if (!_documents.TryGetValue(hf, out var document))
        {
            document = new ImportFeedbackEntity { Hf = hf, Source = EnumNames.Of(source), Name = name, SentBy = sentBy };
            _documents[hf] = document;
        }
        return document;
    }

    public void Accepted(string organisation) => Document(HfOf(organisation)).Accepted++;

    public void Rejected(string? organisation, int? line, string? recordId, string? nationalId, string column, string message, string? messageNb)
    {
        var hf = HfOf(organisation);
        Document(hf).Errors++;
        _items.Add((hf, new ImportFeedbackItemEntity
        {
            Severity = "error", Kind = "rejected", Line = line, RecordId = Cut(recordId, 64), Column = Cut(column, 32),
            NationalId = Cut(nationalId?.Trim(), 32), Message = Cut(message, 1024)!, MessageNb = Cut(messageNb, 1024),
        }));
    }

    /// <summary>The warnings of an episode this delivery touched, for the HF holding it; <paramref name="row"/> is its stored row.</summary>
    public void Touched(Episode episode, EpisodeEntity row, string nationalId, int? line)
    {
        var activity = new EpisodeActivity(row.Id, row.Pathway, row.Unit, episode.IsOpen, LocalDate.FromDateOnly(row.StartDate), LocalDate.FromDateOnly(row.SeniorityDate),
            LocalDate.FromDateOnly(row.LastEventDate), row.Findings);
        var warnings = DeliveryWarnings.Of(episode, activity, catalogue, today);
        // The episode's warnings as it stands now replace those an earlier row of this delivery gave it (a Bundle or a
        // day of REST registrations may touch it twice): a later point can end a warning, as a start's "inactive" ends
        // with the next point.
        _touched.Add((row.Hf, row.Id));
        var earlier = _items.RemoveAll(i => i.Hf == row.Hf && i.Item.Severity == "warning" && i.Item.EpisodeId == row.Id);
        if (earlier > 0)
        {
            Document(row.Hf).Warnings -= earlier;
        }
        if (warnings.Count == 0)
        {
            return;
        }
        var document = Document(row.Hf);
        foreach (var warning in warnings)
        {
            document.Warnings++;
            _items.Add((row.Hf, new ImportFeedbackItemEntity
            {
                Severity = "warning", Kind = warning.Kind, Line = line, RecordId = Cut(episode.Start.Event.RecordId, 64), EpisodeId = row.Id,
                NationalId = nationalId, Message = Cut(warning.Description.En, 1024)!, MessageNb = Cut(warning.Description.Nb, 1024),
            }));
        }
    }

    /// <summary>Whether anything was received: a delivery of nothing leaves no document.</summary>
    public bool IsEmpty => _documents.Count == 0;

    /// <summary>Adds the documents and their lines to <paramref name="db"/> and saves them, in the caller's transaction.</summary>
    public async Task SaveAsync(RegistryDb db, long? batchId, DateTime receivedAt, CancellationToken ct)
    {
        foreach (var document in _documents.Values)
        {
            document.BatchId = batchId;
            document.ReceivedAt = receivedAt;
        }
        db.ImportFeedback.AddRange(_documents.Values);
        await db.SaveChangesAsync(ct);
        foreach (var (hf, item) in _items)
        {
            item.FeedbackId = _documents[hf].Id;
        }
        db.ImportFeedbackItems.AddRange(_items.Select(i => i.Item));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds this delivery's counts and lines to a document already stored (a day of REST registrations).</summary>
    public async Task AppendAsync(RegistryDb db, Func<string, Task<ImportFeedbackEntity?>> stored, DateTime receivedAt, CancellationToken ct)
    {
        foreach (var (hf, document) in _documents.ToList())
        {
            if (await stored(hf) is { } existing)
            {
                // The day's earlier warnings of an episode this delivery touched are replaced by its warnings now.
                var touched = _touched.Where(t => string.Equals(t.Hf, hf, StringComparison.Ordinal)).Select(t => (long?)t.EpisodeId).ToList();
                if (touched.Count > 0)
                {
                    var stale = await db.ImportFeedbackItems
                        .Where(i => i.FeedbackId == existing.Id && i.Severity == "warning" && touched.Contains(i.EpisodeId))
                        .ToListAsync(ct);
                    db.ImportFeedbackItems.RemoveRange(stale);
                    existing.Warnings -= stale.Count;
                }
                existing.Accepted += document.Accepted;
                existing.Errors += document.Errors;
                existing.Warnings += document.Warnings;
                _documents[hf] = existing;
            }
            else
            {
                document.ReceivedAt = receivedAt;
                db.ImportFeedback.Add(document);
            }
        }
        await db.SaveChangesAsync(ct);
        foreach (var (hf, item) in _items)
        {
            item.FeedbackId = _documents[hf].Id;
        }
        db.ImportFeedbackItems.AddRange(_items.Select(i => i.Item));
        await db.SaveChangesAsync(ct);
    }

    // PostgreSQL's text cannot hold U+0000, which a hostile or broken sender may put in any field the message echoes
    // (HostileRequestsTests: a 500 on PostgreSQL); stored as the replacement character instead.
    private static string? Cut(string? text, int length)
    {
        text = text?.Replace('\0', '\uFFFD');
        return text is null || text.Length <= length ? text : text[..length];
    }
}
