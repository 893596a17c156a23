using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Forlop.App.Features.Operations;

/// <summary>Where metrics and traces go: nowhere (the default), the console, or an OpenTelemetry collector over OTLP.</summary>
public enum TelemetryExporter
{
    None,
    Console,
    Otlp,
}

/// <summary>
/// Forløp's own metrics and traces — imports, the dashboard cube — beside ASP.NET Core's request metrics and spans,
/// exported with OpenTelemetry when <c>FORLOP_TELEMETRY</c> (or <c>Forlop:Telemetry</c> in the web host's configuration)
/// says <c>console</c> or <c>otlp</c>; the OTLP endpoint is the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. Off by
/// default: instruments cost next to nothing while nobody listens.
/// </summary>
public static class Telemetry
{
    public const string Name = "Forlop";
    public const string Variable = "FORLOP_TELEMETRY";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    /// <summary>Rows an import read, by <c>outcome</c>: accepted, duplicate or rejected.</summary>
    public static readonly Counter<long> ImportedRows = Meter.CreateCounter<long>("forlop.import.rows", "{row}", "Rows of events files read by imports, by outcome");

    public static readonly Histogram<double> ImportDuration = Meter.CreateHistogram<double>("forlop.import.duration", "s", "Time to import one events file");

    /// <summary>Time to bring the dashboard cube up to date, by <c>kind</c>: everything (a cold start) or the changed patients.</summary>
    public static readonly Histogram<double> CubeRefreshDuration = Meter.CreateHistogram<double>("forlop.dashboard.cube.refresh.duration", "s", "Time to bring the dashboard cube up to date");

    public static readonly Counter<long> CubeEpisodesCounted = Meter.CreateCounter<long>("forlop.dashboard.cube.episodes", "{episode}", "Episodes counted (again) into the dashboard cube");

    /// <summary>The exporter a setting names; a word it does not know is an error with the words it does.</summary>
    public static TelemetryExporter ParseExporter(string? setting) => setting?.Trim().ToLowerInvariant() switch
    {
        null or "" or "none" or "off" => TelemetryExporter.None,
        "console" => TelemetryExporter.Console,
        "otlp" => TelemetryExporter.Otlp,
        _ => throw new ArgumentException($"{Variable}='{setting}' is not one of: none, console, otlp"),
    };

    /// <summary>The web host's telemetry: Forløp's instruments with ASP.NET Core's requests.</summary>
    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        var exporter = ParseExporter(builder.Configuration["Forlop:Telemetry"] ?? Environment.GetEnvironmentVariable(Variable));
        if (exporter == TelemetryExporter.None)
        {
            return;
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("forlop"))
            .WithTracing(t =>
            {
                t.AddSource(Name).AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path));
                _ = exporter == TelemetryExporter.Console ? t.AddConsoleExporter() : t.AddOtlpExporter();
            })
            .WithMetrics(m =>
            {
                m.AddMeter(Name).AddAspNetCoreInstrumentation();
                _ = exporter == TelemetryExporter.Console ? m.AddConsoleExporter() : m.AddOtlpExporter();
            });
    }

    /// <summary>A command's telemetry (an import run from the command line): exported when the command ends.</summary>
    public static IDisposable? StartForCommand()
    {
        var exporter = ParseExporter(Environment.GetEnvironmentVariable(Variable));
        if (exporter == TelemetryExporter.None)
        {
            return null;
        }
        var resource = ResourceBuilder.CreateDefault().AddService("forlop");
        var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(Name);
        var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(Name);
        _ = exporter == TelemetryExporter.Console ? tracing.AddConsoleExporter() : tracing.AddOtlpExporter();
        _ = exporter == TelemetryExporter.Console ? metrics.AddConsoleExporter() : metrics.AddOtlpExporter();
        return new Providers(tracing.Build(), metrics.Build());
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/healthz", StringComparison.Ordinal) || path.StartsWithSegments("/readyz", StringComparison.Ordinal);

    private sealed class Providers(TracerProvider? tracing, MeterProvider? metrics) : IDisposable
    {
        public void Dispose()
        {
            tracing?.Dispose();
            metrics?.Dispose();
        }
    }
}
