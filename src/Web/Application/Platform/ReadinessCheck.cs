using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace FollowUp.Web.Application.Platform;

/// <summary>Ready = the database answers and a grain call reaches an active silo.</summary>
public sealed class ReadinessCheck(NpgsqlDataSource db, IClusterClient cluster) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using (var cmd = db.CreateCommand("SELECT 1")) await cmd.ExecuteScalarAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("database unreachable: " + ex.GetType().Name);
        }
        try
        {
            await cluster.GetGrain<ICalendarGrain>(0).GetOpeningHours().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("cluster unreachable: " + ex.GetType().Name);
        }
    }
}
