using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.ContactPoints;
using Forlop.App.Hosting;
using Forlop.Domain;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Hjem;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Hjem;

/// <summary>
/// The hospital's needs assessment of a cancer patient's episode, handed on to the patient's municipality: the day of
/// diagnosis (the municipal conversations are timed from it), the topics where the patient has needs, and a note.
/// </summary>
public sealed record HandOverForm(long EpisodeId, string? Municipality, string? DiagnosedOn, IReadOnlyList<string>? Topics, string? Note);

/// <summary>A conversation the municipality held: <c>early</c> (about 3–4 months) or <c>late</c> (12–18 months), the day (YYYY-MM-DD) and a note.</summary>
public sealed record ConversationForm(string? Touchpoint, string? HeldOn, string? Note);

public sealed record HjemConversation(DateOnly HeldOn, string Note, string RecordedBy);

/// <summary>A touchpoint of the municipality: its window, whether it is due, and the conversation once held.</summary>
public sealed record HjemTouchpointView(HjemTouchpoint Touchpoint, DateOnly From, DateOnly To, bool Due, HjemConversation? Conversation);

/// <summary>A hand-over as the hospital and the municipality both see it: the patient, the assessment, the receipt and the municipality's conversations.</summary>
public sealed record HjemHandOver(long Id, long EpisodeId, string NationalId, string? Name, string Pathway, string Hf, string Municipality, string MunicipalityName,
    DateOnly DiagnosedOn, DateOnly AssessedOn, IReadOnlyList<HjemTopic> Topics, string Note, string HandedOverBy, DateTime HandedOverAt,
    string? ReceivedBy, DateTime? ReceivedAt, IReadOnlyList<HjemTouchpointView> Touchpoints);

/// <summary>Who is due for a conversation in one municipality.</summary>
public sealed record HjemDueList(string Municipality, string MunicipalityName, IReadOnlyList<HjemHandOver> HandOvers);

/// <summary>
/// Pakkeforløp hjem between hospital and municipality (issue 13, item 3; decision 0028). A hospital user whose scope
/// holds a cancer episode records the needs assessment and hands it on to the patient's municipality; that
/// municipality's coordinator confirms receipt and records her conversations at about 3–4 and 12–18 months. A
/// municipal user sees only her municipality's residents who were handed on, nobody else; every hand-over shown is
/// logged as read, every change logged with it in the same transaction.
/// </summary>
public sealed class HjemCoordination(RegistryDb db, PathwayCatalogue catalogue, AccessLogWriter log, IClock clock)
{
    public const string NoSuchHandOver = "there is no such hand-over, or it is outside your access";
    public const string ReadPurpose = "hjem hand-over";
    public const string DuePurpose = "hjem due list";

    /// <summary>Who hands on a needs assessment: the hospital's person-data roles (coordinators, clinical leads, hospital systems).</summary>
    public static bool MayHandOver(Actor actor) => AccessPolicy.SeesPersonData(actor.Role);

    private LocalDate Today => clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;

    /// <summary>The hand-overs the caller may see (one municipality's only when given), newest first, each logged as read.</summary>
    public async Task<IReadOnlyList<HjemHandOver>> ListAsync(Caller caller, string? municipality, CancellationToken ct)
    {
        var shown = (await VisibleAsync(caller, null, ct))
            .Where(h => municipality is null || string.Equals(h.Municipality, municipality, StringComparison.Ordinal))
            .OrderByDescending(h => h.HandedOverAt).ThenByDescending(h => h.Id).ToList();
        await LogReadAsync(caller, shown, ReadPurpose, ct);
        return shown;
    }

    /// <summary>Per municipality, the residents handed on whose next conversation is due (listed from two weeks before its window), by window.</summary>
    public async Task<IReadOnlyList<HjemDueList>> DueAsync(Caller caller, CancellationToken ct)
    {
        var due = (await VisibleAsync(caller, null, ct)).Where(h => h.Touchpoints.Any(t => t.Due)).ToList();
        await LogReadAsync(caller, due, DuePurpose, ct);
        return due.GroupBy(h => (h.Municipality, h.MunicipalityName))
            .OrderBy(g => g.Key.Municipality, StringComparer.Ordinal)
            .Select(g => new HjemDueList(g.Key.Municipality, g.Key.MunicipalityName,
                g.OrderBy(h => h.Touchpoints.First(t => t.Due).From).ThenBy(h => h.Id).ToList()))
            .ToList();
    }

    public async Task<Outcome<HjemHandOver>> GetAsync(Caller caller, long id, CancellationToken ct)
    {
        if ((await VisibleAsync(caller, id, ct)).SingleOrDefault() is not { } handOver)
        {
            return new Outcome<HjemHandOver>.NotFound(NoSuchHandOver);
        }
        await LogReadAsync(caller, [handOver], ReadPurpose, ct);
        return handOver;
    }

    public async Task<Outcome<HjemHandOver>> HandOverAsync(Caller caller, HandOverForm form, CancellationToken ct)
    {
        if (!MayHandOver(caller.Actor))
        {
            return new Outcome<HjemHandOver>.NotAllowed("only the hospital hands on a needs assessment");
        }
        var episode = await (from e in db.Episodes.AsNoTracking()
                             join p in db.Patients on e.PatientId equals p.Id
                             where e.Id == form.EpisodeId
                             select new { e.Hf, e.Unit, e.Pathway, p.NationalId }).SingleOrDefaultAsync(ct);
        if (episode is null || !AccessPolicy.MayAccessPatientData(caller.Actor, episode.Hf, episode.Unit))
        {
            return new Outcome<HjemHandOver>.NotFound(Episodes.EpisodeApi.NoSuchEpisode);
        }
        if (catalogue.Pathway(episode.Pathway)?.Family != PathwayFamily.Cancer)
        {
            return new Outcome<HjemHandOver>.Invalid($"episodeId: Pakkeforløp hjem is for cancer patients; pathway {episode.Pathway} is not a cancer pathway");
        }
        var today = Today;
        var number = form.Municipality?.Trim() ?? "";
        if (ContactPointDirectory.Municipalities.Find(number, today) is null)
        {
            return new Outcome<HjemHandOver>.Invalid($"municipality: '{form.Municipality}' is not a municipality number in force today");
        }
        var topics = new List<HjemTopic>();
        foreach (var text in form.Topics ?? [])
        {
            if (!EnumNames.TryParse<HjemTopic>(text, out var topic))
            {
                return new Outcome<HjemHandOver>.Invalid($"topics: '{text}' is not a topic ({string.Join(", ", Enum.GetValues<HjemTopic>().Select(EnumNames.Of))})");
            }
            if (!topics.Contains(topic))
            {
                topics.Add(topic);
            }
        }
        var diagnosed = IsoDate.Parse(form.DiagnosedOn);
        if (HjemRules.HandOverRefusal(diagnosed, today, topics) is { } refusal)
        {
            return new Outcome<HjemHandOver>.Invalid(refusal.En);
        }
        var now = clock.GetCurrentInstant();
        var handOver = new HjemHandOverEntity
        {
            EpisodeId = form.EpisodeId, Hf = episode.Hf, Municipality = number, DiagnosedOn = diagnosed!.Value.ToDateOnly(), AssessedOn = today.ToDateOnly(),
            Topics = string.Join(',', topics.Select(EnumNames.Of)), Note = form.Note?.Trim() ?? "", HandedOverBy = caller.Actor.UserName, HandedOverAt = now.ToDateTimeUtc(),
        };
        var stored = await WriteAsync(async () =>
        {
            if (await db.HjemHandOvers.AnyAsync(h => h.EpisodeId == form.EpisodeId, ct))
            {
                return false;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.HjemHandOvers.Add(handOver);
            await db.SaveChangesAsync(ct);
            await AccessLogger.AppendAsync(db, caller.Entry(now, episode.NationalId, AccessKind.Change,
                $"handed over the needs assessment of episode {form.EpisodeId} to municipality {number}"), ct);
            await transaction.CommitAsync(ct);
            return true;
        }, ct);
        return stored
            ? (await VisibleAsync(caller, handOver.Id, ct)).Single()
            : new Outcome<HjemHandOver>.Conflict($"the needs assessment of episode {form.EpisodeId} is handed over already");
    }

    /// <summary>The municipality confirms it has received a hand-over: its own coordinator only, once.</summary>
    public async Task<Outcome<HjemHandOver>> ConfirmReceiptAsync(Caller caller, long id, CancellationToken ct)
    {
        if ((await VisibleAsync(caller, id, ct)).SingleOrDefault() is not { } handOver)
        {
            return new Outcome<HjemHandOver>.NotFound(NoSuchHandOver);
        }
        if (caller.Actor.Role != Role.MunicipalityCoordinator)
        {
            return new Outcome<HjemHandOver>.NotAllowed("only the municipality confirms receipt");
        }
        if (handOver.ReceivedAt is not null)
        {
            return new Outcome<HjemHandOver>.Conflict($"receipt was confirmed by {handOver.ReceivedBy} already");
        }
        var now = clock.GetCurrentInstant();
        await WriteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var entity = await db.HjemHandOvers.SingleAsync(h => h.Id == id, ct);
            entity.ReceivedBy = caller.Actor.UserName;
            entity.ReceivedAt = now.ToDateTimeUtc();
            await db.SaveChangesAsync(ct);
            await AccessLogger.AppendAsync(db, caller.Entry(now, handOver.NationalId, AccessKind.Change, $"confirmed receipt of hjem hand-over {id}"), ct);
            await transaction.CommitAsync(ct);
            return true;
        }, ct);
        return (await VisibleAsync(caller, id, ct)).Single();
    }

    /// <summary>The municipality records a conversation at a touchpoint: its own coordinator, after receipt, once per touchpoint.</summary>
    public async Task<Outcome<HjemHandOver>> RecordConversationAsync(Caller caller, long id, ConversationForm form, CancellationToken ct)
    {
        if ((await VisibleAsync(caller, id, ct)).SingleOrDefault() is not { } handOver)
        {
            return new Outcome<HjemHandOver>.NotFound(NoSuchHandOver);
        }
        if (caller.Actor.Role != Role.MunicipalityCoordinator)
        {
            return new Outcome<HjemHandOver>.NotAllowed("only the municipality records its conversations");
        }
        if (!EnumNames.TryParse<HjemTouchpoint>(form.Touchpoint, out var touchpoint))
        {
            return new Outcome<HjemHandOver>.Invalid($"touchpoint: '{form.Touchpoint}' is not early (about 3–4 months) or late (12–18 months)");
        }
        if (HjemRules.ConversationRefusal(IsoDate.Parse(form.HeldOn), LocalDate.FromDateOnly(handOver.DiagnosedOn), Today) is { } refusal)
        {
            return new Outcome<HjemHandOver>.Invalid(refusal.En);
        }
        if (handOver.ReceivedAt is null)
        {
            return new Outcome<HjemHandOver>.Conflict("confirm receipt of the hand-over first");
        }
        var now = clock.GetCurrentInstant();
        var name = EnumNames.Of(touchpoint);
        var stored = await WriteAsync(async () =>
        {
            if (await db.HjemConversations.AnyAsync(c => c.HandOverId == id && c.Touchpoint == name, ct))
            {
                return false;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.HjemConversations.Add(new HjemConversationEntity
            {
                HandOverId = id, Touchpoint = name, HeldOn = IsoDate.Parse(form.HeldOn)!.Value.ToDateOnly(), Note = form.Note?.Trim() ?? "",
                RecordedBy = caller.Actor.UserName, RecordedAt = now.ToDateTimeUtc(),
            });
            await db.SaveChangesAsync(ct);
            await AccessLogger.AppendAsync(db, caller.Entry(now, handOver.NationalId, AccessKind.Change, $"recorded the {name} hjem conversation of hand-over {id}"), ct);
            await transaction.CommitAsync(ct);
            return true;
        }, ct);
        return stored
            ? (await VisibleAsync(caller, id, ct)).Single()
            : new Outcome<HjemHandOver>.Conflict($"the {name} conversation is recorded already");
    }

    /// <summary>
    /// The hand-overs the caller may see, not logged: a municipal user's are filtered in the query to her municipality,
    /// the hospital's by the episode's scope (<see cref="AccessPolicy.MaySeeHandOver"/> decides both).
    /// </summary>
    private async Task<List<HjemHandOver>> VisibleAsync(Caller caller, long? id, CancellationToken ct)
    {
        var actor = caller.Actor;
        var query = from h in db.HjemHandOvers.AsNoTracking()
                    join e in db.Episodes on h.EpisodeId equals e.Id
                    join p in db.Patients on e.PatientId equals p.Id
                    select new { h, e.Unit, e.Pathway, p.NationalId, p.Name };
        query = actor.Role == Role.MunicipalityCoordinator
            ? query.Where(r => r.h.Municipality == actor.Organisation)
            : query.Where(r => r.h.Hf == actor.Organisation);
        if (id is { } one)
        {
            query = query.Where(r => r.h.Id == one);
        }
        var rows = (await query.ToListAsync(ct)).Where(r => AccessPolicy.MaySeeHandOver(actor, r.h.Hf, r.Unit, r.h.Municipality)).ToList();
        var ids = rows.Select(r => r.h.Id).ToList();
        var conversations = (await db.HjemConversations.AsNoTracking().Where(c => ids.Contains(c.HandOverId)).ToListAsync(ct)).ToLookup(c => c.HandOverId);
        var today = Today;
        return rows.Select(r =>
        {
            var held = conversations[r.h.Id].ToDictionary(c => c.Touchpoint, StringComparer.Ordinal);
            var touchpoints = HjemRules.Windows(LocalDate.FromDateOnly(r.h.DiagnosedOn)).Select(w =>
            {
                var c = held.GetValueOrDefault(EnumNames.Of(w.Touchpoint));
                return new HjemTouchpointView(w.Touchpoint, w.From.ToDateOnly(), w.To.ToDateOnly(), HjemRules.IsDue(w, c is not null, today),
                    c is null ? null : new HjemConversation(c.HeldOn, c.Note, c.RecordedBy));
            }).ToList();
            var municipality = ContactPointDirectory.Municipalities.Versions.LastOrDefault(m => string.Equals(m.Number, r.h.Municipality, StringComparison.Ordinal));
            return new HjemHandOver(r.h.Id, r.h.EpisodeId, r.NationalId, r.Name, r.Pathway, r.h.Hf, r.h.Municipality, municipality?.Name ?? r.h.Municipality,
                r.h.DiagnosedOn, r.h.AssessedOn, r.h.Topics.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => EnumNames.TryParse<HjemTopic>(t, out var topic)
                    ? topic : throw new InvalidOperationException($"stored topic '{t}'")).ToList(),
                r.h.Note, r.h.HandedOverBy, DateTime.SpecifyKind(r.h.HandedOverAt, DateTimeKind.Utc), r.h.ReceivedBy,
                r.h.ReceivedAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null, touchpoints);
        }).ToList();
    }

    private async Task LogReadAsync(Caller caller, List<HjemHandOver> shown, string purpose, CancellationToken ct)
    {
        if (shown.Count > 0)
        {
            var now = clock.GetCurrentInstant();
            await log.AppendAsync(shown.Select(h => caller.Entry(now, h.NationalId, AccessKind.Read, $"{purpose}: hand-over {h.Id}, episode {h.EpisodeId}")).ToList(), ct);
        }
    }

    /// <summary>Writes pass the web app's one writer gate, as registrations and log entries do (decision 0005).</summary>
    private async Task<bool> WriteAsync(Func<Task<bool>> write, CancellationToken ct)
    {
        await log.WriteGate.WaitAsync(ct);
        try
        {
            return await write();
        }
        finally
        {
            db.ChangeTracker.Clear();
            log.WriteGate.Release();
        }
    }
}
