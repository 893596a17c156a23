using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Forlop.App.Tests.Infrastructure;

/// <summary>No PostgreSQL server could be started on this machine; the message says why.</summary>
public sealed class PostgresUnavailableException : Exception
{
    public PostgresUnavailableException()
    {
    }

    public PostgresUnavailableException(string message)
        : base(message)
    {
    }

    public PostgresUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// One throwaway PostgreSQL server per test process, made on first use from the machine's own binaries (initdb,
/// pg_ctl) in a temporary folder on a free loopback port, and stopped and deleted when the process exits.
/// <c>FORLOP_TEST_POSTGRES</c> names an existing server to use instead.
/// </summary>
public static class PostgresCluster
{
    public const string ServerVariable = "FORLOP_TEST_POSTGRES";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _server;
    private static Func<Exception>? _failure;

    /// <summary>Whether the tests use a server named by <c>FORLOP_TEST_POSTGRES</c> (which outlives them) rather than their own.</summary>
    public static bool IsExternal => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ServerVariable));

    /// <summary>A connection string to the server's <c>postgres</c> database, as superuser; starts the cluster on first use.</summary>
    /// <exception cref="PostgresUnavailableException">The cluster could not be started; every later call gives the same reason without trying again.</exception>
    /// <exception cref="InvalidOperationException">The server named by <c>FORLOP_TEST_POSTGRES</c> does not answer.</exception>
    public static async Task<string> ServerAsync(CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            if (_server is not null)
            {
                return _server;
            }
            if (_failure is not null)
            {
                throw _failure();
            }
            try
            {
                _server = IsExternal ? await UseExternalAsync(Environment.GetEnvironmentVariable(ServerVariable)!, ct) : await StartAsync(ct);
                return _server;
            }
            // A cancelled start is tried again by the next test; a failed one is not, it would fail the same way.
            catch (PostgresUnavailableException e)
            {
                _failure = () => new PostgresUnavailableException(e.Message, e);
                throw;
            }
            catch (InvalidOperationException e)
            {
                _failure = () => new InvalidOperationException(e.Message, e);
                throw;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// A cluster of its own, for a test that stops and starts its server (an outage) without disturbing the shared
    /// one; removed when disposed. Skips like every PostgreSQL test where no cluster can be made (fails with CI=true).
    /// </summary>
    public sealed class Own : IAsyncDisposable
    {
        private readonly Cluster _cluster;

        internal Own(Cluster cluster, string server)
        {
            _cluster = cluster;
            Server = server;
        }

        /// <summary>A connection string to its <c>postgres</c> database, as superuser.</summary>
        public string Server { get; }

        /// <summary>Stops the server the way an operator's restart does (fast: open sessions are ended).</summary>
        public Task StopAsync(CancellationToken ct) => _cluster.StopAsync(ct);

        /// <summary>Starts it again on the same port.</summary>
        public async Task StartAsync(CancellationToken ct)
        {
            await _cluster.StartAgainAsync(ct);
            await WaitUntilReadyAsync(Server, ReadyTimeout, ct);
        }

        public ValueTask DisposeAsync()
        {
            _cluster.Remove();
            return ValueTask.CompletedTask;
        }
    }

    public static async Task<Own> StartOwnAsync(CancellationToken ct)
    {
        if (IsExternal)
        {
            Assert.Skip($"{ServerVariable} names a server this test may not stop; the outage test needs a cluster of its own");
        }
        var bin = FindBinaries();
        if (bin is null)
        {
            var reason = "initdb and pg_ctl were found neither in PATH nor in /usr/lib/postgresql/*/bin (install the postgresql package)";
            if (TestDatabases.IsCi)
            {
                throw new InvalidOperationException("CI=true, so the PostgreSQL tests must run: " + reason);
            }
            Assert.Skip("PostgreSQL not available here: " + reason);
        }
        var asPostgres = Environment.IsPrivilegedProcess;
        var cluster = new Cluster(bin!, Directory.CreateTempSubdirectory("forlop-pg-own-").FullName, asPostgres);
        TestRunCleanup.Add(cluster.Remove);
        if (asPostgres)
        {
            await RunAsync("chown", ["postgres:", cluster.Folder], ct);
        }
        await cluster.InitAsync(ct);
        var server = await cluster.StartAsync(ct);
        await WaitUntilReadyAsync(server, ReadyTimeout, ct);
        return new Own(cluster, server);
    }

    private static async Task<string> UseExternalAsync(string server, CancellationToken ct)
    {
        try
        {
            await WaitUntilReadyAsync(server, TimeSpan.FromSeconds(10), ct);
            return server;
        }
        catch (NpgsqlException e)
        {
            // Named on purpose, so not a reason to skip: the tests fail until the server answers or the variable goes.
            var shown = new NpgsqlConnectionStringBuilder(server) { Password = null };
            throw new InvalidOperationException($"{ServerVariable} names a server that does not answer ({shown.ConnectionString}): {e.Message}", e);
        }
    }

    private static async Task<string> StartAsync(CancellationToken ct)
    {
        var bin = FindBinaries()
            ?? throw new PostgresUnavailableException("initdb and pg_ctl were found neither in PATH nor in /usr/lib/postgresql/*/bin (install the postgresql package)");
        // initdb refuses to run as root: then the cluster belongs to the postgres user and its tools run through runuser.
        var asPostgres = Environment.IsPrivilegedProcess;
        var cluster = new Cluster(bin, Directory.CreateTempSubdirectory("forlop-pg-").FullName, asPostgres);
        TestRunCleanup.Add(cluster.Remove);
        try
        {
            var started = Stopwatch.StartNew();
            if (asPostgres)
            {
                await RunAsync("chown", ["postgres:", cluster.Folder], ct);
            }
            await cluster.InitAsync(ct);
            var server = await cluster.StartAsync(ct);
            await WaitUntilReadyAsync(server, ReadyTimeout, ct);
            Console.Error.WriteLine($"PostgreSQL test cluster ({bin}) ready in {started.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture)} ms: {server}");
            return server;
        }
        catch (Exception e) when (e is PostgresUnavailableException or OperationCanceledException or NpgsqlException or IOException or Win32Exception)
        {
            cluster.Remove();
            if (e is PostgresUnavailableException or OperationCanceledException)
            {
                throw;
            }
            throw new PostgresUnavailableException(e.Message, e);
        }
    }

    /// <summary>The folder of the first initdb/pg_ctl pair in PATH, else of the highest version in /usr/lib/postgresql.</summary>
    private static string? FindBinaries()
    {
        static bool HasTools(string dir) => IsFile(Path.Combine(dir, "initdb")) && IsFile(Path.Combine(dir, "pg_ctl"));

        // File.Exists is true for a symbolic link whose target is gone, such as /usr/local/bin/initdb after an uninstall.
        static bool IsFile(string path) => new FileInfo(path) is { Exists: true } file && (file.LinkTarget is null || file.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true });

        var inPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasTools);
        if (inPath is not null || !Directory.Exists("/usr/lib/postgresql"))
        {
            return inPath;
        }
        // Debian's folders are named by major version: 15, 16, and 9.6 before version 10.
        static Version VersionOf(string folder) =>
            Version.TryParse(Path.GetFileName(folder), out var dotted) ? dotted
            : int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? new Version(major, 0)
            : new Version(0, 0);

        return Directory.GetDirectories("/usr/lib/postgresql")
            .OrderByDescending(VersionOf)
            .Select(folder => Path.Combine(folder, "bin"))
            .FirstOrDefault(HasTools);
    }

    private static async Task WaitUntilReadyAsync(string server, TimeSpan timeout, CancellationToken ct)
    {
        var probe = new NpgsqlConnectionStringBuilder(server) { Pooling = false, Timeout = 5 }.ConnectionString;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("select 1", connection);
                await command.ExecuteScalarAsync(ct);
                return;
            }
            catch (NpgsqlException) when (waited.Elapsed < timeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a program to its end; a non-zero exit is <see cref="PostgresUnavailableException"/> with what it printed.</summary>
    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new PostgresUnavailableException($"{program} could not be started");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended meanwhile.
            }
            throw;
        }
        var printed = (await error + await output).Trim();
        if (process.ExitCode != 0)
        {
            throw new PostgresUnavailableException($"{string.Join(' ', [program, .. start.ArgumentList])} exited with {process.ExitCode.ToString(CultureInfo.InvariantCulture)}: {printed}");
        }
        return printed;
    }

    /// <summary>The cluster's folder: data directory, log and socket; its tools run as the postgres user when the tests run as root.</summary>
    internal sealed class Cluster(string bin, string folder, bool asPostgres)
    {
        private int _removed;

        public string Folder => folder;

        private string Data => Path.Combine(folder, "data");

        private string Log => Path.Combine(folder, "postgres.log");

        public async Task InitAsync(CancellationToken ct)
        {
            // -N: no fsync, the cluster lives for one test run. C.UTF-8 classifies letters such as æøå as production does;
            // plain C is the fallback where that locale is missing (initdb removes its half-made folder when it fails).
            string[] init = ["-D", Data, "-U", "postgres", "-A", "trust", "--encoding=UTF8", "-N"];
            try
            {
                await RunToolAsync(Tool("initdb", [.. init, "--locale=C.UTF-8"]), ct);
            }
            catch (PostgresUnavailableException e) when (e.Message.Contains("invalid locale name", StringComparison.Ordinal))
            {
                await RunToolAsync(Tool("initdb", [.. init, "--locale=C"]), ct);
            }
        }

        /// <summary>Starts the server on a free port and gives its connection string; tries another port if one is taken meanwhile.</summary>
        public async Task<string> StartAsync(CancellationToken ct)
        {
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort().ToString(CultureInfo.InvariantCulture);
                var options = $"-p {port} -k '{folder}' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
                try
                {
                    await RunToolAsync(Tool("pg_ctl", ["-D", Data, "-l", Log, "-w", "-t", "60", "-o", options, "start"]), ct);
                    _options = options;
                    return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
                }
                catch (PostgresUnavailableException e)
                {
                    var log = File.Exists(Log) ? File.ReadAllText(Log) : "";
                    if (attempt < 3 && log.Contains("already in use", StringComparison.Ordinal))
                    {
                        continue;
                    }
                    throw new PostgresUnavailableException($"{e.Message}\n{log}", e);
                }
            }
        }

        private string? _options;

        public Task StopAsync(CancellationToken ct) => RunToolAsync(Tool("pg_ctl", ["-D", Data, "-m", "fast", "-w", "-t", "60", "stop"]), ct);

        public Task StartAgainAsync(CancellationToken ct) =>
            RunToolAsync(Tool("pg_ctl", ["-D", Data, "-l", Log, "-w", "-t", "60", "-o", _options ?? throw new InvalidOperationException("never started"), "start"]), ct);

        /// <summary>Stops the server without a checkpoint and deletes the folder; safe to call more than once, and from ProcessExit.</summary>
        public void Remove()
        {
            if (Interlocked.Exchange(ref _removed, 1) == 1)
            {
                return;
            }
            try
            {
                if (File.Exists(Path.Combine(Data, "postmaster.pid")))
                {
                    var (program, arguments) = Tool("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "-t", "10", "stop"]);
                    var stop = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                    foreach (var argument in arguments)
                    {
                        stop.ArgumentList.Add(argument);
                    }
                    using var process = Process.Start(stop);
                    process?.WaitForExit(TimeSpan.FromSeconds(15));
                }
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Win32Exception or InvalidOperationException)
            {
                // The folder is in the temporary area: a failed clean-up must not fail the run.
                Console.Error.WriteLine($"PostgreSQL test cluster in {folder} not removed: {e.Message}");
            }
        }

        private (string Program, string[] Arguments) Tool(string name, string[] arguments) =>
            asPostgres
                ? ("runuser", ["-u", "postgres", "--", Path.Combine(bin, name), .. arguments])
                : (Path.Combine(bin, name), arguments);

        private static Task<string> RunToolAsync((string Program, string[] Arguments) tool, CancellationToken ct) =>
            PostgresCluster.RunAsync(tool.Program, tool.Arguments, ct);
    }
}
