using System.Net.Http.Json;
using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Demo;
using Forlop.App.Features.PatientView;
using Forlop.App.Features.Surveys;
using Forlop.App.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Tests.Features.PatientView;

/// <summary>The demo (`forlop serve --demo`) shows the patient's own view and survey results: a demo patient and relative, and answers.</summary>
public class PatientViewDemoTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(Forlop.Domain.EnumNames.JsonPolicy) },
    };

    [Fact]
    public async Task Demo_HasAPatientWithAnOpenPathway_HerRelative_AndSurveyAnswers()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, ct);
        await using (var store = await RegistryStore.OpenAsync(DatabaseTarget.Parse(db), CatalogueFiles.ResolveDirectory(), SystemClock.Instance, ct))
        {
            var summary = await DemoCommand.FillAsync(store, store.Today.Year - 1, 2000, 2015, TextWriter.Null, ct, years: 2);
            Assert.Null(summary.FileError);
        }
        var (app, anonymous) = await TestWebHost.StartAsync(db);
        await using (app)
        using (anonymous)
        {
            using var patient = await PatientViewTests.SignedInAsPatientAsync(anonymous.BaseAddress!, DemoPatientView.PatientLogin, PatientSignIn.DemoPassword);
            var mine = (await patient.GetFromJsonAsync<MyPathways>("/api/v1/me/pathways", ct))!;
            var open = Assert.Single(mine.Pathways, p => p.IsOpen && p.Hf == "OUS" && p.Next?.Deadline is not null);
            Assert.NotNull(open.Coordinator.Name);
            // The demo directory has an office for every HF and family, marked a placeholder.
            Assert.True(open.Coordinator.Office is { Phone: not null, Placeholder: true }, $"the demo patient's HF has no office: {open.Coordinator}");

            using var relative = await PatientViewTests.SignedInAsPatientAsync(anonymous.BaseAddress!, DemoPatientView.RelativeLogin, PatientSignIn.DemoPassword);
            var shared = Assert.Single((await relative.GetFromJsonAsync<List<SharedWithMe>>("/api/v1/me/shared-with-me", ct))!);
            Assert.Contains(open.EpisodeId, (await relative.GetFromJsonAsync<MyPathways>($"/api/v1/me/shared-with-me/{shared.ConsentId}/pathways", ct))!.Pathways.Select(p => p.EpisodeId));

            var year = SystemClock.Instance.GetCurrentInstant().InZone(RegistryStore.Oslo).Date.Year - 1;
            var results = (await anonymous.GetFromJsonAsync<SurveyResults>($"/api/v1/survey-results?period={year}", Json, ct))!;
            Assert.Contains(results.Rows, r => r.Hf is null && r.Kind == SurveyKind.Patient && r.Respondents > 0);
            Assert.Contains(results.Rows, r => r.Hf is not null && r.Respondents is null);
        }
    }
}
