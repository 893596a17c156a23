using System.Globalization;
using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.Bench.Dashboard;

var years = int.Parse(Arg("--years", "10"), CultureInfo.InvariantCulture);
var pathways = int.Parse(Arg("--pathways", "430000"), CultureInfo.InvariantCulture);
var work = Arg("--work", Path.Combine(Path.GetTempPath(), "forlop-bench-dashboard"));
Directory.CreateDirectory(work);
var data = new BenchData(work, CatalogueFiles.ResolveDirectory(), 2015, years, pathways, 2015);
var events = await data.EventsAsync(Console.Error);
Console.Error.WriteLine($"{events} events");
await data.RegistryAsync(DatabaseTarget.Parse(data.SqlitePath), data.SqlitePath + ".complete", Console.Error);

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
