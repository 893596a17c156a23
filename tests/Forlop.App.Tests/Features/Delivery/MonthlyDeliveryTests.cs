using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Delivery;
using Forlop.App.Tests.Features.Exports;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parquet;
using Parquet.Serialization;

namespace Forlop.App.Tests.Features.Delivery;

/// <summary>
/// `forlop deliver` (issue 14, item 2): a month's pathway instances for an HF or RHF, access-logged per patient, and
/// for a locked month the same bytes every time until the period is locked again. The shared example: in September 2016
/// Helse Sør-Øst has two pathways (A12 at AHUS, patient 04837200798, and at SIV); the rest are in Vest and Nord.
/// </summary>
public class MonthlyDeliveryTests
{
    private const string AhusPatient = "04837200798";
    private const string SivPatient = "16906601463";

    private static string OutFile(string extension) => Path.Combine(Directory.CreateTempSubdirectory("forlop-delivery-").FullName, "delivery" + extension);

    private static async Task<string> ExampleAsync(DatabaseKind kind)
    {
        var db = await TestDatabases.CreateAsync(kind, TestContext.Current.CancellationToken);
        var import = await Cli.ImportAsync(db, EventsFiles.SharedExample("events-2016-T3.csv"));
        Assert.True(import.ExitCode is 0 or 2, import.Error);
        return db;
    }

    private static async Task<(string File, Cli.Run Run)> DeliverAsync(string db, string extension, params string[] receiver)
    {
        var file = OutFile(extension);
        var run = await Cli.RunAsync(["deliver", "--db", db, "--month", "2016-09", .. receiver, "--out", file]);
        return (file, run);
    }

    private static Dictionary<string, string> Row(List<string[]> rows, string patient)
    {
        var row = rows.Single(r => r[0] == patient);
        return rows[0].Zip(row).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    private static async Task<int> LoggedAsync(string db, string patient)
    {
        await using var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, TestContext.Current.CancellationToken);
        return await store.Db.AccessLog.CountAsync(e => e.Patient == patient && e.What.StartsWith("delivery 2016-09 "), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Deliver_AnHf_WritesOneRowPerPathwayOfTheMonth_WithItsPointsIntervalsAndSeniority()
    {
        var db = await ExampleAsync(DatabaseKind.Sqlite);

        var (file, run) = await DeliverAsync(db, ".csv", "--hf", "AHUS");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("1 pathways of 2016-09 for AHUS", run.Output, StringComparison.Ordinal);
        Assert.Contains("not locked", run.Output, StringComparison.Ordinal);
        var rows = CsvExportTests.ReadBack(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        Assert.Equal(DeliveryFiles.Columns.ToArray(), rows[0]);
        Assert.Equal(2, rows.Count);
        var row = Row(rows, AhusPatient);
        Assert.Equal("A12", row["pathway"]);
        Assert.Equal("AHUS", row["hf"]);
        Assert.Equal("HSO", row["rhf"]);
        Assert.Equal("2016-09-05", row["start_date"]);
        Assert.Equal("AHUS", row["start_institution"]);
        Assert.Equal("2016-09-05", row["seniority_date"]);
        Assert.Equal("2016-09-10", row["first_attendance_date"]);
        Assert.Equal("2016-10-09", row["decision_date"]);
        Assert.Equal("A12CK", row["decision_code"]);
        Assert.Equal("2016-10-10", row["treatment_date"]);
        Assert.Equal("A12FK", row["treatment_code"]);
        Assert.Equal("surgery", row["treatment_type"]);
        // OF4, referral to treatment: 35 days, within the standard of its seniority date.
        Assert.Equal("35", row["of4_length"]);
        Assert.Equal("within", row["of4_status"]);
        Assert.False(string.IsNullOrEmpty(row["of4_standard"]));
        Assert.Equal("no", row["transferred"]);
        Assert.Equal(MonthlyDelivery.Unlocked, row["publication"]);
        Assert.Equal(1, await LoggedAsync(db, AhusPatient));
        Assert.Equal(0, await LoggedAsync(db, SivPatient));
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Deliver_LockedMonth_IsTheSameBytesTwice_AndACorrectionAfterTheLockWaitsForTheNextPublication(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await ExampleAsync(kind);
        Assert.Equal(0, (await Cli.RunAsync("lock-period", "--db", db, "2016-T3", "--by", "npr")).ExitCode);

        var (first, run) = await DeliverAsync(db, ".csv", "--rhf", "HSO");
        Assert.True(run.ExitCode == 0, run.Error);
        var (firstParquet, _) = await DeliverAsync(db, ".parquet", "--rhf", "HSO");
        // After the lock: AHUS corrects the treatment date of its September pathway.
        var correction = await Cli.ImportAsync(db, EventsFiles.WriteRows($"late1,{AhusPatient},AHUS,A12FK,2016-10-20,r000004,"));
        Assert.True(correction.ExitCode == 0, correction.Output + correction.Error);
        var (second, _) = await DeliverAsync(db, ".csv", "--rhf", "HSO");
        var (secondParquet, _) = await DeliverAsync(db, ".parquet", "--rhf", "HSO");

        Assert.Equal(await File.ReadAllBytesAsync(first, ct), await File.ReadAllBytesAsync(second, ct));
        Assert.Equal(await File.ReadAllBytesAsync(firstParquet, ct), await File.ReadAllBytesAsync(secondParquet, ct));
        var rows = CsvExportTests.ReadBack(await File.ReadAllBytesAsync(second, ct));
        Assert.Equal(3, rows.Count);
        Assert.Equal("2016-10-10", Row(rows, AhusPatient)["treatment_date"]);
        Assert.Equal("2016-T3/1", Row(rows, AhusPatient)["publication"]);
        Assert.Equal("AHUS", Row(rows, AhusPatient)["treatment_institution"]);
        Assert.Equal("SIV", Row(rows, SivPatient)["hf"]);
        await using (var stream = File.OpenRead(secondParquet))
        {
            var parquet = (await ParquetSerializer.DeserializeAsync<DeliveryFiles.ParquetRow>(stream, new ParquetOptions { UseDateOnlyTypeForDates = true }, null, ct)).Data.ToList();
            Assert.Equal(rows.Skip(1).Select(r => r[0]), parquet.Select(p => p.PatientId));
            Assert.Equal(new DateOnly(2016, 10, 10), parquet.Single(p => p.PatientId == AhusPatient).TreatmentDate);
        }

        // The next lock is publication 2, and the delivery now shows the correction.
        var revision = await Cli.RunAsync("lock-period", "--db", db, "2016-T3", "--by", "npr");
        var (third, _) = await DeliverAsync(db, ".csv", "--rhf", "HSO");

        Assert.True(revision.ExitCode == 0, revision.Error);
        Assert.Contains("publication 2 (revision 1)", revision.Output, StringComparison.Ordinal);
        rows = CsvExportTests.ReadBack(await File.ReadAllBytesAsync(third, ct));
        Assert.Equal("2016-10-20", Row(rows, AhusPatient)["treatment_date"]);
        Assert.Equal("2016-T3/2", Row(rows, AhusPatient)["publication"]);
        // Every delivery logged each delivered patient once.
        Assert.Equal(5, await LoggedAsync(db, AhusPatient));
        Assert.Equal(5, await LoggedAsync(db, SivPatient));
    }

    [Fact]
    public async Task Deliver_WhatTheReceiverMayNotSee_IsRefusedAndNothingIsWrittenOrLogged()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await ExampleAsync(DatabaseKind.Sqlite);
        await using (var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, ct))
        {
            await Forlop.App.Features.Accounts.LocalAccounts.AddDemoUsersAsync(store.Db, DateTime.UtcNow, ct);
        }

        // The regional analyst of Helse Sør-Øst asks for Helse Vest's HF.
        var (file, run) = await DeliverAsync(db, ".csv", "--hf", "SUS", "--as", "analytiker-region");
        var (_, unknown) = await DeliverAsync(db, ".csv", "--hf", "AHUS", "--as", "nobody");
        var (_, bad) = await DeliverAsync(db, ".txt", "--hf", "AHUS");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("analytiker-region may not receive the delivery of SUS", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal(0, await LoggedAsync(db, "30925102160"));
    }
}
