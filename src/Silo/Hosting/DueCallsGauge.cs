using FollowUp.Silo.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FollowUp.Silo.Hosting;

/// <summary>Reads how many calls are due now and unclaimed, by type, every 15 s (real time) for the followup.calls.due gauge.
/// "Now" is the platform's clock: the virtual one in simulation mode, like everything else.</summary>
public sealed class DueCallsGauge(CallQueueStore callQueue, [FromKeyedServices(SiloHosting.ClockKey)] TimeProvider clock,
    ILogger<DueCallsGauge> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    /// <summary>Calls due at the platform's now and in no operator's hands, for every milestone type (0 when none).</summary>
    public async Task<Dictionary<string, long>> ReadAsync(CancellationToken cancellationToken)
    {
        var rows = await callQueue.WaitingByTypeAsync(clock.GetUtcNow(), cancellationToken);
        var byType = Enum.GetNames<MilestoneType>().ToDictionary(t => t, _ => 0L);
        foreach (var (milestone, count) in rows) byType[milestone] = count;
        return byType;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                FollowUpMetrics.SetDueCalls(await ReadAsync(stoppingToken));
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Due calls gauge not refreshed ({Error})", ex.GetType().Name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
