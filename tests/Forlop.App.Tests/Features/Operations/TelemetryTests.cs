using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Forlop.App.Features.Dashboards;
using Forlop.App.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OpenTelemetry.Trace;

namespace Forlop.App.Tests.Features.Operations;

/// <summary>
/// With <c>Forlop:Telemetry=otlp</c> the web host sends its spans and metrics over OTLP: an import, a request and a
/// dashboard cube build each arrive at a collector under the names docs/operations.md lists.
/// </summary>
public class TelemetryTests
{
    private static readonly (string Scope, string Name) TrackingListSpan = ("Microsoft.AspNetCore", "GET /api/v1/tracking-list");

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public async Task AnImportARequestAndACubeBuild_ReachTheCollector_UnderTheirDocumentedNames(DatabaseKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var collector = await OtlpStandIn.StartAsync(ct);
        await using (var scenario = await PersonDataScenario.StartAsync(kind, settings: new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Forlop:Telemetry"] = "otlp",
            // The exporter's own settings, read from the host's configuration as from the environment.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }))
        {
            var today = SystemClock.Instance.GetCurrentInstant().InZone(Forlop.App.Data.RegistryStore.Oslo).Date;
            var import = await Cli.ImportAsync(scenario.Db, EventsFiles.WriteRows($"t1,{TestPatients.Number(40)},OUS,A01A,{today.PlusDays(-3):yyyy-MM-dd},,"));
            using var coordinator = await scenario.SignedInAsync("koordinator");
            using var trackingList = await coordinator.GetAsync(new Uri("/api/v1/tracking-list", UriKind.Relative), ct);
            using var probe = await scenario.Anonymous().GetAsync(new Uri("/healthz", UriKind.Relative), ct);
            await using (var db = scenario.OpenDb())
            {
                // The host counted everything when it started; the import makes this read count the changed patient.
                await scenario.App.Services.GetRequiredService<DashboardCube>().CurrentAsync(db, ct);
            }

            Assert.True(import.ExitCode == 0, import.Output + import.Error);
            Assert.Equal(HttpStatusCode.OK, trackingList.StatusCode);
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);

            // The request's span ends just after its response reaches the client, and at stop the exporter has only a
            // few seconds to send what is left: on a loaded CI machine the list's span once did not arrive. So send what
            // the host has until the collector holds that span (or 30 s pass and the assertion below says so).
            var tracing = scenario.App.Services.GetRequiredService<TracerProvider>();
            var waiting = Stopwatch.StartNew();
            while (!collector.Spans().Contains(TrackingListSpan) && waiting.Elapsed < TimeSpan.FromSeconds(30))
            {
                tracing.ForceFlush(5000);
                await Task.Delay(100, ct);
            }
        } // Stopping the host flushes the rest (the metrics).

        var spans = collector.Spans();
        var metrics = collector.Metrics();

        Assert.Contains(("Forlop", "import"), spans);
        Assert.Contains(("Forlop", "dashboard-cube refresh"), spans);
        Assert.Contains(TrackingListSpan, spans);
        // The probes are polled every few seconds: traced, they would bury the requests people make.
        Assert.DoesNotContain(spans, s => s.Name.StartsWith("GET /healthz", StringComparison.Ordinal));
        Assert.Contains(("Forlop", "forlop.import.rows"), metrics);
        Assert.Contains(("Forlop", "forlop.import.duration"), metrics);
        Assert.Contains(("Forlop", "forlop.dashboard.cube.refresh.duration"), metrics);
        Assert.Contains(("Forlop", "forlop.dashboard.cube.episodes"), metrics);
        Assert.Contains(("Microsoft.AspNetCore.Hosting", "http.server.request.duration"), metrics);
    }

    /// <summary>
    /// A collector in the test process: accepts OTLP over HTTP (protobuf) and keeps the requests. Reads the names out of
    /// the bytes the exporter sent, so the test checks what a real collector would receive.
    /// </summary>
    private sealed class OtlpStandIn(WebApplication app) : IAsyncDisposable
    {
        private readonly ConcurrentQueue<byte[]> _traces = new();
        private readonly ConcurrentQueue<byte[]> _metrics = new();

        public string Address => app.Urls.First();

        public static async Task<OtlpStandIn> StartAsync(CancellationToken ct)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var standIn = new OtlpStandIn(app);
            app.MapPost("/v1/traces", async (HttpRequest request) => standIn._traces.Enqueue(await ReadAsync(request)));
            app.MapPost("/v1/metrics", async (HttpRequest request) => standIn._metrics.Enqueue(await ReadAsync(request)));
            await app.StartAsync(ct);
            return standIn;
        }

        /// <summary>(instrumentation scope, span name) of every span received.</summary>
        // ExportTraceServiceRequest: 1 resource_spans → 2 scope_spans → 1 scope (1 name), 2 spans (5 name).
        public List<(string Scope, string Name)> Spans() => Names(_traces, nameField: 5);

        /// <summary>(meter, instrument name) of every metric received.</summary>
        // ExportMetricsServiceRequest: 1 resource_metrics → 2 scope_metrics → 1 scope (1 name), 2 metrics (1 name).
        public List<(string Scope, string Name)> Metrics() => Names(_metrics, nameField: 1);

        private static List<(string Scope, string Name)> Names(IEnumerable<byte[]> requests, int nameField) =>
            [.. from request in requests
                from resource in Protobuf.Fields(request, 1)
                from scoped in Protobuf.Fields(resource, 2)
                let scope = Protobuf.Fields(scoped, 1).SelectMany(s => Protobuf.Fields(s, 1)).Select(Protobuf.Text).SingleOrDefault() ?? ""
                from item in Protobuf.Fields(scoped, 2)
                from name in Protobuf.Fields(item, nameField)
                select (scope, Protobuf.Text(name))];

        private static async Task<byte[]> ReadAsync(HttpRequest request)
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            return body.ToArray();
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    /// <summary>Just enough of protobuf's wire format (varint, fixed and length-delimited fields) to walk OTLP's messages.</summary>
    private static class Protobuf
    {
        /// <summary>The length-delimited fields numbered <paramref name="number"/> of a message (sub-messages, strings).</summary>
        public static List<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int number)
        {
            var found = new List<ReadOnlyMemory<byte>>();
            var bytes = message.Span;
            var at = 0;
            while (at < bytes.Length)
            {
                var tag = Varint(bytes, ref at);
                switch (tag & 7)
                {
                    case 0:
                        Varint(bytes, ref at);
                        break;
                    case 1:
                        at += 8;
                        break;
                    case 2:
                        var length = (int)Varint(bytes, ref at);
                        if ((int)(tag >> 3) == number)
                        {
                            found.Add(message.Slice(at, length));
                        }
                        at += length;
                        break;
                    case 5:
                        at += 4;
                        break;
                    default:
                        throw new InvalidDataException($"wire type {tag & 7} at byte {at} is not in OTLP's messages");
                }
            }
            return found;
        }

        public static string Text(ReadOnlyMemory<byte> field) => System.Text.Encoding.UTF8.GetString(field.Span);

        private static ulong Varint(ReadOnlySpan<byte> bytes, ref int at)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = bytes[at++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }
    }
}
