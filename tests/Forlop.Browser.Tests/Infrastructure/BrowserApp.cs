using Forlop.App.Data;
using Forlop.App.Features.Catalogue;
using Forlop.App.Features.Demo;
using Forlop.App.Features.Import;
using Forlop.Domain.Patients;
using Forlop.App.Features.Serve;
using Forlop.Browser.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using NodaTime;

[assembly: AssemblyFixture(typeof(BrowserApp))]

namespace Forlop.Browser.Tests.Infrastructure;

/// <summary>
/// The application as <c>forlop serve</c> runs it, on a free loopback port, on a throwaway SQLite database holding a
/// small demo year, and the machine's Chromium to look at it. Started once for all browser tests.
/// Without Chromium a test is skipped with the reason, except with <c>CI=true</c>: there it fails.
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    /// <summary>Debian's chromium package; Playwright never downloads a browser of its own here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Enough demo pathways that every list has rows, few enough to import in a second or two.</summary>
    private const int DemoPathwaysPerYear = 2000;

    /// <summary>Cancer pathways a demo year starts; <see cref="NationalBrowserApp"/> takes the national volume.</summary>
    protected virtual int PathwaysPerYear => DemoPathwaysPerYear;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "forlop-tests", "browser", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The served registry, for tests that change accounts behind an open page.</summary>
    public DatabaseTarget Target { get; private set; } = DatabaseTarget.Parse("./unused.db");

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return; // Each test says why it cannot run (OpenAsync).
        }
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(_folder);
        var target = Target = DatabaseTarget.Parse(Path.Combine(_folder, "forlop.db"));
        var catalogueDirectory = CatalogueFiles.ResolveDirectory();
        var clock = SystemClock.Instance;
        await using (var store = await RegistryStore.OpenAsync(target, catalogueDirectory, clock, ct))
        {
            // Last year for the statistics, this year for the pathways still running today; names and demo users too.
            var summary = await DemoCommand.FillAsync(store, store.Today.Year - 1, PathwaysPerYear, seed: 2015, TextWriter.Null, ct, years: 2);
            Assert.Null(summary.FileError);
            await AddOverdueAsync(store, ct);
        }
        _app = await WebHost.BuildAsync(target, catalogueDirectory, "http://127.0.0.1:0", clock);
        await _app.StartAsync(ct);
        BaseAddress = new Uri(_app.Urls.First());
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>
    /// Three Oslo patients whose referral came three to five weeks ago and who have not been seen yet: whatever the
    /// random demo gives on the day the tests run, the tracking list has overdue episodes to show.
    /// </summary>
    private async Task AddOverdueAsync(RegistryStore store, CancellationToken ct)
    {
        var rows = new List<string> { "record_id,patient_id,organisation,code,date" };
        for (var i = 0; i < 3; i++)
        {
            // Born 1925 with individual numbers 450–499 (1900–1999 births take 000–499): far from the demo's patients.
            var individual = 450;
            NationalIdentityNumber nin;
            while (!NationalIdentityNumber.TryCreate(new LocalDate(1925, 3, 1 + i), individual++, NationalIdentityNumberKind.Synthetic, out nin))
            {
            }
            rows.Add(FormattableString.Invariant($"overdue-{i},{nin.Value},OUS,A12A,{store.Today.PlusDays(-21 - 7 * i):yyyy-MM-dd}"));
        }
        var file = Path.Combine(_folder, "overdue.csv");
        await File.WriteAllTextAsync(file, string.Join('\n', rows) + "\n", ct);
        var summary = await ImportCommand.RunAsync(store, file, TextWriter.Null, ct);
        Assert.Equal(0, summary.ExitCode);
        await DemoNames.AssignAsync(store.Db, ct);
    }

    /// <summary>A fresh browser context with one page; dispose it when done.</summary>
    public async Task<BrowserSession> OpenAsync()
    {
        if (_browser is null)
        {
            var reason = $"no Chromium at {ChromiumPath}: install it with `apt-get update && apt-get install -y chromium` (.ci/run does)";
            if (IsCi)
            {
                throw new InvalidOperationException($"CI=true, so the browser tests must run, but there is {reason}");
            }
            Assert.Skip($"Browser tests skipped: {reason}");
        }
        return await BrowserSession.OpenAsync(_browser, BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            // Stopped before disposed: disposing a running host cancels its background services as a failure
            // ("BackgroundService has thrown an unhandled exception"), which buried CI's report under stack traces.
            using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                await _app.StopAsync(stopping.Token);
            }
            await _app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // The stopped host's last background writes (the access log's head checkpoint, SQLite's WAL) may still be
        // closing for a moment: try again briefly before leaving the throwaway folder to the machine's /tmp.
        for (var attempt = 1; Directory.Exists(_folder); attempt++)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(250);
            }
            catch (IOException)
            {
                break;
            }
        }
        GC.SuppressFinalize(this);
    }
}
