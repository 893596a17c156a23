using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Data;

/// <summary>
/// The feedback document of one delivery for one sending HF (issue 14, item 3; decision 0031): a file import
/// (<see cref="BatchId"/> its batch), a day of one client's REST registrations, or one FHIR Bundle. Written in the same
/// transaction as the delivery's rows where the import writes them; never changed afterwards except that a day of REST
/// registrations grows through the day.
/// </summary>
public sealed class ImportFeedbackEntity
{
    public long Id { get; set; }
    /// <summary>The sending HF; empty when a rejected row named no organisation the register knows.</summary>
    public required string Hf { get; set; }
    /// <summary>file, api or fhir.</summary>
    public required string Source { get; set; }
    /// <summary>The file's name, "POST /api/v1/events YYYY-MM-DD", or "FHIR Bundle".</summary>
    public required string Name { get; set; }
    /// <summary>Who sent it: the user running the import or the API client.</summary>
    public required string SentBy { get; set; }
    public DateTime ReceivedAt { get; set; }
    public long? BatchId { get; set; }
    public int Accepted { get; set; }
    public int Errors { get; set; }
    public int Warnings { get; set; }
}

/// <summary>
/// One line of a feedback document: an error (a rejected row or entry, with the column and the reason) or a warning
/// (accepted but suspicious: a point missing from the pathway's order, an open episode without activity), per record.
/// </summary>
public sealed class ImportFeedbackItemEntity
{
    public long Id { get; set; }
    public long FeedbackId { get; set; }
    /// <summary>error or warning.</summary>
    public required string Severity { get; set; }
    /// <summary>rejected, or a data-quality finding's kind (missing-first-attendance, missing-decision, inactive-open-episode).</summary>
    public required string Kind { get; set; }
    /// <summary>The row's line in the file, or the entry's position in the Bundle (1-based); null for a REST call.</summary>
    public int? Line { get; set; }
    public string? RecordId { get; set; }
    public string? Column { get; set; }
    public long? EpisodeId { get; set; }
    /// <summary>The patient's identity number as sent, when there was one: who the line is about, for the access log.</summary>
    public string? NationalId { get; set; }
    public required string Message { get; set; }
    public string? MessageNb { get; set; }
}

public static class ImportFeedbackModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ImportFeedbackEntity>(e =>
        {
            e.Property(x => x.Hf).HasMaxLength(32);
            e.Property(x => x.Source).HasMaxLength(8);
            e.Property(x => x.Name).HasMaxLength(256);
            e.Property(x => x.SentBy).HasMaxLength(128);
            // An HF's deliveries by time: the list and the counts per kind over time.
            e.HasIndex(x => new { x.Hf, x.ReceivedAt });
            e.HasIndex(x => new { x.Source, x.SentBy, x.Name });
        });
        modelBuilder.Entity<ImportFeedbackItemEntity>(e =>
        {
            e.Property(x => x.Severity).HasMaxLength(8);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.RecordId).HasMaxLength(64);
            e.Property(x => x.Column).HasMaxLength(32);
            e.Property(x => x.NationalId).HasMaxLength(32);
            e.Property(x => x.Message).HasMaxLength(1024);
            e.Property(x => x.MessageNb).HasMaxLength(1024);
            e.HasIndex(x => x.FeedbackId);
        });
    }
}
