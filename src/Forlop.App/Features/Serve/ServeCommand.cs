using System.CommandLine;
using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Demo;
using Forlop.App.Hosting;
using NodaTime;

namespace Forlop.App.Features.Serve;

/// <summary><c>forlop serve [--db DB] [--urls URLS] [--demo]</c>: runs the web application.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "addresses to listen on", DefaultValueFactory = _ => "http://localhost:5000" };
        var demo = new Option<bool>("--demo") { Description = "fill an empty database with demo data first" };
        var command = new Command("serve", "Run the web application") { urls, demo };
        command.SetAction(async (parse, ct) =>
        {
            var target = DatabaseTarget.Parse(parse.GetValue(StoreOptions.Database));
            var catalogueDirectory = CatalogueFiles.ResolveDirectory(parse.GetValue(StoreOptions.Catalogue));
            WebApplication app;
            // One opening of the registry (one migration) for the demo and the host.
            await using (var store = await RegistryStore.OpenAsync(target, catalogueDirectory, SystemClock.Instance, ct))
            {
                if (parse.GetValue(demo) && await DemoCommand.IsEmptyAsync(store.Db, ct))
                {
                    // Last year and this year up to today, so the tracking list has open episodes with deadlines ahead.
                    await DemoCommand.FillAsync(store, store.Today.Year - 1, DemoCommand.NationalYearlyVolume, 2015, parse.InvocationConfiguration.Output, ct, years: 2);
                }
                app = WebHost.Build(store, parse.GetValue(urls)!);
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Forløp serves {target.Display} on {parse.GetValue(urls)} — open it in a browser");
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
