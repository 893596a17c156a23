using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Slots;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Tests.Features.Slots;

/// <summary>Reserved slots over the API (/api/v1/slots): published, booked once, released when not booked in time.</summary>
public class ReservedSlotsTests
{
    private static string InDays(LocalDate today, int days, string time = "09:00") => today.PlusDays(days).ToString("yyyy-MM-dd", null) + "T" + time;

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Book_AnOpenSlot_OnceOnly_ShowsItOnTheTimeline_AndLogsTheBookingOnce(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(kind);
        var ous = scenario.Places["OUS"];
        var kir = scenario.Places[PersonDataScenario.Unit];
        using var coordinator = await scenario.SignedInAsync("koordinator");
        var published = await coordinator.PostAsJsonAsync("/api/v1/slots", new { unit = "OUS", resource = "mr", startsAt = InDays(scenario.Today, 5) }, ct);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var slot = await published.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("open", slot.GetProperty("status").GetString());
        var id = slot.GetProperty("id").GetInt64();
        var logged = await scenario.LogEntriesAsync("koordinator", ous.NationalId);

        var booked = await coordinator.PutAsJsonAsync($"/api/v1/slots/{id}/booking", new { episodeId = ous.EpisodeId }, ct);
        var twice = await coordinator.PutAsJsonAsync($"/api/v1/slots/{id}/booking", new { episodeId = kir.EpisodeId }, ct);

        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        Assert.Equal("booked", (await booked.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("booked already", await twice.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(logged + 1, await scenario.LogEntriesAsync("koordinator", ous.NationalId));
        var timeline = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/episodes/{ous.EpisodeId}", ct);
        var shown = Assert.Single(timeline.GetProperty("bookedSlots").EnumerateArray());
        Assert.Equal("mr", shown.GetProperty("resource").GetString());
        Assert.Equal(InDays(scenario.Today, 5), shown.GetProperty("startsAtLocal").GetString());
        var list = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/slots", ct);
        Assert.Equal(ous.NationalId, Assert.Single(list.EnumerateArray()).GetProperty("patient").GetProperty("nationalId").GetString());
    }

    [Fact]
    public async Task Book_ASlotPastItsReleaseTime_Gets409_EvenBeforeTheServiceWroteItDown()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var coordinator = await scenario.SignedInAsync("koordinator");
        // Starts in 3 days, released 96 hours before: released already.
        var slot = await (await coordinator.PostAsJsonAsync("/api/v1/slots", new { resource = "ct", startsAt = InDays(scenario.Today, 3), releaseHoursBefore = 96 }, ct))
            .Content.ReadFromJsonAsync<JsonElement>(ct);

        var booked = await coordinator.PutAsJsonAsync($"/api/v1/slots/{slot.GetProperty("id").GetInt64()}/booking", new { episodeId = scenario.Places["OUS"].EpisodeId }, ct);

        Assert.Equal("released", slot.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, booked.StatusCode);
        Assert.Contains("released to other patients", await booked.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Releaser_AfterARestart_WritesDownEveryReleaseThatPassed_DatedItsReleaseTime()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        var now = SystemClock.Instance.GetCurrentInstant();
        var releaseAt = (now - Duration.FromHours(3)).ToDateTimeUtc();
        await using (var db = scenario.OpenDb())
        {
            // Slots the server did not see released while it was down: one unbooked, one booked, one still open.
            db.ReservedSlots.AddRange(
                Slot(releaseAt, null),
                Slot(releaseAt, scenario.Places["OUS"].EpisodeId),
                Slot((now + Duration.FromHours(3)).ToDateTimeUtc(), null));
            await db.SaveChangesAsync(ct);
        }

        // The running host's releaser wakes at start and at least every 30 seconds; call the same step directly too.
        await using (var db = scenario.OpenDb())
        {
            await using var writer = new AccessLogWriter(DatabaseTarget.Parse(scenario.Db));
            await ReservedSlots.ReleaseDueAsync(db, writer, now, ct);
        }

        await using var check = scenario.OpenDb();
        var slots = await check.ReservedSlots.OrderBy(s => s.Id).ToListAsync(ct);
        Assert.Equal(releaseAt, DateTime.SpecifyKind(slots[0].ReleasedAt!.Value, DateTimeKind.Utc), TimeSpan.FromMilliseconds(1));
        Assert.Null(slots[1].ReleasedAt);
        Assert.Null(slots[2].ReleasedAt);
    }

    [Fact]
    public async Task Releaser_InTheRunningHost_ReleasesASlotAtItsReleaseTime()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        await using (var db = scenario.OpenDb())
        {
            db.ReservedSlots.Add(Slot((SystemClock.Instance.GetCurrentInstant() + Duration.FromSeconds(2)).ToDateTimeUtc(), null));
            await db.SaveChangesAsync(ct);
        }

        DateTime? released = null;
        for (var i = 0; i < 80 && released is null; i++)
        {
            await Task.Delay(500, ct);
            await using var db = scenario.OpenDb();
            released = await db.ReservedSlots.Select(s => s.ReleasedAt).SingleAsync(ct);
        }

        Assert.NotNull(released);
    }

    [Fact]
    public async Task Figures_CountReservedBookedAndReleasedPerResourceAndWeek()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PersonDataScenario.StartAsync(DatabaseKind.Sqlite);
        using var coordinator = await scenario.SignedInAsync("koordinator");
        var open = await (await coordinator.PostAsJsonAsync("/api/v1/slots", new { resource = "pet", startsAt = InDays(scenario.Today, 3) }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        await coordinator.PostAsJsonAsync("/api/v1/slots", new { resource = "pet", startsAt = InDays(scenario.Today, 3, "10:00"), releaseHoursBefore = 96 }, ct);
        await coordinator.PutAsJsonAsync($"/api/v1/slots/{open.GetProperty("id").GetInt64()}/booking", new { episodeId = scenario.Places["OUS"].EpisodeId }, ct);
        var day = scenario.Today.PlusDays(3).ToString("yyyy-MM-dd", null);

        var figures = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/slots/figures?from={day}&to={day}", ct);

        var week = Assert.Single(figures.GetProperty("weeks").EnumerateArray());
        Assert.Equal("pet", week.GetProperty("resource").GetString());
        Assert.Equal((2, 1, 1), (week.GetProperty("reserved").GetInt32(), week.GetProperty("booked").GetInt32(), week.GetProperty("released").GetInt32()));
    }

    internal static ReservedSlotEntity Slot(DateTime releaseAt, long? episodeId, string hf = "OUS") => new()
    {
        Hf = hf, Unit = hf, Resource = "mr", StartsAt = releaseAt.AddHours(48), Minutes = 30, ReleaseAt = releaseAt, PublishedBy = "test", PublishedAt = releaseAt.AddDays(-7),
        EpisodeId = episodeId, BookedBy = episodeId is null ? null : "test", BookedAt = episodeId is null ? null : releaseAt.AddDays(-1),
    };
}
