using System.Data.Common;
using Forlop.App.Features.Catalogue;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.Codes;
using Forlop.Domain.Organisations;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Forlop.App.Data;

/// <summary>What every command works with: the database, the catalogue, the organisations and the clock.</summary>
public sealed class RegistryStore : IAsyncDisposable
{
    private RegistryStore(DatabaseTarget target, RegistryDb db, PathwayCatalogue catalogue, IndicatorCatalogue indicators, RecommendedActionCatalogue actions,
        Forlop.Domain.Implementation.PlanMeasureCatalogue measures, OrganisationDirectory organisations, IClock clock)
    {
        Actions = actions;
        Measures = measures;
        Target = target;
        Db = db;
        Catalogue = catalogue;
        Indicators = indicators;
        Organisations = organisations;
        Clock = clock;
    }

    public DatabaseTarget Target { get; }
    public RegistryDb Db { get; }
    public PathwayCatalogue Catalogue { get; }
    /// <summary>The indicator definitions of the catalogue (catalog/indicators/), checked against the pathways at start-up.</summary>
    public IndicatorCatalogue Indicators { get; }
    /// <summary>The recommended actions per pathway (catalog/recommended-actions/), checked against the pathways at start-up.</summary>
    public RecommendedActionCatalogue Actions { get; }
    /// <summary>The measures of the national implementation plans (catalog/plan-measures.tsv), for the implementation tracker.</summary>
    public Forlop.Domain.Implementation.PlanMeasureCatalogue Measures { get; }
    public OrganisationDirectory Organisations { get; }
    public IClock Clock { get; }

    public static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    /// <summary>Today's date in Europe/Oslo, where pathway times are counted.</summary>
    public LocalDate Today => Clock.GetCurrentInstant().InZone(Oslo).Date;

    /// <summary>
    /// Opens (creating when missing) the database, brings its schema up to date with the migrations of its
    /// provider, and adds any seed organisation it does not have yet.
    /// </summary>
    public static async Task<RegistryStore> OpenAsync(DatabaseTarget target, string catalogueDirectory, IClock clock, CancellationToken ct)
    {
        var catalogue = CatalogueFiles.LoadPathways(catalogueDirectory);
        var indicators = CatalogueFiles.LoadIndicators(catalogueDirectory, catalogue);
        var actions = CatalogueFiles.LoadActions(catalogueDirectory, catalogue);
        var measures = CatalogueFiles.LoadMeasures(catalogueDirectory);
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target.Display)!);
        }
        var db = target.CreateContext();
        try
        {
            await db.Database.MigrateAsync(ct);
            if (target.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets the web app read while an import writes.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            var known = await db.Organisations.Select(o => o.Code).ToListAsync(ct);
            var missing = CatalogueFiles.LoadSeedOrganisations(catalogueDirectory)
                .Where(o => !known.Contains(o.Code, StringComparer.Ordinal))
                .Select(o => new OrganisationEntity { Code = o.Code, Kind = o.Kind.ToString().ToLowerInvariant(), Parent = o.Parent, Name = o.Name })
                .ToList();
            if (missing.Count > 0)
            {
                db.Organisations.AddRange(missing);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            var organisations = ToDirectory(await db.Organisations.AsNoTracking().ToListAsync(ct));
            return new RegistryStore(target, db, catalogue, indicators, actions, measures, organisations, clock);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    public static OrganisationDirectory ToDirectory(IEnumerable<OrganisationEntity> rows) =>
        // Stored codes were checked when they came in (the seed list, add-unit); a row that is none is a broken database.
        new(rows.Select(o => new Organisation(OrganisationCode.Parse(o.Code), Enum.Parse<OrganisationKind>(o.Kind, ignoreCase: true),
            o.Parent is null ? null : OrganisationCode.Parse(o.Parent), o.Name)));

    public DbConnection Connection => Db.Database.GetDbConnection();

    /// <summary>The organisations as stored: the seed list and the units an installation added.</summary>
    public static async Task<OrganisationDirectory> LoadOrganisationsAsync(RegistryDb db, CancellationToken ct) =>
        ToDirectory(await db.Organisations.AsNoTracking().ToListAsync(ct));

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
