using Forlop.App.Tests.Infrastructure;

namespace Forlop.App.Tests.Features.Catalogue;

public class BrokenCatalogueTests
{
    [Fact]
    public async Task Startup_BrokenPathwayFile_ExitsWithOneNamingFileEntryAndProblem()
    {
        var folder = Directory.CreateTempSubdirectory("forlop-catalog-").FullName;
        var source = Path.Combine(AppContext.BaseDirectory, "catalog");
        File.Copy(Path.Combine(source, "organisations.tsv"), Path.Combine(folder, "organisations.tsv"));
        File.Copy(Directory.GetFiles(source, "A12-*.yaml", SearchOption.AllDirectories)[0], Path.Combine(folder, "A12.yaml"));
        // A12FK's treatment misspelt.
        var text = File.ReadAllText(Path.Combine(folder, "A12.yaml")).Replace("treatment: surgery\n", "treatment: surgeri\n", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "A12.yaml"), text);
        var db = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

        var run = await Cli.RunAsync("report", "--db", db, "--catalog", folder, "--period", "2016");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("A12.yaml: events[", run.Error, StringComparison.Ordinal);
        Assert.Contains("(A12FK).treatment: 'surgeri' is not one of:", run.Error, StringComparison.Ordinal);
    }
}
