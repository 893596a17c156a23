using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Publication;
using NodaTime;

namespace Forlop.App.Features.Serve;

/// <summary>The web application: each feature adds its services and maps its routes.</summary>
public static class WebHost
{
    public static WebApplication Build(DatabaseTarget target, string catalogueDirectory, string urls, IClock? clock = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(target);
        builder.Services.AddSingleton(CatalogueFiles.LoadPathways(catalogueDirectory));
        builder.Services.AddSingleton(clock ?? SystemClock.Instance);
        builder.Services.AddScoped(_ => target.CreateContext());
        builder.Services.AddOpenApi("v1");
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapOverviewPage();
        app.MapCatalogueApi();
        app.MapPublicIndicators();
        return app;
    }
}
