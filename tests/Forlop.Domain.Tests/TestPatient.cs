using System.Globalization;
using Forlop.Domain.Registry;
using NodaTime;
using NodaTime.Text;

namespace Forlop.Domain.Tests;

/// <summary>
/// One patient's <see cref="PatientRecord"/> on the test catalogue and organisations, fed with submissions as
/// an import would after the field checks. Row ids are handed out in arrival order.
/// </summary>
internal sealed class TestPatient
{
    private long _nextId = 1;

    public TestPatient() => Record = new PatientRecord(Linker, []);

    public static EpisodeLinker Linker { get; } = new(TestCatalogue.Instance, TestOrganisations.Directory);

    public PatientRecord Record { get; }

    public IReadOnlyList<Episode> Episodes => Record.Episodes;

    public Episode Episode(string organisation) => Record.Episodes.Single(e => string.Equals(e.Hf, organisation, StringComparison.Ordinal));

    public Refusal? Send(string recordId, string organisation, string code, string date, string? time = null, string? outcome = null, string? replaces = null) =>
        Record.Apply(new EventSubmission(organisation, recordId, code, Date(date), time is null ? null : Time(time), outcome, replaces, false), _nextId++);

    public Refusal? Withdraw(string recordId, string organisation, string replaces) =>
        Record.Apply(new EventSubmission(organisation, recordId, null, null, null, null, replaces, true), _nextId++);

    /// <summary>Sends a row that must be accepted.</summary>
    public TestPatient Has(string recordId, string organisation, string code, string date, string? time = null, string? outcome = null, string? replaces = null)
    {
        var refusal = Send(recordId, organisation, code, date, time, outcome, replaces);
        Assert.True(refusal is null, $"{recordId} {code} {date} was refused: {refusal}");
        return this;
    }

    /// <summary>Everything a refusal must leave unchanged: the history, the active events and the episodes.</summary>
    public string Snapshot() => string.Join("\n",
        Record.Rows.Select(r => $"row {r.Id} {r.RecordId} {r.Code} {r.Date} replaces={r.ReplacesId} cancel={r.IsWithdrawal}")
            .Concat(Record.ActiveEvents.Select(e => $"active {e.Id} {e.RecordId} {e.Code} {e.Date}"))
            .Concat(Record.Episodes.Select(Describe)));

    public static string Describe(Episode e) =>
        $"episode {e.Id} {e.Pathway.Code}@{e.Hf} from {e.StartDate} seniority {e.SeniorityDate} {e.State}: "
        + string.Join(", ", e.Events.Select(x => $"{x.Event.RecordId}={x.Code}/{x.Date}"));

    public static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    public static LocalTime Time(string text) => LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text).GetValueOrThrow();

    public static string Day(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
