using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FollowUp.Web.Application.Platform;

/// <summary>The body of /health/ready: "ready", or "not ready: " and each failing check's reason (e.g. "database
/// unreachable: NpgsqlException" while PostgreSQL restarts), so an operator or a load balancer log says why.</summary>
public static class ReadinessAnswer
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        if (report.Status == HealthStatus.Healthy) return http.Response.WriteAsync("ready");
        var reasons = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => e.Value.Description ?? e.Key);
        return http.Response.WriteAsync("not ready: " + string.Join("; ", reasons));
    }
}
