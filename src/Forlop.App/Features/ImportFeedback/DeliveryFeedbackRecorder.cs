using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Registration;
using Forlop.Domain;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Features.ImportFeedback;

/// <summary>
/// The feedback of deliveries through the REST API and FHIR (decision 0031): each registration's answer from
/// <see cref="RegisterEvent"/> noted as an error or, once stored, as the warnings of its episode. A FHIR Bundle is one
/// delivery; a client's REST registrations of one day are one, growing through the day. Stored after the
/// registrations, through the same write gate as they: a lost feedback line never undoes a stored point.
/// </summary>
public sealed class DeliveryFeedbackRecorder(RegistryDb db, PathwayCatalogue catalogue, OrganisationDirectory organisations, AccessLogWriter log, IClock clock)
{
    private LocalDate Today => clock.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;

    /// <summary>A REST registration's day: "POST /api/v1/events YYYY-MM-DD".</summary>
    public DeliveryFeedback BeginApi(Caller caller) =>
        new(DeliverySource.Api, $"POST /api/v1/events {IsoDate.Text(Today)}", caller.Actor.UserName, organisations, catalogue, Today);

    public DeliveryFeedback BeginFhir(Caller caller) => new(DeliverySource.Fhir, "FHIR Bundle", caller.Actor.UserName, organisations, catalogue, Today);

    /// <summary>
    /// Notes one registration's answer: <paramref name="form"/> as sent (null for a correction or a withdrawal, which
    /// name a stored point), <paramref name="line"/> its place in a Bundle.
    /// </summary>
    public void Note(DeliveryFeedback feedback, Caller caller, RegistrationForm? form, RegistrationResult result, int? line)
    {
        var organisation = SenderOf(feedback, caller, form?.Organisation);
        switch (result)
        {
            case RegistrationResult.Registered r:
                Accepted(feedback, r, line);
                break;
            case RegistrationResult.Refused r:
                feedback.Rejected(organisation, line, form?.RecordId, form?.NationalId, r.Column, r.Message, r.Norwegian);
                break;
            case RegistrationResult.NotAllowed n:
                feedback.Rejected(organisation, line, form?.RecordId, form?.NationalId, EventColumns.Organisation, n.Message, n.Norwegian);
                break;
            case RegistrationResult.Conflict c:
                feedback.Rejected(organisation, line, form?.RecordId, form?.NationalId, "version", c.Message, c.Norwegian);
                break;
            case RegistrationResult.NotFound n:
                feedback.Rejected(organisation, line, form?.RecordId, form?.NationalId, "id", n.Message, null);
                break;
        }
    }

    /// <summary>An entry refused before it became a registration (a FHIR resource that names no point).</summary>
    public void Malformed(DeliveryFeedback feedback, Caller caller, int line, string column, string english, string norwegian) =>
        feedback.Rejected(SenderOf(feedback, caller, null), line, null, null, column, english, norwegian);

    public async Task SaveAsync(DeliveryFeedback feedback, CancellationToken ct)
    {
        if (feedback.IsEmpty)
        {
            return;
        }
        var now = clock.GetCurrentInstant().ToDateTimeUtc();
        await log.WriteGate.WaitAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (feedback.Source == DeliverySource.Api)
            {
                var source = Forlop.Domain.EnumNames.Of(DeliverySource.Api);
                await feedback.AppendAsync(db, hf => db.ImportFeedback.SingleOrDefaultAsync(
                    f => f.Hf == hf && f.Source == source && f.SentBy == feedback.SentBy && f.Name == feedback.Name, ct), now, ct);
            }
            else
            {
                await feedback.SaveAsync(db, null, now, ct);
            }
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        finally
        {
            log.WriteGate.Release();
        }
    }

    /// <summary>The organisation a line is held against: as sent when the register knows it, else the caller's own.</summary>
    private static string SenderOf(DeliveryFeedback feedback, Caller caller, string? sent) =>
        feedback.HfOf(sent).Length > 0 ? sent! : caller.Actor.Organisation;

    /// <summary>
    /// A stored point: counted, with the warnings of its episode as the registration derived it in its own transaction
    /// (reading the patient's record again here was half of a registration's CPU: docs/performance.md).
    /// </summary>
    private static void Accepted(DeliveryFeedback feedback, RegistrationResult.Registered r, int? line)
    {
        var derived = r.Derived ?? throw new InvalidOperationException("a registration's answer without its derived episode");
        feedback.Accepted(derived.Organisation);
        if (derived is { Episode: { } episode, Row: { } row })
        {
            feedback.Touched(episode, row, derived.NationalId, line);
        }
    }
}
