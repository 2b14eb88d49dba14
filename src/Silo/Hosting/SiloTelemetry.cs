using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace FollowUp.Silo.Hosting;

/// <summary>
/// The silo's metrics (OpenTelemetry, scraped by Prometheus at /metrics on FollowUp:Silo:HealthPort): FollowUp's,
/// Orleans', Npgsql's pool and the .NET runtime. Console logs: <see cref="ConsoleLogs"/>.
/// </summary>
public static class SiloTelemetry
{
    public static void AddFollowUpTelemetry(this WebApplicationBuilder builder)
    {
        // Polly logs a handled final attempt (e.g. OVH unreachable) as an error; our gateway decides what a failure means
        // and logs it itself (warning, the SMS waits for the next wake), so Polly's own attempt records stay out of the log.
        if (builder.Configuration["Logging:LogLevel:Polly"] is null) builder.Logging.AddFilter("Polly", LogLevel.Critical);
        // HttpClient logs 4 lines per SMS sent to OVH at info: during a wave the silo spent its time writing them.
        if (builder.Configuration["Logging:LogLevel:System.Net.Http.HttpClient"] is null)
            builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.AddFollowUpConsoleLogs();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("followup-silo"))
            .WithMetrics(m => m
                .AddMeter(FollowUpMetrics.Meters)
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
    }
}
