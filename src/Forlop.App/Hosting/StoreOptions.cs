using System.CommandLine;
using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using NodaTime;

namespace Forlop.App.Hosting;

/// <summary>The options every command shares: which database, which catalogue folder.</summary>
public static class StoreOptions
{
    public static readonly Option<string> Database = new("--db")
    {
        Description = "SQLite file path (created when missing) or PostgreSQL connection string / postgres:// URI",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FORLOP_DB") ?? DatabaseTarget.DefaultPath,
        Recursive = true,
    };

    public static readonly Option<string?> Catalogue = new("--catalog")
    {
        Description = "folder of pathway files (default: the catalog folder beside the program)",
        Recursive = true,
    };

    public static Task<RegistryStore> OpenAsync(ParseResult parse, CancellationToken ct) =>
        RegistryStore.OpenAsync(
            DatabaseTarget.Parse(parse.GetValue(Database)),
            CatalogueFiles.ResolveDirectory(parse.GetValue(Catalogue)),
            SystemClock.Instance,
            ct);
}
