using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Hosting;
using Forlop.Domain;
using Forlop.Domain.Access;
using Forlop.Domain.Implementation;
using Forlop.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.Implementation;

/// <summary>A measure as the tracker shows it: the catalogue's facts and the progress over its owners.</summary>
public sealed record MeasureView(string Id, string Plan, OwnerLevel Level, LocalDate Deadline, bool DeadlineStated, string NameNb, string NameEn, string Source,
    int Owners, int Done, int InProgress, int NotStarted, int Late)
{
    public static MeasureView Of(MeasureProgress p) => new(p.Measure.Id, p.Measure.Plan, p.Measure.Level, p.Measure.Deadline, p.Measure.DeadlineStated,
        p.Measure.Name.Nb, p.Measure.Name.En, p.Measure.Source, p.Owners, p.Done, p.InProgress, p.NotStarted, p.Late);
}

/// <summary>An HF or RHF with how many of its own measures it has done, has in progress, and has let pass their deadline.</summary>
public sealed record OwnerSummary(string Owner, string Name, OwnerLevel Level, string? Rhf, int Measures, int Done, int InProgress, int Late);

/// <summary>The national overview: every measure's progress, and every HF's and RHF's.</summary>
public sealed record ImplementationOverview(LocalDate Today, IReadOnlyList<MeasureView> Measures, IReadOnlyList<OwnerSummary> Owners);

/// <summary>One measure of an owner: its newest status and evidence, whether it is late, and every earlier report.</summary>
public sealed record OwnerMeasure(MeasureView Measure, MeasureStatus Status, string? Evidence, DateTime? RecordedAt, string? RecordedBy, bool Late,
    IReadOnlyList<StatusReport> History);

/// <summary>One report of a status, as it was recorded (the tracker keeps them all).</summary>
public sealed record StatusReport(MeasureStatus Status, string? Evidence, DateTime RecordedAt, string RecordedBy);

/// <summary>An owner's page: its measures, and whether the caller may report on them.</summary>
public sealed record OwnerProgress(string Owner, string Name, OwnerLevel Level, bool MayReport, IReadOnlyList<OwnerMeasure> Measures);

/// <summary>A report as typed into the page or sent to the API.</summary>
public sealed record StatusForm(string? Status, string? Evidence = null);

/// <summary>
/// The implementation tracker (issue 13, item 5; decision 0032): the measures of the three national plans
/// (catalog/plan-measures.tsv) with each owner's status and evidence. Figures about organisations, no person data, so
/// every signed-in staff role reads it. An owner reports its own progress: the national administrator for any owner,
/// an RHF's administrator for the RHF and its HFs, an HF's clinical lead or administrator for the HF, a municipality's coordinator for the municipality.
/// </summary>
public sealed class ImplementationTracker(RegistryDb db, PlanMeasureCatalogue measures, ImplementationOwners owners, IClock clock)
{
    public const int MaxEvidenceLength = 1000;

    public async Task<Outcome<ImplementationOverview>> OverviewAsync(Caller caller, CancellationToken ct)
    {
        if (!MayRead(caller.Actor))
        {
            return new Outcome<ImplementationOverview>.NotAllowed("the implementation tracker is for signed-in staff");
        }
        var today = Today;
        var statuses = await NewestAsync(null, ct);
        var progress = ImplementationProgress.Of(measures.All, owners.Of, statuses, today);
        var summaries = owners.Of(OwnerLevel.Rhf).Concat(owners.Of(OwnerLevel.Hf)).Select(code =>
        {
            var org = owners.Organisations.Find(code)!;
            var level = org.Kind == OrganisationKind.Rhf ? OwnerLevel.Rhf : OwnerLevel.Hf;
            var own = measures.All.Where(m => m.Level == level).ToList();
            var status = own.Select(m => (m, statuses.TryGetValue((m.Id, code), out var s) ? s.Status : MeasureStatus.NotStarted)).ToList();
            return new OwnerSummary(code, org.Name, level, level == OwnerLevel.Hf ? owners.Organisations.RhfOf(code)?.Code.Value : null, own.Count,
                status.Count(x => x.Item2 == MeasureStatus.Done), status.Count(x => x.Item2 == MeasureStatus.InProgress),
                status.Count(x => ImplementationProgress.IsLate(x.m, x.Item2, today)));
        }).ToList();
        return new ImplementationOverview(today, [.. progress.Select(MeasureView.Of)], summaries);
    }

    public async Task<Outcome<OwnerProgress>> OfOwnerAsync(Caller caller, string owner, CancellationToken ct)
    {
        if (!MayRead(caller.Actor))
        {
            return new Outcome<OwnerProgress>.NotAllowed("the implementation tracker is for signed-in staff");
        }
        if (owners.LevelOf(owner) is not { } level)
        {
            return new Outcome<OwnerProgress>.NotFound($"'{owner}' is not an owner of measures: an HF, an RHF, a municipality number or '{PlanMeasureCatalogue.NationOwner}'");
        }
        var today = Today;
        var history = (await db.ImplementationStatuses.AsNoTracking().Where(s => s.Owner == owner).ToListAsync(ct))
            .OrderByDescending(s => s.Id).ToLookup(s => s.MeasureId, StringComparer.Ordinal);
        var newest = await NewestAsync(null, ct);
        var progress = ImplementationProgress.Of(measures.All.Where(m => m.Level == level), owners.Of, newest, today);
        var rows = progress.Select(p =>
        {
            var reports = history[p.Measure.Id].Select(s => new StatusReport(Status(s.Status), s.Evidence, s.RecordedAt, s.RecordedBy)).ToList();
            var current = reports.FirstOrDefault();
            var status = current?.Status ?? MeasureStatus.NotStarted;
            return new OwnerMeasure(MeasureView.Of(p), status, current?.Evidence, current?.RecordedAt, current?.RecordedBy,
                ImplementationProgress.IsLate(p.Measure, status, today), reports);
        }).ToList();
        return new OwnerProgress(owner, owners.NameOf(owner), level, MayReport(caller.Actor, owner, level), rows);
    }

    /// <summary>Records a new status of <paramref name="measureId"/> for <paramref name="owner"/>; the earlier ones stay.</summary>
    public async Task<Outcome<StatusReport>> ReportAsync(Caller caller, string owner, string measureId, StatusForm form, CancellationToken ct)
    {
        if (owners.LevelOf(owner) is not { } level)
        {
            return new Outcome<StatusReport>.NotFound($"'{owner}' is not an owner of measures");
        }
        if (!MayReport(caller.Actor, owner, level))
        {
            return new Outcome<StatusReport>.NotAllowed($"{caller.Actor.UserName} may not report the progress of {owner}");
        }
        if (measures.Find(measureId) is not { } measure || measure.Level != level)
        {
            return new Outcome<StatusReport>.NotFound($"'{measureId}' is not a measure of {owner}");
        }
        if (!EnumNames.TryParse<MeasureStatus>(form.Status, out var status))
        {
            return new Outcome<StatusReport>.Invalid("status must be not-started, in-progress or done");
        }
        var evidence = string.IsNullOrWhiteSpace(form.Evidence) ? null : form.Evidence.Trim();
        if (status == MeasureStatus.Done && evidence is null)
        {
            return new Outcome<StatusReport>.Invalid("a measure reported done needs its evidence: a plan's address, a decision, a web page");
        }
        if (evidence is { Length: > MaxEvidenceLength })
        {
            return new Outcome<StatusReport>.Invalid($"the evidence may have at most {MaxEvidenceLength} characters");
        }
        var entity = new ImplementationStatusEntity
        {
            MeasureId = measure.Id, Owner = owner, Status = EnumNames.Of(status), Evidence = evidence,
            RecordedAt = clock.GetCurrentInstant().ToDateTimeUtc(), RecordedBy = caller.Actor.UserName,
        };
        db.ImplementationStatuses.Add(entity);
        await db.SaveChangesAsync(ct);
        return new StatusReport(status, evidence, entity.RecordedAt, entity.RecordedBy);
    }

    /// <summary>Staff who sign in: every role but a hospital system's token, which sends data and reads its own.</summary>
    public static bool MayRead(Actor actor) => actor.Role != Role.HospitalSystem;

    /// <summary>Who reports an owner's progress (decision 0032).</summary>
    public bool MayReport(Actor actor, string owner, OwnerLevel level) => actor.Role switch
    {
        // The national administrator (no organisation) reports for any owner, the nation's measures included.
        Role.Administrator when actor.Organisation.Length == 0 => true,
        Role.Administrator => level is OwnerLevel.Hf or OwnerLevel.Rhf
            && (string.Equals(actor.Organisation, owner, StringComparison.Ordinal)
                || string.Equals(owners.Organisations.RhfOf(owner)?.Code.Value, actor.Organisation, StringComparison.Ordinal)),
        Role.ClinicalLead => level == OwnerLevel.Hf && string.Equals(actor.Organisation, owner, StringComparison.Ordinal),
        // A municipality's coordinator reports for her municipality (its number is her organisation).
        Role.MunicipalityCoordinator => level == OwnerLevel.Municipality && string.Equals(actor.Organisation, owner, StringComparison.Ordinal),
        _ => false,
    };

    private LocalDate Today => clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;

    private static MeasureStatus Status(string text) =>
        EnumNames.TryParse<MeasureStatus>(text, out var status) ? status : throw new InvalidOperationException($"a stored status '{text}' is not a status");

    /// <summary>The newest report per measure and owner (of one owner, or all).</summary>
    private async Task<Dictionary<(string Measure, string Owner), OwnerStatus>> NewestAsync(string? owner, CancellationToken ct)
    {
        var query = db.ImplementationStatuses.AsNoTracking();
        if (owner is not null)
        {
            query = query.Where(s => s.Owner == owner);
        }
        // A few reports per owner and measure: read them and keep the newest here, the same on both databases.
        var all = await query.Select(s => new { s.Id, s.MeasureId, s.Owner, s.Status, s.Evidence, s.RecordedAt, s.RecordedBy }).ToListAsync(ct);
        return all.GroupBy(s => (s.MeasureId, s.Owner)).Select(g => g.MaxBy(s => s.Id)!)
            .ToDictionary(s => (s.MeasureId, s.Owner), s => new OwnerStatus(s.MeasureId, s.Owner, Status(s.Status), s.Evidence,
                Instant.FromDateTimeUtc(DateTime.SpecifyKind(s.RecordedAt, DateTimeKind.Utc)), s.RecordedBy));
    }
}

/// <summary>
/// The owners of each level: the nation's one, the RHFs and HFs of the organisation directory, and the municipalities
/// (numbers, from the municipality register when the host has one).
/// </summary>
public sealed class ImplementationOwners(OrganisationDirectory organisations, IReadOnlyCollection<string> municipalities)
{
    public OrganisationDirectory Organisations => organisations;

    private readonly string[] _rhfs = [.. organisations.All.Where(o => o.Kind == OrganisationKind.Rhf).Select(o => o.Code.Value).Order(StringComparer.Ordinal)];
    private readonly string[] _hfs = [.. organisations.All.Where(o => o.Kind == OrganisationKind.Hf).Select(o => o.Code.Value).Order(StringComparer.Ordinal)];
    private readonly HashSet<string> _municipalities = new(municipalities, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Of(OwnerLevel level) => level switch
    {
        OwnerLevel.Nation => [PlanMeasureCatalogue.NationOwner],
        OwnerLevel.Rhf => _rhfs,
        OwnerLevel.Hf => _hfs,
        _ => _municipalities,
    };

    public OwnerLevel? LevelOf(string owner) =>
        owner == PlanMeasureCatalogue.NationOwner ? OwnerLevel.Nation
        : _rhfs.Contains(owner, StringComparer.Ordinal) ? OwnerLevel.Rhf
        : _hfs.Contains(owner, StringComparer.Ordinal) ? OwnerLevel.Hf
        : _municipalities.Contains(owner) ? OwnerLevel.Municipality
        : null;

    public string NameOf(string owner) => organisations.Find(owner)?.Name ?? owner;
}
