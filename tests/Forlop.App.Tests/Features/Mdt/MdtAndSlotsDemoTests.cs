using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Forlop.App.Data;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Demo;
using Forlop.App.Tests.Infrastructure;
using NodaTime;

namespace Forlop.App.Tests.Features.Mdt;

/// <summary>
/// The acceptance of issue 12 for MDT meetings and reserved slots: from the demo, on both databases, GET
/// /api/v1/mdt-meetings and GET /api/v1/slots are in the OpenAPI document, answer an HF's user and its hospital
/// system's token with that HF's meetings and slots, and refuse a caller without credentials.
/// </summary>
public class MdtAndSlotsDemoTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task Demo_MeetingsAndSlots_AnswerTheHfsUserAndToken_AndRefuseAnonymous(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(kind, ct);
        string token;
        await using (var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, ct))
        {
            // As `forlop serve --demo` fills it: last year and this year up to today (a smaller volume).
            var summary = await DemoCommand.FillAsync(store, store.Today.Year - 1, 2000, 2015, TextWriter.Null, ct, years: 2);
            Assert.Null(summary.FileError);
            token = await ApiTokens.AddClientAsync(store.Db, "dips-ous", "OUS", DateTime.UtcNow, ct);
        }
        var (app, anonymous) = await TestWebHost.StartAsync(db);
        await using (app)
        using (anonymous)
        {
            using var user = await SignIn.AsAsync(anonymous.BaseAddress!, "koordinator", LocalAccounts.DemoPassword);
            using var system = new HttpClient { BaseAddress = anonymous.BaseAddress };
            system.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var openApi = await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), ct);

            Assert.Contains("\"/api/v1/mdt-meetings\"", openApi, StringComparison.Ordinal);
            Assert.Contains("\"/api/v1/slots\"", openApi, StringComparison.Ordinal);
            foreach (var path in new[] { "/api/v1/mdt-meetings", "/api/v1/slots" })
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(path, UriKind.Relative), ct)).StatusCode);
                foreach (var client in new[] { user, system })
                {
                    var items = await client.GetFromJsonAsync<JsonElement>(path, ct);
                    Assert.True(items.GetArrayLength() > 0, $"{path}: nothing from the demo");
                    Assert.All(items.EnumerateArray(), i => Assert.Equal("OUS", i.GetProperty("hf").GetString()));
                }
            }
            // A meeting's list holds the demo's patients, and some have been booked a slot.
            var meetings = await user.GetFromJsonAsync<JsonElement>("/api/v1/mdt-meetings", ct);
            Assert.Contains(meetings.EnumerateArray(), m => m.GetProperty("patients").GetInt32() > 0);
            var slots = await user.GetFromJsonAsync<JsonElement>("/api/v1/slots", ct);
            Assert.Contains(slots.EnumerateArray(), s => s.GetProperty("status").GetString() == "booked");
            Assert.Contains(slots.EnumerateArray(), s => s.GetProperty("status").GetString() == "released");
        }
    }
}
