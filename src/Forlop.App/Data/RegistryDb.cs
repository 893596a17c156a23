using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Forlop.App.Data;

/// <summary>
/// The registry's database. One model for both providers; each provider has its own subclass only so that
/// EF keeps a separate set of migrations for it (docs/decisions/0002-storage.md).
/// </summary>
public abstract class RegistryDb(DbContextOptions options) : DbContext(options)
{
    /// <summary>The database this context works on (null for EF's design-time contexts); the access log finds its seal through it.</summary>
    public DatabaseTarget? Target { get; init; }

    /// <summary>The newest access-log entry appended in the open transaction, recorded outside the database once it commits.</summary>
    internal (Guid Transaction, long Sequence, string Hash)? PendingAccessLogHead { get; set; }

    public DbSet<OrganisationEntity> Organisations => Set<OrganisationEntity>();
    public DbSet<PatientEntity> Patients => Set<PatientEntity>();
    public DbSet<EventEntity> Events => Set<EventEntity>();
    public DbSet<EpisodeEntity> Episodes => Set<EpisodeEntity>();
    public DbSet<EpisodeIntervalEntity> EpisodeIntervals => Set<EpisodeIntervalEntity>();
    public DbSet<ImportBatchEntity> ImportBatches => Set<ImportBatchEntity>();
    public DbSet<RejectedRowEntity> RejectedRows => Set<RejectedRowEntity>();
    public DbSet<AccessLogEntity> AccessLog => Set<AccessLogEntity>();
    public DbSet<EpisodeAssignmentEntity> EpisodeAssignments => Set<EpisodeAssignmentEntity>();
    public DbSet<DeviationReasonEntity> DeviationReasons => Set<DeviationReasonEntity>();
    public DbSet<EpisodeActionEntity> EpisodeActions => Set<EpisodeActionEntity>();
    public DbSet<UserEntity> Users => Set<UserEntity>();
    public DbSet<ApiClientEntity> ApiClients => Set<ApiClientEntity>();
    public DbSet<PeriodLockEntity> PeriodLocks => Set<PeriodLockEntity>();
    public DbSet<NewCancerCasesEntity> NewCancerCases => Set<NewCancerCasesEntity>();
    public DbSet<MdtTeamEntity> MdtTeams => Set<MdtTeamEntity>();
    public DbSet<MdtTeamMemberEntity> MdtTeamMembers => Set<MdtTeamMemberEntity>();
    public DbSet<MdtMeetingEntity> MdtMeetings => Set<MdtMeetingEntity>();
    public DbSet<MdtListEntryEntity> MdtListEntries => Set<MdtListEntryEntity>();
    public DbSet<ReservedSlotEntity> ReservedSlots => Set<ReservedSlotEntity>();
    public DbSet<ImplementationStatusEntity> ImplementationStatuses => Set<ImplementationStatusEntity>();
    // The patient's own view and experience surveys (decision 0029).
    public DbSet<PatientLoginEntity> PatientLogins => Set<PatientLoginEntity>();
    public DbSet<RelativeConsentEntity> RelativeConsents => Set<RelativeConsentEntity>();
    public DbSet<SurveyInvitationEntity> SurveyInvitations => Set<SurveyInvitationEntity>();
    public DbSet<SurveyAnswerEntity> SurveyAnswers => Set<SurveyAnswerEntity>();
    public DbSet<ImportFeedbackEntity> ImportFeedback => Set<ImportFeedbackEntity>();
    public DbSet<ImportFeedbackItemEntity> ImportFeedbackItems => Set<ImportFeedbackItemEntity>();
    public DbSet<ContactPointEntity> ContactPoints => Set<ContactPointEntity>();
    public DbSet<CatchmentEntity> Catchments => Set<CatchmentEntity>();
    public DbSet<HjemHandOverEntity> HjemHandOvers => Set<HjemHandOverEntity>();
    public DbSet<HjemConversationEntity> HjemConversations => Set<HjemConversationEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        MdtAndSlotModel.Configure(modelBuilder);
        PatientViewModel.Configure(modelBuilder);
        ImportFeedbackModel.Configure(modelBuilder);
        ContactPointAndHjemModel.Configure(modelBuilder);
        modelBuilder.Entity<OrganisationEntity>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Parent).HasMaxLength(32);
        });
        modelBuilder.Entity<PatientEntity>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.NationalId).HasMaxLength(11);
            e.Property(x => x.Name).HasMaxLength(128);
            e.HasIndex(x => x.NationalId).IsUnique();
        });
        modelBuilder.Entity<EventEntity>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Organisation).HasMaxLength(32);
            e.Property(x => x.RecordId).HasMaxLength(64);
            e.Property(x => x.Code).HasMaxLength(16);
            e.Property(x => x.Outcome).HasMaxLength(16);
            e.Property(x => x.Setting).HasMaxLength(16);
            e.Property(x => x.RecordedBy).HasMaxLength(128);
            // Record ids are unique per sending organisation (interchange contract).
            e.HasIndex(x => new { x.RecordId, x.Organisation }).IsUnique();
            e.HasIndex(x => x.PatientId);
            // FHIR's _lastUpdated: the patients whose rows arrived after an instant, without reading the whole history
            // (bench/fhir.sh, docs/decisions/0027).
            e.HasIndex(x => x.RecordedAt);
        });
        modelBuilder.Entity<EpisodeEntity>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Pathway).HasMaxLength(16);
            e.Property(x => x.Hf).HasMaxLength(32);
            e.Property(x => x.Rhf).HasMaxLength(32);
            e.Property(x => x.State).HasMaxLength(32);
            e.Property(x => x.DecisionCode).HasMaxLength(16);
            e.Property(x => x.TreatmentCode).HasMaxLength(16);
            e.Property(x => x.TreatmentType).HasMaxLength(16);
            e.Property(x => x.EndCode).HasMaxLength(16);
            e.Property(x => x.Unit).HasMaxLength(32);
            e.Property(x => x.NextPoint).HasMaxLength(32);
            e.HasIndex(x => x.PatientId);
            e.HasIndex(x => x.TreatmentDate);
            // An HF's episodes by deadline; the list's status "no deadline" reads the NULL end of it.
            e.HasIndex(x => new { x.Hf, x.NextDeadline });
            // The tracking list: an HF's open episodes in deadline order with every episode column the list reads, and
            // only the episodes with a deadline (a few thousand of 150 000 at demo volume). SQLite drops a connection's
            // page cache at every commit of another connection, and the web host commits several times a second (the
            // access log), so each list read its rows' table pages afresh: 114 pages for a page of 50, 229 to forecast
            // an HF's list. From this index: 8 and 8 (decision 0035).
            e.HasIndex(x => new
            {
                x.Hf, x.NextDeadline, x.Id, x.Pathway, x.NextPoint, x.SeniorityDate, x.FirstAttendanceDate, x.DecisionDate,
                x.PatientId, x.Unit, x.State, x.StartDate, x.Findings,
            }, "ix_episodes_open_list").HasDatabaseName("ix_episodes_open_list").HasFilter("next_deadline IS NOT NULL");
        });
        modelBuilder.Entity<EpisodeIntervalEntity>(e =>
        {
            e.HasKey(x => new { x.EpisodeId, x.Ordinal });
            e.Property(x => x.IntervalId).HasMaxLength(16);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.TreatmentType).HasMaxLength(16);
            e.Property(x => x.Setting).HasMaxLength(16);
            e.HasIndex(x => x.PatientId);
            // Indicators read the intervals reached in a period.
            e.HasIndex(x => x.ToDate);
        });
        modelBuilder.Entity<EpisodeAssignmentEntity>(e =>
        {
            e.HasKey(x => x.EpisodeId);
            e.Property(x => x.EpisodeId).ValueGeneratedNever();
            e.Property(x => x.Coordinator).HasMaxLength(128);
            e.Property(x => x.AssignedBy).HasMaxLength(128);
        });
        modelBuilder.Entity<DeviationReasonEntity>(e =>
        {
            e.HasKey(x => new { x.EpisodeId, x.IntervalId });
            e.Property(x => x.IntervalId).HasMaxLength(16);
            e.Property(x => x.Cause).HasMaxLength(32);
            e.Property(x => x.Resource).HasMaxLength(32);
            e.Property(x => x.Text).HasMaxLength(500);
            e.Property(x => x.RecordedBy).HasMaxLength(128);
        });
        modelBuilder.Entity<ImplementationStatusEntity>(e =>
        {
            e.Property(x => x.MeasureId).HasMaxLength(64);
            e.Property(x => x.Owner).HasMaxLength(16);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.Evidence).HasMaxLength(1000);
            e.Property(x => x.RecordedBy).HasMaxLength(128);
            e.HasIndex(x => new { x.MeasureId, x.Owner, x.Id });
        });
        modelBuilder.Entity<EpisodeActionEntity>(e =>
        {
            e.HasKey(x => new { x.EpisodeId, x.ActionId });
            e.Property(x => x.ActionId).HasMaxLength(48);
            e.Property(x => x.RecordedBy).HasMaxLength(128);
        });
        modelBuilder.Entity<UserEntity>(e =>
        {
            e.HasKey(x => x.UserName);
            e.Property(x => x.UserName).HasMaxLength(128);
            e.Property(x => x.DisplayName).HasMaxLength(128);
            e.Property(x => x.Role).HasMaxLength(32);
            e.Property(x => x.Organisation).HasMaxLength(32);
            e.Property(x => x.Units).HasMaxLength(512);
        });
        modelBuilder.Entity<ApiClientEntity>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(128);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.Property(x => x.Organisation).HasMaxLength(32);
            e.HasIndex(x => x.TokenHash).IsUnique();
        });
        modelBuilder.Entity<PeriodLockEntity>(e =>
        {
            e.HasKey(x => new { x.Period, x.Publication });
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.LockedBy).HasMaxLength(128);
        });
        modelBuilder.Entity<NewCancerCasesEntity>(e =>
        {
            e.Property(x => x.Hf).HasMaxLength(32);
            e.Property(x => x.Source).HasMaxLength(512);
            e.HasIndex(x => new { x.Hf, x.From });
        });
        modelBuilder.Entity<ImportBatchEntity>(e => e.Property(x => x.FileName).HasMaxLength(512));
        modelBuilder.Entity<AccessLogEntity>(e =>
        {
            e.ToTable("access_log");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.Property(x => x.User).HasMaxLength(128);
            e.Property(x => x.Role).HasMaxLength(32);
            e.Property(x => x.Organisation).HasMaxLength(32);
            e.Property(x => x.Patient).HasMaxLength(11);
            e.Property(x => x.Kind).HasMaxLength(8);
            e.Property(x => x.What).HasMaxLength(512);
            e.Property(x => x.From).HasMaxLength(128);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            // On SQLite the lookup by patient is a file of its own, kept after the fact (AccessLogPatientLookup,
            // decision 0034): this index wrote a random page per entry inside the commit every page view waits for.
            if (!Database.IsSqlite())
            {
                e.HasIndex(x => x.Patient);
            }
        });
        modelBuilder.Entity<RejectedRowEntity>(e =>
        {
            e.Property(x => x.RecordId).HasMaxLength(64);
            e.Property(x => x.Column).HasMaxLength(32);
            e.HasIndex(x => x.BatchId);
        });
    }
}

public sealed class SqliteRegistryDb(DbContextOptions<SqliteRegistryDb> options) : RegistryDb(options);

public sealed class PostgresRegistryDb(DbContextOptions<PostgresRegistryDb> options) : RegistryDb(options);

/// <summary>Lets `dotnet ef migrations add X --context SqliteRegistryDb` build the model without a running app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRegistryDb>
{
    public SqliteRegistryDb CreateDbContext(string[] args) =>
        (SqliteRegistryDb)DatabaseTarget.Parse("design-time.db").CreateContext();
}

/// <summary>Lets `dotnet ef migrations add X --context PostgresRegistryDb` build the model without a running server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRegistryDb>
{
    public PostgresRegistryDb CreateDbContext(string[] args) =>
        (PostgresRegistryDb)DatabaseTarget.Parse("Host=localhost;Database=forlop_design").CreateContext();
}
