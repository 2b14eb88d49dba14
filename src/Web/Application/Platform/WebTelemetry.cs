using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace FollowUp.Web.Application.Platform;

/// <summary>
/// Metrics (OpenTelemetry, scraped by Prometheus at /metrics): FollowUp's, Orleans', Npgsql's pool, .NET runtime and
/// HTTP server durations by route template (never the URL itself). Console logs: <see cref="ConsoleLogs"/>.
/// </summary>
public static class WebTelemetry
{
    public static void AddFollowUpTelemetry(this WebApplicationBuilder builder)
    {
        builder.AddFollowUpConsoleLogs();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("followup-web"))
            .WithMetrics(m => m
                .AddMeter(FollowUpMetrics.Meters)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
    }
}
