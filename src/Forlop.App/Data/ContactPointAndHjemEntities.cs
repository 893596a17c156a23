using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Data;

/// <summary>
/// A contact point of the public directory: an HF's pathway coordinators' office for one pathway family
/// (<see cref="Kind"/> <c>hf-office</c>, <see cref="Owner"/> the HF's code, <see cref="Family"/> kebab-case PathwayFamily), or a
/// municipality's Pakkeforløp hjem contact point (<c>municipality-hjem</c>, the municipality number, no family).
/// <see cref="Placeholder"/> marks facts that have no source (demo data): the directory shows them as such.
/// </summary>
public sealed class ContactPointEntity
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string Owner { get; set; }
    public required string Family { get; set; }
    public required string Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Hours { get; set; }
    public string? Address { get; set; }
    public bool Placeholder { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A municipality in an HF's catchment area (opptaksområde), as the HF's administrator set it.</summary>
public sealed class CatchmentEntity
{
    public long Id { get; set; }
    public required string Hf { get; set; }
    public required string Municipality { get; set; }
    /// <summary>Set without a source (demo data).</summary>
    public bool Placeholder { get; set; }
    public required string SetBy { get; set; }
    public DateTime SetAt { get; set; }
}

/// <summary>
/// A Pakkeforløp hjem hand-over: the hospital's needs assessment of a cancer patient's episode, handed on to the
/// patient's municipality; the municipality's receipt. Topics are kebab-case HjemTopic values separated by commas.
/// </summary>
public sealed class HjemHandOverEntity
{
    public long Id { get; set; }
    /// <summary>The episode (the root id of its start event, stable through corrections).</summary>
    public long EpisodeId { get; set; }
    public required string Hf { get; set; }
    public required string Municipality { get; set; }
    public DateOnly DiagnosedOn { get; set; }
    public DateOnly AssessedOn { get; set; }
    public required string Topics { get; set; }
    public required string Note { get; set; }
    public required string HandedOverBy { get; set; }
    public DateTime HandedOverAt { get; set; }
    public string? ReceivedBy { get; set; }
    public DateTime? ReceivedAt { get; set; }
}

/// <summary>A conversation the municipality held with the patient at one of the touchpoints (kebab-case HjemTouchpoint).</summary>
public sealed class HjemConversationEntity
{
    public long Id { get; set; }
    public long HandOverId { get; set; }
    public required string Touchpoint { get; set; }
    public DateOnly HeldOn { get; set; }
    public required string Note { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>The model of the contact-point directory and Pakkeforløp hjem (issue 13, decision 0028), kept beside their entities.</summary>
public static class ContactPointAndHjemModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ContactPointEntity>(e =>
        {
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Owner).HasMaxLength(32);
            e.Property(x => x.Family).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(256);
            e.Property(x => x.Phone).HasMaxLength(64);
            e.Property(x => x.Email).HasMaxLength(256);
            e.Property(x => x.Hours).HasMaxLength(256);
            e.Property(x => x.Address).HasMaxLength(512);
            e.Property(x => x.UpdatedBy).HasMaxLength(128);
            // One office per HF and family, one hjem contact point per municipality.
            e.HasIndex(x => new { x.Kind, x.Owner, x.Family }).IsUnique();
        });
        modelBuilder.Entity<CatchmentEntity>(e =>
        {
            e.Property(x => x.Hf).HasMaxLength(32);
            e.Property(x => x.Municipality).HasMaxLength(8);
            e.Property(x => x.SetBy).HasMaxLength(128);
            e.HasIndex(x => new { x.Hf, x.Municipality }).IsUnique();
        });
        modelBuilder.Entity<HjemHandOverEntity>(e =>
        {
            e.Property(x => x.Hf).HasMaxLength(32);
            e.Property(x => x.Municipality).HasMaxLength(8);
            e.Property(x => x.Topics).HasMaxLength(512);
            e.Property(x => x.Note).HasMaxLength(4096);
            e.Property(x => x.HandedOverBy).HasMaxLength(128);
            e.Property(x => x.ReceivedBy).HasMaxLength(128);
            // A municipality's residents handed on; an episode is handed on once.
            e.HasIndex(x => x.Municipality);
            e.HasIndex(x => x.Hf);
            e.HasIndex(x => x.EpisodeId).IsUnique();
        });
        modelBuilder.Entity<HjemConversationEntity>(e =>
        {
            e.Property(x => x.Touchpoint).HasMaxLength(16);
            e.Property(x => x.Note).HasMaxLength(4096);
            e.Property(x => x.RecordedBy).HasMaxLength(128);
            e.HasIndex(x => new { x.HandOverId, x.Touchpoint }).IsUnique();
        });
    }
}
