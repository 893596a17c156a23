using Forlop.App.Data;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Tests.Features.Import;

/// <summary>
/// The events file's optional deviation-reason columns (issue 12, item 3: "or the import, in an optional column"):
/// <c>deviation_reason</c>, <c>deviation_resource</c> and <c>deviation_text</c> on the row of the event that ends an
/// interval over its standard. A reason that explains no deviation, or that is not a reason, refuses its whole row:
/// the event is not stored either. A01 (breast cancer) has OF1 = 7 days from referral to first attendance.
/// </summary>
public class DeviationReasonColumnTests
{
    private const string Header = "record_id,patient_id,organisation,code,date,replaces,cancel,deviation_reason,deviation_resource,deviation_text";

    private static string P(int i) => TestPatients.Number(i);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_AReasonOnTheRowThatEndsAnIntervalOver_IsStored_AndAWrongOneRefusesItsWholeRow(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        var file = EventsFiles.Write(string.Join("\n",
            Header,
            // 1: first attendance after 10 days of 7: OF1 over, explained by MR capacity.
            $"a1,{P(1)},OUS,A01A,2026-01-05,,,,,",
            $"s1,{P(1)},OUS,A01S,2026-01-15,,,capacity,mr,",
            // 2: first attendance after 3 days: nothing over, so the reason explains nothing and the row is refused.
            $"a2,{P(2)},OUS,A01A,2026-01-05,,,,,",
            $"s2,{P(2)},OUS,A01S,2026-01-08,,,patients-wish,,",
            // 3: capacity without the resource waited for.
            $"a3,{P(3)},OUS,A01A,2026-01-05,,,,,",
            $"s3,{P(3)},OUS,A01S,2026-01-20,,,capacity,,",
            // 4: not a reason at all.
            $"a4,{P(4)},OUS,A01A,2026-01-05,,,no-time,,",
            // 5: a resource without capacity as the cause.
            $"a5,{P(5)},OUS,A01A,2026-01-05,,,,,",
            $"s5,{P(5)},OUS,A01S,2026-01-20,,,medical-reason,ct,") + "\n");

        var result = await Cli.ImportAsync(db, file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("5 accepted, 0 duplicates, 4 rejected", result.Output, StringComparison.Ordinal);
        Assert.Contains("record s2, deviation_reason: this event ends no interval over its standard time", result.Output, StringComparison.Ordinal);
        Assert.Contains("record s3, deviation_resource: capacity needs the resource waited for", result.Output, StringComparison.Ordinal);
        Assert.Contains("record a4, deviation_reason: 'no-time' is not a deviation reason", result.Output, StringComparison.Ordinal);
        Assert.Contains("record s5, deviation_resource: only capacity names a resource", result.Output, StringComparison.Ordinal);
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        // The refused rows' events are not stored: a row is never half-applied.
        Assert.Equal(["a1", "a2", "a3", "a5", "s1"], (await context.Events.Select(e => e.RecordId).ToListAsync(ct)).Order(StringComparer.Ordinal));
        var episode = await context.Episodes.Where(e => e.PatientId == context.Patients.Single(p => p.NationalId == P(1)).Id).SingleAsync(ct);
        var reason = Assert.Single(await context.DeviationReasons.ToListAsync(ct));
        Assert.Equal((episode.Id, "OF1", "capacity", "mr", (string?)null), (reason.EpisodeId, reason.IntervalId, reason.Cause, reason.Resource, reason.Text));
        Assert.StartsWith("import:", reason.RecordedBy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Import_ACorrectionWithAReason_ReplacesTheEarlierReason_AndAWithdrawalTakesNone(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        await Cli.ImportAsync(db, EventsFiles.Write(string.Join("\n", Header,
            $"a1,{P(1)},OUS,A01A,2026-01-05,,,,,",
            $"s1,{P(1)},OUS,A01S,2026-01-15,,,transfer,,") + "\n"));

        var second = await Cli.ImportAsync(db, EventsFiles.Write(string.Join("\n", Header,
            $"s1b,{P(1)},OUS,A01S,2026-01-16,s1,,other,,\"Ventet på tolk, to uker\"",
            $"x1,{P(1)},OUS,,,s1b,true,patients-wish,,") + "\n"));

        Assert.Equal(2, second.ExitCode);
        Assert.Contains("record x1, deviation_reason: a withdrawal (cancel=true) takes no deviation reason", second.Output, StringComparison.Ordinal);
        await using var context = DatabaseTarget.Parse(db).CreateContext();
        var reason = Assert.Single(await context.DeviationReasons.ToListAsync(ct));
        Assert.Equal(("OF1", "other", "Ventet på tolk, to uker"), (reason.IntervalId, reason.Cause, reason.Text));
        Assert.Equal(new DateOnly(2026, 1, 16), (await context.Episodes.SingleAsync(ct)).FirstAttendanceDate);
    }
}
