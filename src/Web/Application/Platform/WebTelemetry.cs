using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace FollowUp.Web.Application.Platform;

/// <summary>
/// Metrics (OpenTelemetry, scraped by Prometheus at /metrics): FollowUp's, Orleans', Npgsql's pool, .NET runtime and
/// HTTP server durations by route template (never the URL itself). FollowUp:Logging:Json=true: JSON console logs.
/// </summary>
public static class WebTelemetry
{
    public static void AddFollowUpTelemetry(this WebApplicationBuilder builder)
    {
        if (builder.Services.AddSectionOptions<LoggingOptions>(builder.Configuration).Json)
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => { o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; });
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("followup-web"))
            .WithMetrics(m => m
                .AddMeter(FollowUpMetrics.Meters)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
    }
}
