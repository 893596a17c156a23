using System.Globalization;
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
    string? Cancel);

/// <summary>A row whose every field is valid on its own, ready to be applied to the patient's record.</summary>
public sealed record ParsedEventRow(NationalIdentityNumber Patient, EventSubmission Submission);

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
            return new("record_id", recordId.Length == 0 ? "is missing" : $"'{Shorten(recordId)}' must be 1–64 characters of A–Z, a–z, 0–9 and . _ : -");
        }
        if (!NationalIdentityNumber.TryParse(row.PatientId?.Trim(), out var patient, out var ninError))
        {
            return new("patient_id", string.IsNullOrWhiteSpace(row.PatientId) ? "is missing" : $"'{Shorten(row.PatientId!.Trim())}' {ninError}");
        }
        var organisationCode = row.Organisation?.Trim() ?? "";
        var organisation = organisations.Find(organisationCode);
        if (organisation is null)
        {
            return new("organisation", organisationCode.Length == 0 ? "is missing" : $"{Shorten(organisationCode)} is not a known organisation");
        }
        if (organisation.Kind == OrganisationKind.Rhf)
        {
            return new("organisation", $"{organisationCode} is a regional health authority; events are registered by a hospital trust or one of its units");
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
            return new("cancel", $"'{Shorten(cancelText)}' must be true, false or empty");
        }
        var replaces = row.Replaces?.Trim() is { Length: > 0 } r ? r : null;
        if (replaces is not null && !IsRecordId(replaces))
        {
            return new("replaces", $"'{Shorten(replaces)}' is not a record id");
        }
        if (replaces is not null && string.Equals(replaces, recordId, StringComparison.Ordinal))
        {
            return new("replaces", "a row cannot replace itself");
        }
        if (cancel)
        {
            if (replaces is null)
            {
                return new("replaces", "a withdrawal (cancel=true) must name the record it withdraws");
            }
            parsed = new(patient, new EventSubmission(organisation.Code, recordId, null, null, null, null, replaces, true));
            return null;
        }

        var code = row.Code?.Trim() ?? "";
        if (code.Length == 0)
        {
            return new("code", "is missing");
        }
        if (!catalogue.TryFindEvent(code, out var pathway, out var definition))
        {
            return new("code", $"{Shorten(code)} is not a code in the catalogue");
        }
        // The catalogue's and the directory's own strings: an import keeps millions of these.
        code = definition.Code;
        organisationCode = organisation.Code;
        var dateText = row.Date?.Trim() ?? "";
        if (dateText.Length == 0)
        {
            return new("date", "is missing");
        }
        var date = ParseIsoDate(dateText);
        if (date is null)
        {
            return new("date", $"{Shorten(dateText)} is not a date (YYYY-MM-DD)");
        }
        if (date.Value > today)
        {
            return new("date", $"{dateText} is in the future");
        }
        if (patient.CenturyIsCertain && date.Value < patient.BirthDate)
        {
            return new("date", $"{dateText} is before the patient was born ({patient.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})");
        }
        if (!pathway.IsInForceOn(date.Value))
        {
            return new("code", pathway.ValidTo is { } to && date.Value > to
                ? $"{code} cannot be used after {to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, when the {pathway.Name.En} pathway was withdrawn"
                : $"{code} cannot be used before {pathway.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, when the {pathway.Name.En} pathway began");
        }

        LocalTime? time = null;
        var timeText = row.Time?.Trim() ?? "";
        if (timeText.Length > 0)
        {
            var t = ClockTime.Parse(timeText);
            if (!t.Success)
            {
                return new("time", $"{Shorten(timeText)} is not a time (HH:MM, 24-hour clock)");
            }
            time = t.Value;
        }
        else if (pathway.Unit == TimeUnit.Minutes)
        {
            return new("time", $"is required for {code}: the {pathway.Name.En} pathway is measured in minutes");
        }

        string? outcome = row.Outcome?.Trim() is { Length: > 0 } o ? o : null;
        if (outcome is not null && !pathway.Outcomes.Any(x => string.Equals(x.Code, outcome, StringComparison.Ordinal)))
        {
            return new("outcome", pathway.RequiresOutcome
                ? $"{Shorten(outcome)} is not an outcome code of the {pathway.Name.En} pathway"
                : $"{code} takes no outcome code");
        }
        if (outcome is null && pathway.RequiresOutcome)
        {
            return new("outcome", $"is required for {code}: the {pathway.Name.En} pathway registers an outcome with each event");
        }

        parsed = new(patient, new EventSubmission(organisationCode, recordId, code, date.Value, time, outcome, replaces, false));
        return null;
    }

    private static readonly LocalTimePattern ClockTime = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>
    /// Reads YYYY-MM-DD exactly (no other forms), checking the day exists. Hand-written because it runs for every
    /// row of an import and NodaTime's general pattern parser cost a third of the row checks (bench/Forlop.Bench.Import).
    /// </summary>
    public static LocalDate? ParseIsoDate(string text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
        {
            return null;
        }
        int Digits(int start, int count)
        {
            var value = 0;
            for (var i = start; i < start + count; i++)
            {
                var d = text[i] - '0';
                if ((uint)d > 9)
                {
                    return -1;
                }
                value = value * 10 + d;
            }
            return value;
        }
        var year = Digits(0, 4);
        var month = Digits(5, 2);
        var day = Digits(8, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return null;
        }
        return new LocalDate(year, month, day);
    }

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
