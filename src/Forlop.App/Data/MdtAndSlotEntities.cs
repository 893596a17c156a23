using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Data;

/// <summary>A multidisciplinary team (MDT) of an HF for one or more pathways; it meets every <see cref="EveryDays"/> days.</summary>
public sealed class MdtTeamEntity
{
    public long Id { get; set; }
    public required string Hf { get; set; }
    public required string Name { get; set; }
    /// <summary>The pathway codes the team decides for, comma-separated (A01,A02).</summary>
    public required string Pathways { get; set; }
    public int EveryDays { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A member of a team: role (kebab-case MdtRole) and the HF she works at (another HF's joins by video).</summary>
public sealed class MdtTeamMemberEntity
{
    public long Id { get; set; }
    public long TeamId { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public required string Hf { get; set; }
}

/// <summary>One meeting of a team, on a day at a time (Europe/Oslo).</summary>
public sealed class MdtMeetingEntity
{
    public long Id { get; set; }
    public long TeamId { get; set; }
    /// <summary>The team's HF, kept on the meeting so the scoping filter needs no join.</summary>
    public required string Hf { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly Time { get; set; }
    public required string ConvenedBy { get; set; }
    public DateTime ConvenedAt { get; set; }
}

/// <summary>
/// A patient on a meeting's list: the episode, the question the team is to answer, and once decided the decision
/// record — who decided, what, who carries it out and by when — with the clinical-decision point it registered.
/// </summary>
public sealed class MdtListEntryEntity
{
    public long Id { get; set; }
    public long MeetingId { get; set; }
    /// <summary>The episode (the root id of its start event, stable through corrections).</summary>
    public long EpisodeId { get; set; }
    public required string Question { get; set; }
    public required string AddedBy { get; set; }
    public DateTime AddedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? Decision { get; set; }
    public string? CarriedOutBy { get; set; }
    public DateOnly? DueBy { get; set; }
    /// <summary>The clinical-decision event registered with the decision (its code is the pathway's decision point).</summary>
    public long? DecisionEventId { get; set; }
    public string? DecisionCode { get; set; }
    public string? RecordedBy { get; set; }
    public DateTime? RecordedAt { get; set; }
}

/// <summary>
/// A slot a unit keeps for pathway patients (reservert time): its resource and time, when it is released to other
/// patients unless booked, and the booking. <see cref="ReleasedAt"/> is written by the release service once the release
/// time has passed; the status follows from the release time alone, so nothing depends on the service having run.
/// </summary>
public sealed class ReservedSlotEntity
{
    public long Id { get; set; }
    public required string Hf { get; set; }
    /// <summary>The unit that published the slot (the HF itself or one of its units).</summary>
    public required string Unit { get; set; }
    /// <summary>kebab-case SlotResource.</summary>
    public required string Resource { get; set; }
    public DateTime StartsAt { get; set; }
    public int Minutes { get; set; }
    public DateTime ReleaseAt { get; set; }
    public required string PublishedBy { get; set; }
    public DateTime PublishedAt { get; set; }
    public long? EpisodeId { get; set; }
    /// <summary>The deadline of the patient's next point when the slot was booked: whether the slot came in time.</summary>
    public DateOnly? DeadlineAtBooking { get; set; }
    public string? BookedBy { get; set; }
    public DateTime? BookedAt { get; set; }
    public DateTime? ReleasedAt { get; set; }
}

/// <summary>The model of MDT meetings and reserved slots (issue 12, decision 0025), kept beside their entities.</summary>
public static class MdtAndSlotModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MdtTeamEntity>(e =>
        {
            e.Property(x => x.Hf).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(128);
            e.Property(x => x.Pathways).HasMaxLength(256);
            e.Property(x => x.CreatedBy).HasMaxLength(128);
            e.HasIndex(x => x.Hf);
        });
        modelBuilder.Entity<MdtTeamMemberEntity>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(128);
            e.Property(x => x.Role).HasMaxLength(32);
            e.Property(x => x.Hf).HasMaxLength(32);
            e.HasIndex(x => x.TeamId);
        });
        modelBuilder.Entity<MdtMeetingEntity>(e =>
        {
            e.Property(x => x.Hf).HasMaxLength(32);
            e.Property(x => x.ConvenedBy).HasMaxLength(128);
            // An HF's meetings by date: the list of meetings and the next meeting of a team.
            e.HasIndex(x => new { x.Hf, x.Date });
            e.HasIndex(x => new { x.TeamId, x.Date });
        });
        modelBuilder.Entity<MdtListEntryEntity>(e =>
        {
            e.Property(x => x.Question).HasMaxLength(1024);
            e.Property(x => x.AddedBy).HasMaxLength(128);
            e.Property(x => x.DecidedBy).HasMaxLength(256);
            e.Property(x => x.Decision).HasMaxLength(2048);
            e.Property(x => x.CarriedOutBy).HasMaxLength(256);
            e.Property(x => x.DecisionCode).HasMaxLength(16);
            e.Property(x => x.RecordedBy).HasMaxLength(128);
            // A patient is on a meeting's list once.
            e.HasIndex(x => new { x.MeetingId, x.EpisodeId }).IsUnique();
            e.HasIndex(x => x.EpisodeId);
        });
        modelBuilder.Entity<ReservedSlotEntity>(e =>
        {
            e.Property(x => x.Hf).HasMaxLength(32);
            e.Property(x => x.Unit).HasMaxLength(32);
            e.Property(x => x.Resource).HasMaxLength(32);
            e.Property(x => x.PublishedBy).HasMaxLength(128);
            e.Property(x => x.BookedBy).HasMaxLength(128);
            // An HF's slots by time (the list and the figures); the release service's open slots by release time.
            e.HasIndex(x => new { x.Hf, x.StartsAt });
            e.HasIndex(x => x.ReleaseAt);
            e.HasIndex(x => x.EpisodeId);
        });
    }
}
