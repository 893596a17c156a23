using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.Patients;
using NodaTime;
using NodaTime.Text;

namespace Forlop.Domain.Registry;

/// <summary>The raw text of one row of an events file (interchange contract, version 1); null for an absent column.</summary>
public sealed record EventRowText(
    string? RecordId,
    string? PatientId,
    string? Organisation,
    string? Code,
    string? Date,
    string? Time,
    string? Outcome,
    string? Replaces,
    string? Cancel,
    string? Setting = null,
    string? DeviationReason = null,
    string? DeviationResource = null,
    string? DeviationText = null)
{
    /// <summary>Whether any of the deviation-reason columns holds something.</summary>
    public bool HasDeviationReason =>
        !string.IsNullOrWhiteSpace(DeviationReason) || !string.IsNullOrWhiteSpace(DeviationResource) || !string.IsNullOrWhiteSpace(DeviationText);
}

/// <summary>A row whose every field is valid on its own, ready to be applied to the patient's record.</summary>
/// <summary>
/// A row whose every field is valid on its own, ready to be applied to the patient's record; with the deviation reason
/// it gives for the intervals its event ends over their standard, if any (checked against the episode when applied).
/// </summary>
public sealed record ParsedEventRow(NationalIdentityNumber Patient, EventSubmission Submission, Deviations.DeviationReason? Reason = null);

/// <summary>
/// Checks each field of a row on its own (interchange contract, "The events file"): record id, identity number,
/// organisation, code, date, time and outcome. Rules that need the patient's other events are the
/// <see cref="EpisodeLinker"/>'s. Pure: today's date is passed in.
/// </summary>
public sealed class EventRowParser(PathwayCatalogue catalogue, OrganisationDirectory organisations)
{
    public const int MaxRecordIdLength = 64;

    public ParsedEventRow? Parse(EventRowText row, LocalDate today, out Refusal? refusal)
    {
        refusal = Check(row, today, out var parsed);
        return parsed;
    }

    private Refusal? Check(EventRowText row, LocalDate today, out ParsedEventRow? parsed)
    {
        parsed = null;
        // record_id: 1–64 characters of A–Z a–z 0–9 . _ : -
        var recordId = row.RecordId?.Trim() ?? "";
        if (!IsRecordId(recordId))
        {
            return new(EventColumns.RecordId, recordId.Length == 0
                ? new(En: "is missing", Nb: "Registrerings-ID mangler.")
                : new(En: $"'{Shorten(recordId)}' must be 1–64 characters of A–Z, a–z, 0–9 and . _ : -",
                    Nb: $"Registrerings-ID «{Shorten(recordId)}» må ha 1–64 tegn og kan bare inneholde A–Z, a–z, 0–9, punktum, understrek, kolon og bindestrek."));
        }
        if (!NationalIdentityNumber.TryRead(row.PatientId?.Trim(), out var patient, out var ninProblem))
        {
            return new(EventColumns.PatientId, string.IsNullOrWhiteSpace(row.PatientId)
                ? new(En: "is missing", Nb: "Fødselsnummer mangler.")
                : new(En: $"'{Shorten(row.PatientId!.Trim())}' {ninProblem!.En}",
                    Nb: $"Fødselsnummeret «{Shorten(row.PatientId!.Trim())}» {ninProblem.Nb}."));
        }
        var organisationCode = row.Organisation?.Trim() ?? "";
        var organisation = organisations.Find(organisationCode);
        if (organisation is null)
        {
            return new(EventColumns.Organisation, organisationCode.Length == 0
                ? new(En: "is missing", Nb: "Helseforetak eller enhet mangler.")
                : new(En: $"{Shorten(organisationCode)} is not a known organisation",
                    Nb: $"Finner ikke noe helseforetak eller noen enhet med koden {Shorten(organisationCode)}."));
        }
        if (organisation.Kind == OrganisationKind.Rhf)
        {
            return new(EventColumns.Organisation, new(
                En: $"{organisationCode} is a regional health authority; events are registered by a hospital trust or one of its units",
                Nb: $"{organisationCode} er et regionalt helseforetak; målepunkter registreres av et helseforetak eller en av enhetene under det."));
        }

        var cancelText = row.Cancel?.Trim() ?? "";
        bool cancel;
        if (cancelText.Length == 0 || cancelText.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            cancel = false;
        }
        else if (cancelText.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            cancel = true;
        }
        else
        {
            return new(EventColumns.Cancel, new(
                En: $"'{Shorten(cancelText)}' must be true, false or empty",
                Nb: $"«{Shorten(cancelText)}» er ikke gyldig: tilbaketrekking må være true, false eller tom."));
        }
        var replaces = row.Replaces?.Trim() is { Length: > 0 } r ? r : null;
        if (replaces is not null && !IsRecordId(replaces))
        {
            return new(EventColumns.Replaces, new(
                En: $"'{Shorten(replaces)}' is not a record id",
                Nb: $"«{Shorten(replaces)}» er ikke en gyldig registrerings-ID."));
        }
        if (replaces is not null && string.Equals(replaces, recordId, StringComparison.Ordinal))
        {
            return new(EventColumns.Replaces, new(En: "a row cannot replace itself", Nb: "En registrering kan ikke erstatte seg selv."));
        }
        if (cancel)
        {
            if (replaces is null)
            {
                return new(EventColumns.Replaces, new(
                    En: "a withdrawal (cancel=true) must name the record it withdraws",
                    Nb: "En tilbaketrekking må oppgi hvilken registrering den trekker tilbake."));
            }
            if (row.HasDeviationReason)
            {
                return new(EventColumns.DeviationReason, new(
                    En: "a withdrawal (cancel=true) takes no deviation reason",
                    Nb: "En tilbaketrekking kan ikke ha avviksårsak."));
            }
            parsed = new(patient, new EventSubmission(organisation.Code, recordId, null, null, null, null, replaces, true));
            return null;
        }

        var code = row.Code?.Trim() ?? "";
        if (code.Length == 0)
        {
            return new(EventColumns.Code, new(En: "is missing", Nb: "Målepunktkoden mangler."));
        }
        Pathway? pathway = null;
        SharedEvent? shared = null;
        if (catalogue.TryFindEvent(code, out var found, out var definition))
        {
            pathway = found;
        }
        else if ((shared = catalogue.SharedEvent(code)) is null)
        {
            return new(EventColumns.Code, EpisodeLinker.NotACode(Shorten(code)));
        }
        // The catalogue's and the directory's own strings: an import keeps millions of these.
        code = shared?.Code ?? (string.Equals(definition.Code, code, StringComparison.Ordinal) ? definition.Code : definition.CurrentEvent!);
        organisationCode = organisation.Code;
        var dateText = row.Date?.Trim() ?? "";
        if (dateText.Length == 0)
        {
            return new(EventColumns.Date, new(En: "is missing", Nb: "Datoen mangler."));
        }
        var date = IsoDate.Parse(dateText);
        if (date is null)
        {
            return new(EventColumns.Date, new(
                En: $"{Shorten(dateText)} is not a date (YYYY-MM-DD)",
                Nb: $"«{Shorten(dateText)}» er ikke en gyldig dato (ÅÅÅÅ-MM-DD)."));
        }
        if (date.Value > today)
        {
            return new(EventColumns.Date, new(
                En: $"{dateText} is in the future",
                Nb: $"Datoen {EpisodeLinker.NorwegianDay(date.Value)} er fram i tid."));
        }
        if (patient.CenturyIsCertain && date.Value < patient.BirthDate)
        {
            return new(EventColumns.Date, new(
                En: $"{dateText} is before the patient was born ({EpisodeLinker.Day(patient.BirthDate)})",
                Nb: $"Datoen {EpisodeLinker.NorwegianDay(date.Value)} er før pasienten ble født ({EpisodeLinker.NorwegianDay(patient.BirthDate)})."));
        }
        // A shared code's pathway is the patient's open episode, whose start was checked against the pathway's dates.
        if (pathway is not null && !pathway.IsInForceOn(date.Value))
        {
            return new(EventColumns.Code, pathway.ValidTo is { } to && date.Value > to
                ? new(En: $"{code} cannot be used after {EpisodeLinker.Day(to)}, when the {pathway.Name.En} pathway was withdrawn",
                    Nb: $"{code} kan ikke brukes etter {EpisodeLinker.NorwegianDay(to)}, da pakkeforløpet «{pathway.Name.Nb}» ble avviklet.")
                : new(En: $"{code} cannot be used before {EpisodeLinker.Day(pathway.ValidFrom)}, when the {pathway.Name.En} pathway began",
                    Nb: $"{code} kan ikke brukes før {EpisodeLinker.NorwegianDay(pathway.ValidFrom)}, da pakkeforløpet «{pathway.Name.Nb}» ble innført."));
        }

        LocalTime? time = null;
        var timeText = row.Time?.Trim() ?? "";
        if (timeText.Length > 0)
        {
            var t = ClockTime.Parse(timeText);
            if (!t.Success)
            {
                return new(EventColumns.Time, new(
                    En: $"{Shorten(timeText)} is not a time (HH:MM, 24-hour clock)",
                    Nb: $"«{Shorten(timeText)}» er ikke et gyldig klokkeslett (TT:MM, 24-timersklokke)."));
            }
            time = t.Value;
        }
        else if (pathway?.Unit == TimeUnit.Minutes)
        {
            return new(EventColumns.Time, new(
                En: $"is required for {code}: the {pathway.Name.En} pathway is measured in minutes",
                Nb: $"{code} må ha klokkeslett: pakkeforløpet «{pathway.Name.Nb}» måles i minutter."));
        }

        string? outcome = row.Outcome?.Trim() is { Length: > 0 } o ? o : null;
        if (OutcomeProblem(code, outcome, pathway, shared) is { } outcomeProblem)
        {
            return new(EventColumns.Outcome, outcomeProblem);
        }
        var settingText = row.Setting?.Trim() ?? "";
        var setting = CareSetting.Any;
        if (settingText.Length > 0 && (!EnumNames.TryParse(settingText, out setting) || setting == CareSetting.Any))
        {
            return new(EventColumns.Setting, new(
                En: $"'{Shorten(settingText)}' must be outpatient, inpatient or empty",
                Nb: $"«{Shorten(settingText)}» er ikke gyldig: behandlingsnivå må være outpatient (poliklinisk), inpatient (døgn) eller tomt."));
        }

        Deviations.DeviationReason? reason = null;
        if (row.HasDeviationReason)
        {
            reason = Deviations.DeviationReason.TryCreate(row.DeviationReason, row.DeviationResource, row.DeviationText, out var reasonRefusal, out var field);
            if (reason is null)
            {
                return new(field switch
                {
                    Deviations.DeviationReasonField.Resource => EventColumns.DeviationResource,
                    Deviations.DeviationReasonField.Text => EventColumns.DeviationText,
                    _ => EventColumns.DeviationReason,
                }, reasonRefusal!);
            }
        }

        parsed = new(patient, new EventSubmission(organisationCode, recordId, code, date.Value, time, outcome, replaces, false, setting), reason);
        return null;
    }

    /// <summary>
    /// The outcome column (interchange contract: "where the code needs one"). The current mental-health shape pairs an
    /// event code with an outcome where the catalogue lists outcomes for it (a decision, an end) and with none where it
    /// lists none (a first attendance); a prefixed code carries its meaning itself and may come with one of its
    /// pathway's outcomes or none. Other families take no outcome.
    /// </summary>
    private static LocalizedText? OutcomeProblem(string code, string? outcome, Pathway? pathway, SharedEvent? shared)
    {
        if (shared is not null)
        {
            if (outcome is null && shared.TakesOutcome)
            {
                return new(En: $"is required for {code}: the event is registered together with its outcome ({string.Join(", ", shared.Outcomes)})",
                    Nb: $"{code} må ha utfallskode: hendelsen registreres sammen med utfallet ({string.Join(", ", shared.Outcomes)}).");
            }
            if (outcome is not null && !shared.Outcomes.Contains(outcome, StringComparer.Ordinal))
            {
                return shared.TakesOutcome
                    ? new(En: $"{Shorten(outcome)} is not an outcome of {code} ({string.Join(", ", shared.Outcomes)})",
                        Nb: $"«{Shorten(outcome)}» er ikke et utfall av {code} ({string.Join(", ", shared.Outcomes)}).")
                    : new(En: $"{code} takes no outcome code", Nb: $"{code} skal ikke ha utfallskode.");
            }
            return null;
        }
        if (outcome is not null && !pathway!.Outcomes.Any(x => string.Equals(x.Code, outcome, StringComparison.Ordinal)))
        {
            return pathway.TakesOutcomes
                ? new(En: $"{Shorten(outcome)} is not an outcome code of the {pathway.Name.En} pathway",
                    Nb: $"«{Shorten(outcome)}» er ikke en utfallskode i pakkeforløpet «{pathway.Name.Nb}».")
                : new(En: $"{code} takes no outcome code",
                    Nb: $"{code} skal ikke ha utfallskode.");
        }
        return null;
    }

    private static readonly LocalTimePattern ClockTime = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static bool IsRecordId(string text)
    {
        if (text.Length is 0 or > MaxRecordIdLength)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-'))
            {
                return false;
            }
        }
        return true;
    }

    // Echo bad input back, but never a whole 100 kB field.
    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
