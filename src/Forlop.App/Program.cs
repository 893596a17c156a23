using System.CommandLine;
using Forlop.App.Features.Demo;
using Forlop.App.Features.Import;
using Forlop.App.Features.Report;
using Forlop.App.Features.Serve;
using Forlop.App.Hosting;

var root = new RootCommand("Forløp: standardized patient pathways (pakkeforløp) — catalogue, registry, pathway times")
{
    StoreOptions.Database,
    StoreOptions.Catalogue,
    ImportCommand.Create(),
    ReportCommand.Create(),
    DemoCommand.Create(),
    ServeCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
