using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Serve;
using Forlop.App.Tests.Infrastructure;
using NodaTime;

namespace Forlop.App.Tests.Features.Transfers;

/// <summary>
/// Breach attribution on transfers (decision 0026): a patient started at OUS 40 days ago, transferred to Helse Bergen 37
/// days ago (its start 35 days ago), first attendance there 30 days ago, decision 20 and surgery 10 days ago. OF1 (40 → 30
/// days ago) is 3 days OUS's and 7 Bergen's; OF4 (40 → 10) 3 OUS's and 27 Bergen's.
/// </summary>
public sealed class TransferDaysTests
{
    private static async Task<(Microsoft.AspNetCore.Builder.WebApplication App, LocalDate Today, string NationalId)> StartAsync(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        var today = SystemClock.Instance.GetCurrentInstant().InZone(RegistryStore.Oslo).Date;
        string Day(int daysAgo) => today.PlusDays(-daysAgo).ToString("yyyy-MM-dd", null);
        var nin = TestPatients.Number(7);
        var import = await Cli.ImportAsync(db, EventsFiles.WriteRows(
            $"t1,{nin},OUS,A01A,{Day(40)},,",
            $"t2,{nin},OUS,A01O,{Day(37)},,",
            $"t3,{nin},HB,A01A,{Day(35)},,",
            $"t4,{nin},HB,A01S,{Day(30)},,",
            $"t5,{nin},HB,A01CK,{Day(20)},,",
            $"t6,{nin},HB,A01FK,{Day(10)},,",
            // A pathway without a transfer: not in the figures.
            $"u1,{TestPatients.Number(8)},OUS,A01A,{Day(40)},,",
            $"u2,{TestPatients.Number(8)},OUS,A01S,{Day(30)},,"));
        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        await using (var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, ct))
        {
            await LocalAccounts.AddDemoUsersAsync(store.Db, DateTime.UtcNow, ct);
        }
        var app = await WebHost.BuildAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), "http://127.0.0.1:0");
        await app.StartAsync(ct);
        return (app, today, nin);
    }

    private static JsonElement Row(JsonElement figures, string direction, string interval) =>
        figures.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("direction").GetString() == direction && r.GetProperty("intervalId").GetString() == interval);

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task TransferDays_SplitEachIntervalAtTheTransfer_ForTheSenderAndTheReceiver(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, today, nin) = await StartAsync(kind);
        await using var _ = app;
        var address = new Uri(app.Urls.First());
        using var oslo = await SignIn.AsAsync(address, "koordinator");
        using var bergen = await SignIn.AsAsync(address, "koordinator-bergen");
        // Each interval in the month its end point falls in, as the indicators count it.
        string Month(int daysAgo) => today.PlusDays(-daysAgo).ToString("yyyy-MM", null);

        var ousOf1 = await oslo.GetFromJsonAsync<JsonElement>($"/api/v1/transfer-days?period={Month(30)}&hf=OUS", ct);
        var ousOf4 = await oslo.GetFromJsonAsync<JsonElement>($"/api/v1/transfer-days?period={Month(10)}&hf=OUS", ct);
        var hbOf1 = await bergen.GetFromJsonAsync<JsonElement>($"/api/v1/transfer-days?period={Month(30)}&hf=HB", ct);

        var of1 = Row(ousOf1, "out", "OF1");
        Assert.Equal((1, 3, 7), (of1.GetProperty("intervals").GetInt32(), of1.GetProperty("daysAtHf").GetInt32(), of1.GetProperty("daysElsewhere").GetInt32()));
        var of4 = Row(ousOf4, "out", "OF4");
        Assert.Equal((3, 27), (of4.GetProperty("daysAtHf").GetInt32(), of4.GetProperty("daysElsewhere").GetInt32()));
        var received = Row(hbOf1, "in", "OF1");
        Assert.Equal((7, 3), (received.GetProperty("daysAtHf").GetInt32(), received.GetProperty("daysElsewhere").GetInt32()));
        Assert.Equal(1, hbOf1.GetProperty("journeysIn").GetInt32());
        Assert.DoesNotContain(nin, ousOf1.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Timeline_OfATransferredJourney_ShowsEachIntervalsDaysPerHf(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, _, nin) = await StartAsync(kind);
        await using var __ = app;
        using var bergen = await SignIn.AsAsync(new Uri(app.Urls.First()), "koordinator-bergen");
        var episodes = await bergen.GetFromJsonAsync<JsonElement>($"/api/v1/patients/{nin}/episodes", ct);
        var id = episodes.GetProperty("episodes").EnumerateArray().Where(e => e.GetProperty("hf").GetString() == "HB").Select(e => e.GetProperty("episodeId").GetInt64()).Single();

        var timeline = await bergen.GetFromJsonAsync<JsonElement>($"/api/v1/episodes/{id}", ct);

        var of1 = timeline.GetProperty("intervals").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "OF1");
        Assert.Equal([("OUS", 3), ("HB", 7)], of1.GetProperty("daysByHf").EnumerateArray().Select(d => (d.GetProperty("hf").GetString(), d.GetProperty("days").GetInt32())));
        var of3 = timeline.GetProperty("intervals").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "OF3");
        Assert.Equal([("HB", 10)], of3.GetProperty("daysByHf").EnumerateArray().Select(d => (d.GetProperty("hf").GetString(), d.GetProperty("days").GetInt32())));
    }

    [Fact]
    public async Task TransferDays_OfAnotherHf_AreRefused_AndTheRouteIsInTheOpenApiDocument()
    {
        var ct = TestContext.Current.CancellationToken;
        var (app, today, _) = await StartAsync(DatabaseKind.Sqlite);
        await using var _ = app;
        var address = new Uri(app.Urls.First());
        using var oslo = await SignIn.AsAsync(address, "koordinator");
        using var anonymous = new HttpClient { BaseAddress = address };

        var other = await oslo.GetAsync(new Uri($"/api/v1/transfer-days?period={today.Year}&hf=HB", UriKind.Relative), ct);
        var wrong = await oslo.GetAsync(new Uri("/api/v1/transfer-days?period=soon&hf=OUS", UriKind.Relative), ct);
        var nobody = await anonymous.GetAsync(new Uri($"/api/v1/transfer-days?period={today.Year}&hf=OUS", UriKind.Relative), ct);
        var openApi = await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized), (other.StatusCode, wrong.StatusCode, nobody.StatusCode));
        Assert.Contains("\"/api/v1/transfer-days\"", openApi, StringComparison.Ordinal);
    }
}
