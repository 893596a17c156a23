using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Data;

/// <summary>
/// A person's sign-in without the identity provider (the demo patient and relative): a login name and a password hash
/// that stand for an identity number. Production signs people in through ID-porten-style OpenID Connect instead
/// (Forlop:PatientOidc, decision 0029); these rows never hold a staff role.
/// </summary>
public sealed class PatientLoginEntity
{
    public required string LoginName { get; set; }
    public required string NationalId { get; set; }
    public required string DisplayName { get; set; }
    /// <summary>ASP.NET Core Identity's password hash (PBKDF2), as the staff's local accounts.</summary>
    public required string PasswordHash { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// A patient's consent that a named relative (by identity number) may see her pathways in the patient's view; revoked
/// consents are kept with the time they ended.
/// </summary>
public sealed class RelativeConsentEntity
{
    public long Id { get; set; }
    public required string PatientNationalId { get; set; }
    public required string RelativeNationalId { get; set; }
    public required string RelativeName { get; set; }
    public DateTime GivenAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>
/// A link to an experience survey: the SHA-256 of a one-time token, and what the answer will be counted under. The
/// episode is kept only so one is not invited twice; the answer row never points back here.
/// </summary>
public sealed class SurveyInvitationEntity
{
    public long Id { get; set; }
    public required string TokenHash { get; set; }
    public long EpisodeId { get; set; }
    /// <summary>kebab-case SurveyKind: patient or relative.</summary>
    public required string Kind { get; set; }
    public required string Pathway { get; set; }
    public required string Hf { get; set; }
    /// <summary>The tertial the pathway ended in (2026-T3).</summary>
    public required string Period { get; set; }
    public DateOnly ExpiresOn { get; set; }
    /// <summary>The day it was answered (a day, not an instant, so it cannot be matched to an answer by time).</summary>
    public DateOnly? AnsweredOn { get; set; }
}

/// <summary>
/// One answer to an experience survey, apart from identity: no episode, person or invitation; a random id so row order
/// says nothing; only the pathway, HF, period and kind it counts under. Scores 1–5, null for a question left out.
/// </summary>
public sealed class SurveyAnswerEntity
{
    public Guid Id { get; set; }
    public required string Kind { get; set; }
    public required string Pathway { get; set; }
    public required string Hf { get; set; }
    public required string Period { get; set; }
    public int? Q1 { get; set; }
    public int? Q2 { get; set; }
    public int? Q3 { get; set; }
    public int? Q4 { get; set; }
}

public static class PatientViewModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PatientLoginEntity>(e =>
        {
            e.HasKey(x => x.LoginName);
            e.Property(x => x.LoginName).HasMaxLength(64);
            e.Property(x => x.NationalId).HasMaxLength(11);
            e.Property(x => x.DisplayName).HasMaxLength(128);
        });
        modelBuilder.Entity<RelativeConsentEntity>(e =>
        {
            e.Property(x => x.PatientNationalId).HasMaxLength(11);
            e.Property(x => x.RelativeNationalId).HasMaxLength(11);
            e.Property(x => x.RelativeName).HasMaxLength(128);
            e.HasIndex(x => x.PatientNationalId);
            e.HasIndex(x => x.RelativeNationalId);
        });
        modelBuilder.Entity<SurveyInvitationEntity>(e =>
        {
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Pathway).HasMaxLength(16);
            e.Property(x => x.Hf).HasMaxLength(32);
            e.Property(x => x.Period).HasMaxLength(16);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.EpisodeId, x.Kind }).IsUnique();
        });
        modelBuilder.Entity<SurveyAnswerEntity>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Pathway).HasMaxLength(16);
            e.Property(x => x.Hf).HasMaxLength(32);
            e.Property(x => x.Period).HasMaxLength(16);
            e.HasIndex(x => x.Period);
        });
    }
}
