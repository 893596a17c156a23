using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Dashboards;
using Forlop.App.Features.Counting;
using Forlop.App.Features.Deviations;
using Forlop.App.Features.RecommendedActions;
using Forlop.App.Features.Episodes;
using Forlop.App.Features.Exports;
using Forlop.App.Features.Fhir;
using Forlop.App.Features.ImportFeedback;
using Forlop.App.Features.Indicators;
using Forlop.App.Features.Implementation;
using Forlop.App.Features.Mdt;
using Forlop.App.Features.Slots;
using Forlop.App.Features.Surveys;
using Forlop.App.Features.ContactPoints;
using Forlop.App.Features.Hjem;
using Forlop.App.Features.Operations;
using Forlop.App.Features.Patients;
using Forlop.App.Features.PatientView;
using Forlop.App.Features.Predictions;
using Forlop.App.Features.Publication;
using Forlop.App.Features.Registration;
using Forlop.App.Features.TrackingList;
using Forlop.App.Features.Transfers;
using Forlop.App.Features.Web;
using Forlop.Domain.Organisations;
using Forlop.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scalar.AspNetCore;

namespace Forlop.App.Features.Serve;

/// <summary>The web application: each feature adds its services and maps its routes.</summary>
public static class WebHost
{
    /// <summary>
    /// Opens the registry (migrating it once, adding missing seed organisations) and builds the web application on it.
    /// settings: configuration on top of appsettings and the environment (tests set Forlop:Web:* with it).
    /// </summary>
    public static async Task<WebApplication> BuildAsync(DatabaseTarget target, string catalogueDirectory, string urls, IClock? clock = null,
        IReadOnlyDictionary<string, string?>? settings = null, CancellationToken ct = default)
    {
        await using var store = await RegistryStore.OpenAsync(target, catalogueDirectory, clock ?? SystemClock.Instance, ct);
        return Build(store, urls, settings);
    }

    /// <summary>
    /// Builds the web application on a registry already opened (<c>serve</c> opens it to fill the demo first): its
    /// catalogue, indicators, organisations and clock are the host's, so nothing is loaded or migrated twice. The
    /// store's own connection is not kept; each request gets its own context.
    /// </summary>
    public static WebApplication Build(RegistryStore store, string urls, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var target = store.Target;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            // Named after this program, not the process that hosts it (a test runner), so its static files are found.
            ApplicationName = typeof(WebHost).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls(urls);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(target);
        builder.Services.AddSingleton(store.Catalogue);
        builder.Services.AddSingleton(store.Indicators);
        builder.Services.AddSingleton(store.Actions);
        // Organisations as stored (the seed list plus units an installation added), read when the store was opened.
        builder.Services.AddSingleton(store.Organisations);
        builder.Services.AddSingleton(s => new EpisodeLinker(s.GetRequiredService<Forlop.Domain.Catalogue.PathwayCatalogue>(), s.GetRequiredService<OrganisationDirectory>()));
        builder.Services.AddSingleton(store.Clock);
        builder.Services.AddScoped(_ => target.CreateContext());
        builder.Services.AddScoped<RegisterEvent>();
        builder.Services.AddMdtMeetings();
        builder.Services.AddReservedSlots();
        builder.Services.AddImplementationTracker(store.Measures);
        builder.Services.AddScoped<DeliveryFeedbackRecorder>();
        builder.Services.AddContactPoints();
        builder.Services.AddHjem();
        builder.Services.AddSingleton<AccessLogWriter>();
        // SQLite: the access log's lookup by patient, kept beside the registry (decision 0034).
        builder.Services.AddHostedService<AccessLogPatientIndexer>();
        builder.Services.AddDashboardCube();
        builder.Services.AddBreachHistory();
        builder.Services.AddSingleton<PublicFiguresWarmUp>().AddHostedService(s => s.GetRequiredService<PublicFiguresWarmUp>());
        builder.Services.AddApiDocument();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<RequestFailures>();
        builder.Services.AddHealthEndpoints();
        builder.AddTelemetry();
        // Enums travel as the kebab-case words the catalogue and the contract use (on-track, awaiting-treatment …),
        // spelt by the same EnumNames as files, columns and addresses.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(
            new System.Text.Json.Serialization.JsonStringEnumConverter(Forlop.Domain.EnumNames.JsonPolicy)));
        builder.AddSecurityHeaders();
        builder.AddAccounts();
        builder.AddWebUi();
        // The patient's own view and experience surveys (decision 0029): a sign-in scheme of their own.
        builder.AddPatientSignIn();
        builder.Services.AddPatientView();
        builder.Services.AddExperienceSurveys();

        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.Use(RequestFailures.RefuseNulCharacters);
        app.MapHealthEndpoints();
        app.UseWebUi();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api", ApiDocument.Configure);
        app.MapAccounts();
        app.MapCatalogueApi();
        app.MapPublicIndicators();
        app.MapIndicatorApi();
        app.MapAccessLogApi();
        var personData = app.MapPersonDataApi();
        personData.MapTrackingListApi();
        personData.MapEpisodeApi();
        personData.MapPatientApi();
        personData.MapRegistrationApi();
        personData.MapEpisodesBehindFigureApi();
        personData.MapDeviationReasonApi();
        app.MapBottleneckApi();
        personData.MapRecommendedActionApi();
        app.MapRecommendedActionFigures();
        app.MapTransferDaysApi();
        personData.MapMdtApi();
        personData.MapSlotApi();
        app.MapGroup("/api/v1").RequireAuthorization(p => p.RequireAuthenticatedUser().RequireAssertion(c => ActorClaims.FromPrincipal(c.User) is not null))
            .ProducesProblem(StatusCodes.Status401Unauthorized).MapImplementationApi();
        personData.MapCountPreviewApi();
        personData.MapImportFeedbackApi();
        app.MapContactPointsApi();
        app.MapHjemApi();
        app.MapExports();
        app.MapFhir();
        app.MapPatientSignIn();
        app.MapPatientViewApi();
        personData.MapSurveyInvitationApi();
        app.MapSurveyApi();
        app.MapWebUi();
        return app;
    }
}
