using Microsoft.AspNetCore.SignalR;

namespace FollowUp.Web.Application;

/// <summary>
/// This web node's subscription to the live dashboard: a grain observer the ReportingGrain notifies on every change
/// (renewed each minute, the subscription expires after two), forwarded to the node's supervisors over SignalR.
/// No polling, no backplane: every web node subscribes for itself.
/// </summary>
public sealed class DashboardRelay(IClusterClient cluster, IHubContext<LiveHub> hub, ILogger<DashboardRelay> logger) : BackgroundService, IDashboardObserver
{
    public const string Group = "dashboard";
    private IDashboardObserver? _reference;
    public LiveSnapshot? Last { get; private set; }

    public async Task Update(LiveSnapshot snapshot)
    {
        Last = snapshot;
        await hub.Clients.Group(Group).SendAsync("dashboard", snapshot);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _reference = cluster.CreateObjectReference<IDashboardObserver>(this);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await cluster.GetGrain<IReportingGrain>(0).Subscribe(_reference);
                await Task.Delay(TimeSpan.FromSeconds(60), stoppingToken);
            }
            catch (OperationCanceledException) { break; }
            catch (Exception ex)
            {
                logger.LogWarning("Dashboard subscription failed ({Error}); retrying", ex.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }

    public override void Dispose()
    {
        try { if (_reference is not null) cluster.DeleteObjectReference<IDashboardObserver>(_reference); }
        catch (Exception) { /* the client is already gone at shutdown */ }
        base.Dispose();
    }
}
