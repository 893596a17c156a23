using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Registration;
using Forlop.App.Hosting;
using Forlop.Domain;
using Forlop.Domain.Access;
using Forlop.Domain.AccessLog;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Codes;
using Forlop.Domain.Mdt;
using Forlop.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Mdt;

/// <summary>A team as the API takes it: name, pathway codes, how often it meets (days; weekly when left out) and its members.</summary>
public sealed record MdtTeamForm(string? Name, IReadOnlyList<string>? Pathways, int? EveryDays, IReadOnlyList<MdtMemberForm>? Members);

/// <summary>A member: name, role (pathologist, radiologist, surgeon, oncologist, coordinator) and HF or unit she works at (the team's HF when left out).</summary>
public sealed record MdtMemberForm(string? Name, string? Role, string? Organisation);

/// <summary>A member as the team lists her: her HF, and whether she joins by video from another HF.</summary>
public sealed record MdtTeamMember(string Name, MdtRole Role, string Hf, bool ByVideo);

public sealed record MdtTeam(long Id, string Hf, string Name, IReadOnlyList<string> Pathways, int EveryDays, IReadOnlyList<MdtTeamMember> Members);

/// <summary>Convenes <see cref="Count"/> meetings of a team (one when left out) from <see cref="Date"/> (YYYY-MM-DD) at <see cref="Time"/> (HH:MM), at the team's recurrence.</summary>
public sealed record ConveneForm(long TeamId, string? Date, string? Time, int? Count);

/// <summary>A meeting in the HF's list: when, which team, when the team meets next, and how many patients are listed and decided.</summary>
public sealed record MdtMeetingSummary(long Id, long TeamId, string Team, string Hf, DateOnly Date, TimeOnly Time, DateOnly NextMeeting, int Patients, int Decided);

/// <summary>A patient to add to a meeting's list: the episode and the question the team is to answer.</summary>
public sealed record AddToListForm(long EpisodeId, string? Question);

/// <summary>
/// A decision record: the clinical-decision point to register (one of the pathway's decision codes, e.g. A01CK), who
/// decided, what, who carries it out and by when (YYYY-MM-DD).
/// </summary>
public sealed record DecisionForm(string? Code, string? DecidedBy, string? Decision, string? CarriedOutBy, string? DueBy);

/// <summary>A decision record: the clinical-decision point registered, who decided, what, who carries it out and by when; the meeting it was made at.</summary>
public sealed record MdtDecision(string Code, string DecidedBy, string Decision, string CarriedOutBy, DateOnly DueBy, long EventId, string RecordedBy,
    long MeetingId, DateOnly MeetingDate);

/// <summary>
/// A patient on a meeting's list. <see cref="DecisionDeadline"/> is when the clinical decision is due under the
/// standard (while it is the next point); <see cref="DueBeforeNextMeeting"/> warns that it cannot wait for the next meeting.
/// </summary>
public sealed record MdtListEntry(long EpisodeId, string NationalId, string? Name, string Pathway, string Unit, string Question, DateOnly? DecisionDeadline,
    bool DueBeforeNextMeeting, IReadOnlyList<string> DecisionCodes, MdtDecision? Decision);

public sealed record MdtMeetingView(MdtMeetingSummary Meeting, MdtTeam Team, IReadOnlyList<MdtListEntry> Patients);

/// <summary>
/// MDT meetings of an HF (issue 12): teams with their members, meetings convened at the team's recurrence, the list of
/// patients for a meeting and a decision record per patient, registered as the pathway's clinical-decision point
/// through <see cref="RegisterEvent"/> (the registration's rules, one change and one access-log entry). Every meeting,
/// team and patient is the caller's HF's; patients outside her scope (another HF, or a unit not hers) are neither shown
/// nor changeable, and answer as missing ones.
/// </summary>
public sealed class MdtMeetings(RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, AccessLogWriter log, RegisterEvent register, IClock clock)
{
    public const string NoSuchMeeting = "there is no such meeting, or it is outside your access";
    public const string NoSuchEpisode = Episodes.EpisodeApi.NoSuchEpisode;

    /// <summary>What the access log says a meeting's list was read for: on the page or the API, or printed.</summary>
    public const string ReadPurpose = "MDT list";
    public const string PrintPurpose = "MDT list as PDF";

    /// <summary>Who prepares meetings (forms teams, convenes, lists patients): coordinators and clinical leads. Decisions follow the registration's rules.</summary>
    public static bool MayPrepare(Actor actor) => actor.Role is Role.Coordinator or Role.ClinicalLead;

    private static LocalizedText MayNotPrepare => new("rollen din kan ikke forberede tverrfaglige møter", "your role may not prepare MDT meetings");

    public async Task<IReadOnlyList<MdtTeam>> TeamsAsync(Caller caller, CancellationToken ct)
    {
        var hf = caller.Actor.Organisation;
        var teams = await db.MdtTeams.AsNoTracking().Where(t => t.Hf == hf).OrderBy(t => t.Name).ToListAsync(ct);
        var ids = teams.Select(t => t.Id).ToList();
        var members = await db.MdtTeamMembers.AsNoTracking().Where(m => ids.Contains(m.TeamId)).OrderBy(m => m.Id).ToListAsync(ct);
        return teams.Select(t => ToTeam(t, members.Where(m => m.TeamId == t.Id))).ToList();
    }

    public async Task<Outcome<MdtTeam>> AddTeamAsync(Caller caller, MdtTeamForm form, CancellationToken ct)
    {
        if (!MayPrepare(caller.Actor))
        {
            return new Outcome<MdtTeam>.NotAllowed(MayNotPrepare.En);
        }
        var hf = caller.Actor.Organisation;
        var pathways = new List<PathwayCode>();
        foreach (var text in (form.Pathways ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal))
        {
            if (!PathwayCode.TryParse(text, out var code, out var problem))
            {
                return new Outcome<MdtTeam>.Invalid($"pathways: {problem.En}");
            }
            if (catalogue.Pathway(code) is null)
            {
                return new Outcome<MdtTeam>.Invalid($"pathways: {code} is not in the catalogue");
            }
            pathways.Add(code);
        }
        var members = new List<MdtMember>();
        foreach (var m in form.Members ?? [])
        {
            if (!EnumNames.TryParse<MdtRole>(m.Role, out var role))
            {
                return new Outcome<MdtTeam>.Invalid($"members: '{m.Role}' is not a role: pathologist, radiologist, surgeon, oncologist or coordinator");
            }
            var organisation = string.IsNullOrWhiteSpace(m.Organisation) ? hf : m.Organisation.Trim();
            if (!OrganisationCode.TryParse(organisation, out _, out var problem) || organisations.HfOf(organisation) is not { } memberHf)
            {
                return new Outcome<MdtTeam>.Invalid($"members: {problem?.En ?? organisation + " is not an HF or a unit of one"}");
            }
            members.Add(new MdtMember(m.Name?.Trim() ?? "", role, memberHf.Code));
        }
        var everyDays = form.EveryDays ?? MdtRules.DefaultEveryDays;
        if (MdtRules.TeamRefusal(form.Name, pathways, everyDays, members) is { } refusal)
        {
            return new Outcome<MdtTeam>.Invalid(refusal.En);
        }
        var team = new MdtTeamEntity
        {
            Hf = hf, Name = form.Name!.Trim(), Pathways = string.Join(',', pathways.Select(p => (string)p)), EveryDays = everyDays,
            CreatedBy = caller.Actor.UserName, CreatedAt = clock.GetCurrentInstant().ToDateTimeUtc(),
        };
        await WriteAsync(async () =>
        {
            db.MdtTeams.Add(team);
            await db.SaveChangesAsync(ct);
            db.MdtTeamMembers.AddRange(members.Select(m => new MdtTeamMemberEntity { TeamId = team.Id, Name = m.Name, Role = EnumNames.Of(m.Role), Hf = m.Hf }));
            await db.SaveChangesAsync(ct);
        }, ct);
        return (await TeamsAsync(caller, ct)).Single(t => t.Id == team.Id);
    }

    /// <summary>Convenes one meeting, or a series at the team's recurrence (weekly by default).</summary>
    public async Task<Outcome<IReadOnlyList<MdtMeetingSummary>>> ConveneAsync(Caller caller, ConveneForm form, CancellationToken ct)
    {
        if (!MayPrepare(caller.Actor))
        {
            return new Outcome<IReadOnlyList<MdtMeetingSummary>>.NotAllowed(MayNotPrepare.En);
        }
        var hf = caller.Actor.Organisation;
        var team = await db.MdtTeams.AsNoTracking().SingleOrDefaultAsync(t => t.Id == form.TeamId && t.Hf == hf, ct);
        if (team is null)
        {
            return new Outcome<IReadOnlyList<MdtMeetingSummary>>.NotFound("there is no such team, or it is outside your access");
        }
        if (IsoDate.Parse(form.Date) is not { Year: >= 1900 and < 2200 } first)
        {
            return new Outcome<IReadOnlyList<MdtMeetingSummary>>.Invalid($"date: '{form.Date}' is not a date (YYYY-MM-DD)");
        }
        if (!TimeOnly.TryParseExact(form.Time ?? "", "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return new Outcome<IReadOnlyList<MdtMeetingSummary>>.Invalid($"time: '{form.Time}' is not a time (HH:MM)");
        }
        var count = form.Count ?? 1;
        if (count < 1 || count > MdtRules.MostMeetingsAtOnce)
        {
            return new Outcome<IReadOnlyList<MdtMeetingSummary>>.Invalid($"count: from 1 to {MdtRules.MostMeetingsAtOnce} meetings at once");
        }
        var meetings = MdtRules.Series(first, team.EveryDays, count).Select(d => new MdtMeetingEntity
        {
            TeamId = team.Id, Hf = hf, Date = d.ToDateOnly(), Time = time, ConvenedBy = caller.Actor.UserName, ConvenedAt = clock.GetCurrentInstant().ToDateTimeUtc(),
        }).ToList();
        await WriteAsync(async () =>
        {
            db.MdtMeetings.AddRange(meetings);
            await db.SaveChangesAsync(ct);
        }, ct);
        var ids = meetings.Select(m => m.Id).ToHashSet();
        return (await ListAsync(caller, null, ct)).Where(m => ids.Contains(m.Id)).ToList();
    }

    /// <summary>The HF's meetings from <paramref name="from"/> (all when null), by date: no person data, only counts.</summary>
    public async Task<IReadOnlyList<MdtMeetingSummary>> ListAsync(Caller caller, LocalDate? from, CancellationToken ct)
    {
        var hf = caller.Actor.Organisation;
        var start = from?.ToDateOnly() ?? DateOnly.MinValue;
        var rows = await (from m in db.MdtMeetings.AsNoTracking()
                          join t in db.MdtTeams on m.TeamId equals t.Id
                          where m.Hf == hf && m.Date >= start
                          orderby m.Date, m.Time, m.Id
                          select new { m.Id, m.TeamId, t.Name, t.EveryDays, m.Date, m.Time }).ToListAsync(ct);
        var teamIds = rows.Select(r => r.TeamId).Distinct().ToList();
        var dates = (await db.MdtMeetings.AsNoTracking().Where(m => teamIds.Contains(m.TeamId)).Select(m => new { m.TeamId, m.Date }).ToListAsync(ct))
            .ToLookup(m => m.TeamId, m => LocalDate.FromDateOnly(m.Date));
        var ids = rows.Select(r => r.Id).ToList();
        var counts = (await db.MdtListEntries.AsNoTracking().Where(e => ids.Contains(e.MeetingId))
                .Select(e => new { e.MeetingId, Decided = e.DecisionEventId != null }).ToListAsync(ct))
            .ToLookup(e => e.MeetingId);
        return rows.Select(r => new MdtMeetingSummary(r.Id, r.TeamId, r.Name, hf, r.Date, r.Time,
            MdtRules.NextMeeting(LocalDate.FromDateOnly(r.Date), r.EveryDays, dates[r.TeamId]).ToDateOnly(),
            counts[r.Id].Count(), counts[r.Id].Count(e => e.Decided))).ToList();
    }

    /// <summary>
    /// One meeting with its list: the patients in the caller's scope, each logged as read once; warns for each whose
    /// decision is due before the team's next meeting.
    /// </summary>
    public async Task<Outcome<MdtMeetingView>> MeetingAsync(Caller caller, long meetingId, string purpose, CancellationToken ct)
    {
        var summary = (await ListAsync(caller, null, ct)).SingleOrDefault(m => m.Id == meetingId);
        if (summary is null)
        {
            return new Outcome<MdtMeetingView>.NotFound(NoSuchMeeting);
        }
        var team = (await TeamsAsync(caller, ct)).Single(t => t.Id == summary.TeamId);
        var rows = await (from e in db.MdtListEntries.AsNoTracking()
                          join ep in db.Episodes on e.EpisodeId equals ep.Id
                          join p in db.Patients on ep.PatientId equals p.Id
                          where e.MeetingId == meetingId
                          orderby e.Id
                          select new { Entry = e, ep.Hf, ep.Unit, ep.Pathway, ep.NextDeadline, ep.NextPoint, ep.DecisionDate, p.NationalId, p.Name })
            .ToListAsync(ct);
        var shown = rows.Where(r => AccessPolicy.MayAccessPatientData(caller.Actor, r.Hf, r.Unit)).ToList();
        var next = LocalDate.FromDateOnly(summary.NextMeeting);
        var patients = shown.Select(r =>
        {
            var deadline = DecisionDeadline(r.Pathway, r.DecisionDate, r.NextPoint, r.NextDeadline);
            var decision = r.Entry.DecisionEventId is { } eventId
                ? new MdtDecision(r.Entry.DecisionCode ?? "", r.Entry.DecidedBy ?? "", r.Entry.Decision ?? "", r.Entry.CarriedOutBy ?? "", r.Entry.DueBy ?? summary.Date, eventId, r.Entry.RecordedBy ?? "", summary.Id, summary.Date)
                : null;
            return new MdtListEntry(r.Entry.EpisodeId, r.NationalId, r.Name, r.Pathway, r.Unit, r.Entry.Question, deadline,
                decision is null && MdtRules.DecisionDueBeforeNextMeeting(deadline is { } d ? LocalDate.FromDateOnly(d) : null, next),
                DecisionCodes(r.Pathway), decision);
        }).ToList();
        var now = clock.GetCurrentInstant();
        if (patients.Count > 0)
        {
            await log.AppendAsync(patients.Select(p => caller.Entry(now, p.NationalId, AccessKind.Read, $"{purpose}: meeting {meetingId}, episode {p.EpisodeId}")).ToList(), ct);
        }
        return new MdtMeetingView(summary, team, patients);
    }

    /// <summary>
    /// When the clinical decision is due: the episode's next deadline while the interval it runs in ends at the decision
    /// (OF2 in cancer pathways); none once decided, or while the next deadline is another point's.
    /// </summary>
    private DateOnly? DecisionDeadline(string pathway, DateOnly? decided, string? nextInterval, DateOnly? nextDeadline) =>
        decided is null && nextInterval is not null
        && catalogue.Pathway(pathway)?.Intervals.FirstOrDefault(i => string.Equals(i.Id, nextInterval, StringComparison.Ordinal)) is { } interval
        && string.Equals(interval.To, EnumNames.Of(EventKind.Decision), StringComparison.Ordinal)
            ? nextDeadline
            : null;

    /// <summary>The pathway's clinical-decision codes, as the catalogue lists them (A01CK, A01CM …).</summary>
    public IReadOnlyList<string> DecisionCodes(string pathway) =>
        catalogue.Pathway(pathway)?.Events.Where(e => e.Kind == EventKind.Decision).Select(e => (string)e.Code).ToList() ?? [];

    /// <summary>Puts an episode of the caller's scope on a meeting's list with the question to answer; the change is logged for the patient.</summary>
    public async Task<Outcome<MdtListEntry>> AddPatientAsync(Caller caller, long meetingId, AddToListForm form, CancellationToken ct)
    {
        var meeting = await db.MdtMeetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId && m.Hf == caller.Actor.Organisation, ct);
        if (meeting is null)
        {
            return new Outcome<MdtListEntry>.NotFound(NoSuchMeeting);
        }
        var episode = await (from e in db.Episodes.AsNoTracking()
                             join p in db.Patients on e.PatientId equals p.Id
                             where e.Id == form.EpisodeId
                             select new { e.Hf, e.Unit, e.Pathway, p.NationalId }).SingleOrDefaultAsync(ct);
        if (episode is null || !AccessPolicy.MayAccessPatientData(caller.Actor, episode.Hf, episode.Unit))
        {
            return new Outcome<MdtListEntry>.NotFound(NoSuchEpisode);
        }
        if (!MayPrepare(caller.Actor))
        {
            return new Outcome<MdtListEntry>.NotAllowed(MayNotPrepare.En);
        }
        if (string.IsNullOrWhiteSpace(form.Question))
        {
            return new Outcome<MdtListEntry>.Invalid("question: say what the team is to answer");
        }
        var team = await db.MdtTeams.AsNoTracking().SingleAsync(t => t.Id == meeting.TeamId, ct);
        if (!team.Pathways.Split(',').Contains(episode.Pathway, StringComparer.Ordinal))
        {
            return new Outcome<MdtListEntry>.Invalid($"episodeId: the team {team.Name} does not decide for pathway {episode.Pathway}");
        }
        var now = clock.GetCurrentInstant();
        var added = await WriteAsync(async () =>
        {
            if (await db.MdtListEntries.AnyAsync(e => e.MeetingId == meetingId && e.EpisodeId == form.EpisodeId, ct))
            {
                return false;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.MdtListEntries.Add(new MdtListEntryEntity
            {
                MeetingId = meetingId, EpisodeId = form.EpisodeId, Question = form.Question.Trim(), AddedBy = caller.Actor.UserName, AddedAt = now.ToDateTimeUtc(),
            });
            await db.SaveChangesAsync(ct);
            await AccessLogger.AppendAsync(db, caller.Entry(now, episode.NationalId, AccessKind.Change,
                $"listed episode {form.EpisodeId} for MDT meeting {meetingId}"), ct);
            await transaction.CommitAsync(ct);
            return true;
        }, ct);
        if (!added)
        {
            return new Outcome<MdtListEntry>.Conflict($"episode {form.EpisodeId} is on the list of meeting {meetingId} already");
        }
        return await EntryAsync(caller, meetingId, form.EpisodeId, ct);
    }

    /// <summary>
    /// Records the team's decision for a listed patient and registers it as the pathway's clinical-decision point dated
    /// the meeting's day, through <see cref="RegisterEvent"/>: its coding rules and its who-may (a clinical lead, who
    /// does not code, is refused), the record and the point committed together with one access-log entry.
    /// </summary>
    public async Task<Outcome<MdtListEntry>> DecideAsync(Caller caller, long meetingId, long episodeId, DecisionForm form, CancellationToken ct)
    {
        var found = await (from e in db.MdtListEntries.AsNoTracking()
                           join m in db.MdtMeetings on e.MeetingId equals m.Id
                           join ep in db.Episodes on e.EpisodeId equals ep.Id
                           join p in db.Patients on ep.PatientId equals p.Id
                           where e.MeetingId == meetingId && e.EpisodeId == episodeId && m.Hf == caller.Actor.Organisation
                           select new { e.Id, e.DecisionEventId, m.Date, ep.Hf, ep.Unit, ep.Pathway, p.NationalId }).SingleOrDefaultAsync(ct);
        if (found is null || !AccessPolicy.MayAccessPatientData(caller.Actor, found.Hf, found.Unit))
        {
            return new Outcome<MdtListEntry>.NotFound("there is no such patient on this meeting's list, or it is outside your access");
        }
        if (found.DecisionEventId is not null)
        {
            return new Outcome<MdtListEntry>.Conflict("the decision for this patient is recorded already; correct the decision point from the timeline");
        }
        var meetingDay = LocalDate.FromDateOnly(found.Date);
        var due = IsoDate.Parse(form.DueBy);
        if (MdtRules.DecisionRefusal(form.DecidedBy, form.Decision, form.CarriedOutBy, due, meetingDay) is { } refusal)
        {
            return new Outcome<MdtListEntry>.Invalid(refusal.En);
        }
        if (!DecisionCodes(found.Pathway).Contains(form.Code ?? "", StringComparer.Ordinal))
        {
            return new Outcome<MdtListEntry>.Invalid($"code: '{form.Code}' is not a clinical decision of pathway {found.Pathway} ({string.Join(", ", DecisionCodes(found.Pathway))})");
        }
        var now = clock.GetCurrentInstant();
        var alongside = new RegisteredAlongside($"decision of MDT meeting {meetingId}", async (context, eventId, token) =>
        {
            var entry = await context.MdtListEntries.SingleAsync(e => e.Id == found.Id, token);
            entry.DecidedBy = form.DecidedBy!.Trim();
            entry.Decision = form.Decision!.Trim();
            entry.CarriedOutBy = form.CarriedOutBy!.Trim();
            entry.DueBy = due!.Value.ToDateOnly();
            entry.DecisionEventId = eventId;
            entry.DecisionCode = form.Code;
            entry.RecordedBy = caller.Actor.UserName;
            entry.RecordedAt = now.ToDateTimeUtc();
        });
        var result = await register.RegisterAsync(caller, new RegistrationForm(found.NationalId, found.Unit, form.Code, IsoDate.Text(meetingDay)), null, alongside, ct);
        return result switch
        {
            RegistrationResult.Registered => await EntryAsync(caller, meetingId, episodeId, ct),
            RegistrationResult.Refused r => new Outcome<MdtListEntry>.Invalid($"{r.Column}: {r.Message}"),
            RegistrationResult.NotAllowed n => new Outcome<MdtListEntry>.NotAllowed(n.Message),
            RegistrationResult.Conflict c => new Outcome<MdtListEntry>.Conflict(c.Message),
            RegistrationResult.NotFound f => new Outcome<MdtListEntry>.NotFound(f.Message),
            _ => throw new InvalidOperationException(result.GetType().Name),
        };
    }

    /// <summary>The decisions recorded for an episode, with their meetings (the timeline shows them beside the decision point).</summary>
    public static async Task<IReadOnlyList<MdtDecision>> DecisionsOfAsync(RegistryDb db, long episodeId, CancellationToken ct) =>
        (await (from e in db.MdtListEntries.AsNoTracking()
                join m in db.MdtMeetings on e.MeetingId equals m.Id
                where e.EpisodeId == episodeId && e.DecisionEventId != null
                orderby m.Date, e.Id
                select new { e, m.Date }).ToListAsync(ct))
            .Select(x => new MdtDecision(x.e.DecisionCode ?? "", x.e.DecidedBy ?? "", x.e.Decision ?? "", x.e.CarriedOutBy ?? "", x.e.DueBy ?? x.Date,
                x.e.DecisionEventId!.Value, x.e.RecordedBy ?? "", x.e.MeetingId, x.Date))
            .ToList();

    /// <summary>One listed patient after a change, read back without a second log entry: the change was logged.</summary>
    private async Task<Outcome<MdtListEntry>> EntryAsync(Caller caller, long meetingId, long episodeId, CancellationToken ct)
    {
        var summary = (await ListAsync(caller, null, ct)).Single(m => m.Id == meetingId);
        var r = await (from e in db.MdtListEntries.AsNoTracking()
                       join ep in db.Episodes on e.EpisodeId equals ep.Id
                       join p in db.Patients on ep.PatientId equals p.Id
                       where e.MeetingId == meetingId && e.EpisodeId == episodeId
                       select new { Entry = e, ep.Pathway, ep.Unit, ep.NextDeadline, ep.NextPoint, ep.DecisionDate, p.NationalId, p.Name })
            .SingleAsync(ct);
        var deadline = DecisionDeadline(r.Pathway, r.DecisionDate, r.NextPoint, r.NextDeadline);
        var decision = r.Entry.DecisionEventId is { } eventId
            ? new MdtDecision(r.Entry.DecisionCode ?? "", r.Entry.DecidedBy ?? "", r.Entry.Decision ?? "", r.Entry.CarriedOutBy ?? "", r.Entry.DueBy ?? summary.Date, eventId, r.Entry.RecordedBy ?? "", summary.Id, summary.Date)
            : null;
        return new MdtListEntry(episodeId, r.NationalId, r.Name, r.Pathway, r.Unit, r.Entry.Question, deadline,
            decision is null && MdtRules.DecisionDueBeforeNextMeeting(deadline is { } d ? LocalDate.FromDateOnly(d) : null, LocalDate.FromDateOnly(summary.NextMeeting)),
            DecisionCodes(r.Pathway), decision);
    }

    private static MdtTeam ToTeam(MdtTeamEntity t, IEnumerable<MdtTeamMemberEntity> members) =>
        new(t.Id, t.Hf, t.Name, t.Pathways.Split(',', StringSplitOptions.RemoveEmptyEntries), t.EveryDays,
            members.Select(m => new MdtTeamMember(m.Name, EnumNames.TryParse<MdtRole>(m.Role, out var role) ? role : throw new InvalidOperationException($"stored role '{m.Role}'"),
                m.Hf, !string.Equals(m.Hf, t.Hf, StringComparison.Ordinal))).ToList());

    /// <summary>Writes pass the web app's one writer gate, as registrations and log entries do (decision 0005).</summary>
    private async Task<TResult> WriteAsync<TResult>(Func<Task<TResult>> write, CancellationToken ct)
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

    private Task<bool> WriteAsync(Func<Task> write, CancellationToken ct) => WriteAsync(async () =>
    {
        await write();
        return true;
    }, ct);
}
