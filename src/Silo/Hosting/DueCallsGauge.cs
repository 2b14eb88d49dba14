using FollowUp.Silo.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FollowUp.Silo.Hosting;

/// <summary>Reads how many calls are due now and unclaimed, by type, every 15 s for the followup.calls.due gauge.</summary>
public sealed class DueCallsGauge(CallQueueStore callQueue, ILogger<DueCallsGauge> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                var rows = await callQueue.WaitingByTypeAsync(DateTimeOffset.UtcNow, stoppingToken);
                var byType = Enum.GetNames<MilestoneType>().ToDictionary(t => t, _ => 0L);
                foreach (var (milestone, count) in rows) byType[milestone] = count;
                FollowUpMetrics.SetDueCalls(byType);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Due calls gauge not refreshed ({Error})", ex.GetType().Name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
