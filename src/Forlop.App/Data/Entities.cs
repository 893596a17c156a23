namespace Forlop.App.Data;

// Storage shapes. Domain types stay free of EF; mapping to and from them is written by hand where it is used.
// Dates are DateOnly and clock times TimeOnly, which both providers store natively (SQLite as ISO text).

/// <summary>An organisation: the seed list of RHFs, HFs and ideell hospitals, plus units an installation adds.</summary>
public sealed class OrganisationEntity
{
    public required string Code { get; set; }
    public required string Kind { get; set; }
    public string? Parent { get; set; }
    public required string Name { get; set; }
}

/// <summary>A patient, known by national identity number.</summary>
public sealed class PatientEntity
{
    public long Id { get; set; }
    public required string NationalId { get; set; }
    public DateOnly BirthDate { get; set; }
    /// <summary>The name shown to those allowed to see it; the interchange file carries none, forms and demo data do.</summary>
    public string? Name { get; set; }
}

/// <summary>One row of the append-only event history: an event, a correction, or a withdrawal. Never updated.</summary>
public sealed class EventEntity
{
    public long Id { get; set; }
    public long PatientId { get; set; }
    /// <summary>The first row of this row's correction chain.</summary>
    public long RootId { get; set; }
    public required string Organisation { get; set; }
    public required string RecordId { get; set; }
    public string? Code { get; set; }
    public DateOnly? Date { get; set; }
    public TimeOnly? Time { get; set; }
    public string? Outcome { get; set; }
    /// <summary>outpatient or inpatient (kebab-case CareSetting) when the row said; null otherwise.</summary>
    public string? Setting { get; set; }
    public long? ReplacesId { get; set; }
    public bool IsWithdrawal { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
    public long? BatchId { get; set; }
    public int? Line { get; set; }
}

/// <summary>
/// A pathway episode as last derived from the current events of its patient (rebuilt whenever they change).
/// Id is the root id of its start event. Kept as a table so reports and lists read it without re-linking.
/// </summary>
public sealed class EpisodeEntity
{
    public long Id { get; set; }
    public long PatientId { get; set; }
    public required string Pathway { get; set; }
    public required string Hf { get; set; }
    public required string Rhf { get; set; }
    /// <summary>The organisation that registered the start: the HF itself or one of its units.</summary>
    public required string Unit { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly SeniorityDate { get; set; }
    public long? TransferredFromId { get; set; }
    public required string State { get; set; }
    public DateOnly? FirstAttendanceDate { get; set; }
    public DateOnly? DecisionDate { get; set; }
    public string? DecisionCode { get; set; }
    public DateOnly? TreatmentDate { get; set; }
    public string? TreatmentCode { get; set; }
    public string? TreatmentType { get; set; }
    public DateOnly? EndDate { get; set; }
    public string? EndCode { get; set; }
    /// <summary>The date of the newest event of the episode (for "no activity for too long").</summary>
    public DateOnly LastEventDate { get; set; }
    /// <summary>While open: the deadline of the next measurement point under the national standard.</summary>
    public DateOnly? NextDeadline { get; set; }
    /// <summary>While open: the kind of event the next deadline is for (kebab-case EventKind).</summary>
    public string? NextPoint { get; set; }
    /// <summary>Missing intermediate points and other data-quality findings, counted when the episode was derived.</summary>
    public int Findings { get; set; }
}

/// <summary>
/// One measured interval of a derived episode (OF1–OF4, evaluations, door-to-needle …): both points reached, so
/// nothing here depends on today. Derived with its episode from <c>PathwayTimeEngine.Measure</c> and rebuilt with it;
/// an interval belongs to the episode that holds its end point, so a transferred journey counts each interval once.
/// </summary>
public sealed class EpisodeIntervalEntity
{
    public long EpisodeId { get; set; }
    /// <summary>Position among the episode's stored intervals (catalogue order; repeated evaluations in date order).</summary>
    public int Ordinal { get; set; }
    /// <summary>The patient, so the rows go with the patient's episodes when those are rebuilt.</summary>
    public long PatientId { get; set; }
    /// <summary>The interval id of the catalogue (OF4, EV2, DTN …).</summary>
    public required string IntervalId { get; set; }
    /// <summary>The start of the interval: the seniority date for national times counted from the start.</summary>
    public DateOnly FromDate { get; set; }
    /// <summary>The day the end point was reached; the period an interval is reported in.</summary>
    public DateOnly ToDate { get; set; }
    /// <summary>Length in the pathway's unit: calendar days, or minutes (stroke).</summary>
    public long Length { get; set; }
    /// <summary>The standard the pathway-time engine applied (by seniority date and treatment type); null when none.</summary>
    public int? StandardLimit { get; set; }
    /// <summary>within, over or no-standard (kebab-case IntervalStatus) as the engine measured it.</summary>
    public required string Status { get; set; }
    /// <summary>The treatment type the interval ends in, else that of the journey's treatment; null while there is none.</summary>
    public string? TreatmentType { get; set; }
    /// <summary>The care setting the interval was measured in (outpatient, inpatient); null when the events said none.</summary>
    public string? Setting { get; set; }
}

/// <summary>Which coordinator follows an episode. Kept apart from episodes, which are rebuilt from events.</summary>
public sealed class EpisodeAssignmentEntity
{
    public long EpisodeId { get; set; }
    public required string Coordinator { get; set; }
    public DateTime AssignedAt { get; set; }
    public required string AssignedBy { get; set; }
}

/// <summary>
/// Why an interval of an episode went over its standard (avviksårsak), as last recorded. Kept apart from the derived
/// intervals, which are rebuilt from events, and keyed by the episode id (stable through corrections) and the interval id.
/// </summary>
public sealed class DeviationReasonEntity
{
    public long EpisodeId { get; set; }
    /// <summary>The interval id of the catalogue (OF1, OF4 …).</summary>
    public required string IntervalId { get; set; }
    /// <summary>kebab-case DeviationCause.</summary>
    public required string Cause { get; set; }
    /// <summary>kebab-case CapacityResource when the cause is capacity; null otherwise.</summary>
    public string? Resource { get; set; }
    public string? Text { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>A recommended action of the pathway (catalogue) done for an episode, with the day it was done. Removed when unticked.</summary>
public sealed class EpisodeActionEntity
{
    public long EpisodeId { get; set; }
    /// <summary>The action id of the catalogue (somatic-health, children-as-relatives …).</summary>
    public required string ActionId { get; set; }
    public DateOnly DoneOn { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>A local account (the embedded default; production signs in through OpenID Connect).</summary>
public sealed class UserEntity
{
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    /// <summary>ASP.NET Core Identity's password hash (PBKDF2); null for accounts that sign in elsewhere.</summary>
    public string? PasswordHash { get; set; }
    /// <summary>kebab-case Role.</summary>
    public required string Role { get; set; }
    /// <summary>The HF (or RHF for a regional analyst) the user belongs to; empty for national roles.</summary>
    public required string Organisation { get; set; }
    /// <summary>Comma-separated unit codes a coordinator is limited to; empty means the whole HF.</summary>
    public required string Units { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

/// <summary>A hospital system that calls the API with a bearer token, limited to its organisation.</summary>
public sealed class ApiClientEntity
{
    public long Id { get; set; }
    public required string Name { get; set; }
    /// <summary>SHA-256 of the token, hex; the token itself is shown once and never stored.</summary>
    public required string TokenHash { get; set; }
    public required string Organisation { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>
/// One publication of a reporting period: every lock of the period adds one, numbered from 1 (the first, provisional
/// publication) through its revisions (2, 3 …), and none is ever changed or replaced. The figures as published are
/// kept so they can be reproduced, and later corrections are reported beside them.
/// </summary>
public sealed class PeriodLockEntity
{
    public required string Period { get; set; }
    /// <summary>1 for the first publication of the period, then 2, 3 … for its revisions.</summary>
    public int Publication { get; set; }
    /// <summary>The registry's version when locked (<see cref="RegistryVersion"/>: the newest event row's id); the publication is of the rows up to it.</summary>
    public long RegistryVersion { get; set; }
    public DateTime LockedAt { get; set; }
    public required string LockedBy { get; set; }
    /// <summary>The figures as they stood when locked (JSON).</summary>
    public required string Snapshot { get; set; }
}

/// <summary>New cancer cases per HF and period (the denominator of the inclusion indicator), imported from a file.</summary>
public sealed class NewCancerCasesEntity
{
    public long Id { get; set; }
    public required string Hf { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public int Count { get; set; }
    public required string Source { get; set; }
    public DateTime ImportedAt { get; set; }
}

/// <summary>One run of an import: what file, who, when, and its counts.</summary>
public sealed class ImportBatchEntity
{
    public long Id { get; set; }
    public required string FileName { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public required string ImportedBy { get; set; }
    public int Accepted { get; set; }
    public int Duplicates { get; set; }
    public int Rejected { get; set; }
    public int Findings { get; set; }
}

/// <summary>A rejected row, kept with its reason and its text so that nothing sent is lost.</summary>
public sealed class RejectedRowEntity
{
    public long Id { get; set; }
    public long BatchId { get; set; }
    public int Line { get; set; }
    public string? RecordId { get; set; }
    public required string Column { get; set; }
    public required string Reason { get; set; }
    public required string RawText { get; set; }
}

/// <summary>One sealed entry of the append-only access log (see AccessLogChain). Never updated or deleted.</summary>
public sealed class AccessLogEntity
{
    public long Sequence { get; set; }
    public DateTime At { get; set; }
    public required string User { get; set; }
    public required string Role { get; set; }
    public required string Organisation { get; set; }
    public required string Patient { get; set; }
    public required string Kind { get; set; }
    public required string What { get; set; }
    public required string From { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

/// <summary>
/// One report of how far an owner (an HF, an RHF, a municipality or the nation) has come with a measure of an
/// implementation plan (catalog/plan-measures.tsv). Append-only: a new report is a new row, the newest counts, and the
/// history of who said what, when, stays.
/// </summary>
public sealed class ImplementationStatusEntity
{
    public long Id { get; set; }
    public required string MeasureId { get; set; }
    /// <summary>The owner's code: an HF's or RHF's organisation code, a municipality number, or "national".</summary>
    public required string Owner { get; set; }
    /// <summary>kebab-case MeasureStatus.</summary>
    public required string Status { get; set; }
    /// <summary>What shows it: a plan's address, a decision, a web page.</summary>
    public string? Evidence { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}
