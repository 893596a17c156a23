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
            await using (var store = await RegistryStore.OpenAsync(target, catalogueDirectory, SystemClock.Instance, ct))
            {
                if (parse.GetValue(demo) && await DemoCommand.IsEmptyAsync(store.Db, ct))
                {
                    await DemoCommand.FillAsync(store, null, DemoCommand.NationalYearlyVolume, 2015, parse.InvocationConfiguration.Output, ct);
                }
            }
            var app = WebHost.Build(target, catalogueDirectory, parse.GetValue(urls)!);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Forløp serves {target.Display} on {parse.GetValue(urls)} — open it in a browser");
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
