using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.ImportFeedback;
using Forlop.App.Features.Registration;
using Forlop.Domain.Registry;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using NodaTime;
using NodaTime.Text;

namespace Forlop.App.Features.Fhir;

/// <summary>
/// A transaction (or batch) Bundle of measurement points, each a POST of an <see cref="Encounter"/>: every entry goes
/// through <see cref="RegisterEvent"/> — the import's rules, scoping and access log, exactly as POST /api/v1/events —
/// and is stored whole or not at all, in the Bundle's order. Each entry is answered on its own: 201 with the point's
/// location, or its refusal as an OperationOutcome in English and bokmål. A rejected entry stores nothing of its
/// patient, and does not undo the entries before it (the import's rule for rows; decision 0027).
/// </summary>
public static class FhirTransaction
{
    /// <summary>Registers the Bundle's entries; with <paramref name="recorder"/>, the Bundle is one delivery with its feedback (decision 0031).</summary>
    public static async Task<Bundle> RunAsync(Bundle bundle, RegisterEvent register, Caller caller, CancellationToken ct, DeliveryFeedbackRecorder? recorder = null)
    {
        var answer = new Bundle
        {
            Type = bundle.Type == Bundle.BundleType.Batch ? Bundle.BundleType.BatchResponse : Bundle.BundleType.TransactionResponse,
        };
        var feedback = recorder?.BeginFhir(caller);
        foreach (var (entry, index) in bundle.Entry.Select((e, i) => (e, i)))
        {
            answer.Entry.Add(await EntryAsync(entry, register, caller, recorder is null ? null : (recorder, feedback!, index + 1), ct));
        }
        if (recorder is not null)
        {
            await recorder.SaveAsync(feedback!, ct);
        }
        return answer;
    }

    private static async Task<Bundle.EntryComponent> EntryAsync(Bundle.EntryComponent entry, RegisterEvent register, Caller caller,
        (DeliveryFeedbackRecorder Recorder, DeliveryFeedback Feedback, int Line)? delivery, CancellationToken ct)
    {
        if (entry.Request?.Method != Bundle.HTTPVerb.POST || entry.Resource is not Encounter encounter
            || !string.Equals(entry.Request.Url?.TrimStart('/'), "Encounter", StringComparison.Ordinal))
        {
            const string en = "an entry must POST an Encounter to Encounter (a measurement point); nothing else is written through FHIR";
            const string nb = "En oppføring må sende et Encounter med POST til Encounter (et målepunkt); ikke noe annet skrives via FHIR.";
            delivery?.Recorder.Malformed(delivery.Value.Feedback, caller, delivery.Value.Line, "entry", en, nb);
            return Refused("400 Bad Request", OperationOutcome.IssueType.NotSupported, en, nb, "Bundle.entry.request");
        }
        var (form, problem) = Form(encounter);
        if (form is null)
        {
            delivery?.Recorder.Malformed(delivery.Value.Feedback, caller, delivery.Value.Line, "entry", problem!.Value.En, problem.Value.Nb);
            return Refused("400 Bad Request", OperationOutcome.IssueType.Required, problem!.Value.En, problem.Value.Nb, problem.Value.Expression);
        }
        var result = await register.RegisterAsync(caller, form, null, ct);
        if (delivery is { } d)
        {
            d.Recorder.Note(d.Feedback, caller, form, result, d.Line);
        }
        return result switch
        {
            RegistrationResult.Registered r => new Bundle.EntryComponent
            {
                Response = new Bundle.ResponseComponent
                {
                    Status = "201 Created",
                    Location = $"Encounter/{RootOf(r)}/_history/{r.EventId.ToString(CultureInfo.InvariantCulture)}",
                    Etag = $"W/\"{r.EventId.ToString(CultureInfo.InvariantCulture)}\"",
                },
            },
            RegistrationResult.Refused r => Refused("422 Unprocessable Entity", OperationOutcome.IssueType.BusinessRule, r.Message, r.Norwegian, ExpressionOf(r.Column)),
            RegistrationResult.NotAllowed n => Refused("403 Forbidden", OperationOutcome.IssueType.Forbidden, n.Message, n.Norwegian, "Encounter.serviceProvider"),
            RegistrationResult.Conflict c => Refused("409 Conflict", OperationOutcome.IssueType.Conflict, c.Message, c.Norwegian, null),
            RegistrationResult.NotFound n => Refused("404 Not Found", OperationOutcome.IssueType.NotFound, n.Message, n.Message, null),
            var other => throw new InvalidOperationException(other.GetType().Name),
        };
    }

    // A new point begins its own correction chain: its root is itself.
    private static string RootOf(RegistrationResult.Registered r) => r.EventId.ToString(CultureInfo.InvariantCulture);

    private static Bundle.EntryComponent Refused(string status, OperationOutcome.IssueType type, string english, string norwegian, string? expression) => new()
    {
        Response = new Bundle.ResponseComponent { Status = status, Outcome = FhirOutcomes.Error(type, english, norwegian, expression) },
    };

    /// <summary>The element of an Encounter that carries an events file's column.</summary>
    private static string? ExpressionOf(string column) => column switch
    {
        EventColumns.RecordId => "Encounter.identifier",
        EventColumns.PatientId => "Encounter.subject.identifier",
        EventColumns.Organisation => "Encounter.serviceProvider.identifier",
        EventColumns.Code => "Encounter.type",
        EventColumns.Date or EventColumns.Time => "Encounter.period.start",
        EventColumns.Outcome => "Encounter.type",
        EventColumns.Setting => "Encounter.class",
        _ => null,
    };

    /// <summary>
    /// The events file's fields read from an Encounter: the text of each, unchecked, so the import's parser checks
    /// them and refuses with its own words. Only the shape FHIR adds (which element, which system) is checked here.
    /// </summary>
    public static (RegistrationForm? Form, (string En, string Nb, string Expression)? Problem) Form(Encounter encounter)
    {
        var patient = encounter.Subject?.Identifier;
        if (patient is null || !FhirSystems.IsIdentitySystem(patient.System))
        {
            return (null, ("the patient must be identified by subject.identifier with the fødselsnummer, D-number or H-number system (urn:oid:2.16.578.1.12.4.1.4.1, …4.2, …4.3)",
                "Pasienten må identifiseres med subject.identifier i systemet for fødselsnummer, D-nummer eller H-nummer (urn:oid:2.16.578.1.12.4.1.4.1, …4.2, …4.3).",
                "Encounter.subject.identifier"));
        }
        var organisation = encounter.ServiceProvider?.Identifier;
        if (organisation is null || organisation.System != FhirSystems.Organisation)
        {
            return (null, ($"the organisation must be given as serviceProvider.identifier with the system {FhirSystems.Organisation}",
                $"Organisasjonen må oppgis som serviceProvider.identifier i systemet {FhirSystems.Organisation}.", "Encounter.serviceProvider.identifier"));
        }
        var codes = encounter.Type.SelectMany(t => t.Coding).ToList();
        var code = codes.Where(c => c.System == FhirSystems.PathwayCodes).Select(c => c.Code).ToList();
        var outcome = codes.Where(c => c.System == FhirSystems.OutcomeCodes).Select(c => c.Code).ToList();
        if (code.Count != 1 || outcome.Count > 1)
        {
            return (null, ($"type must hold one code of {FhirSystems.PathwayCodes} and at most one of {FhirSystems.OutcomeCodes}",
                $"type må ha én kode fra {FhirSystems.PathwayCodes} og høyst én fra {FhirSystems.OutcomeCodes}.", "Encounter.type"));
        }
        if (!TryWhen(encounter.Period?.Start, out var date, out var time))
        {
            return (null, ("period.start must be the day (YYYY-MM-DD) or the day and time with its offset",
                "period.start må være dagen (ÅÅÅÅ-MM-DD) eller dagen og klokkeslettet med tidssone.", "Encounter.period.start"));
        }
        var setting = encounter.Class?.Code switch
        {
            "AMB" when encounter.Class.System == FhirSystems.ActCode => "outpatient",
            "IMP" when encounter.Class.System == FhirSystems.ActCode => "inpatient",
            _ => null,
        };
        var recordId = encounter.Identifier.FirstOrDefault(i => i.System == FhirSystems.RecordId)?.Value;
        return (new RegistrationForm(patient.Value, organisation.Value, code[0], date, time, outcome.SingleOrDefault(), recordId, Setting: setting), null);
    }

    /// <summary>A FHIR date or dateTime as the events file's date and time (Europe/Oslo); false when it is neither.</summary>
    private static bool TryWhen(string? text, out string? date, out string? time)
    {
        date = null;
        time = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        if (text.Length == 10)
        {
            // The parser checks the day itself, with its own words.
            date = text;
            return true;
        }
        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (!parsed.Success)
        {
            return false;
        }
        var local = parsed.Value.InZone(RegistryStore.Oslo).LocalDateTime;
        date = local.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        time = local.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture);
        return true;
    }
}
