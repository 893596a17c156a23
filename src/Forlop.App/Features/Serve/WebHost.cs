using Forlop.App.Data;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Dashboards;
using Forlop.App.Features.Episodes;
using Forlop.App.Features.Exports;
using Forlop.App.Features.Indicators;
using Forlop.App.Features.Operations;
using Forlop.App.Features.Patients;
using Forlop.App.Features.Publication;
using Forlop.App.Features.Registration;
using Forlop.App.Features.TrackingList;
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
    // settings: configuration on top of appsettings and the environment (tests set Forlop:Web:* with it).
    public static WebApplication Build(DatabaseTarget target, string catalogueDirectory, string urls, IClock? clock = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
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
        var pathways = CatalogueFiles.LoadPathways(catalogueDirectory);
        builder.Services.AddSingleton(pathways);
        builder.Services.AddSingleton(CatalogueFiles.LoadIndicators(catalogueDirectory, pathways));
        builder.Services.AddSingleton(LoadOrganisations(target, catalogueDirectory, clock ?? SystemClock.Instance));
        builder.Services.AddSingleton(s => new EpisodeLinker(s.GetRequiredService<Forlop.Domain.Catalogue.PathwayCatalogue>(), s.GetRequiredService<OrganisationDirectory>()));
        builder.Services.AddSingleton(clock ?? SystemClock.Instance);
        builder.Services.AddScoped(_ => target.CreateContext());
        builder.Services.AddScoped<RegisterEvent>();
        builder.Services.AddSingleton<AccessLogWriter>();
        builder.Services.AddDashboardCube();
        builder.Services.AddApiDocument();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<RequestFailures>();
        builder.Services.AddHealthEndpoints();
        builder.AddTelemetry();
        // Enums travel as the kebab-case words the catalogue and the contract use (on-track, awaiting-treatment …).
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(
            new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower)));
        builder.AddSecurityHeaders();
        builder.AddAccounts();
        builder.AddWebUi();

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
        app.MapExports();
        app.MapWebUi();
        return app;
    }

    /// <summary>
    /// Organisations as stored (the seed list plus units an installation added), read once at start-up after the
    /// database is brought up to date, so the host also starts on a new, empty database.
    /// </summary>
    private static OrganisationDirectory LoadOrganisations(DatabaseTarget target, string catalogueDirectory, IClock clock)
    {
        var store = RegistryStore.OpenAsync(target, catalogueDirectory, clock, CancellationToken.None).GetAwaiter().GetResult();
        using (store.Db)
        {
            return store.Organisations;
        }
    }
}
