using System.Collections.Concurrent;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace FollowUp.Web.Application.Live;

/// <summary>
/// Each web node watches the persons its screens show (one query a second, whatever the number of browsers) and pushes
/// their changes to its browsers over SignalR. The console's queue counts are not read here: the ReportingGrain pushes
/// them (see <see cref="DashboardRelay"/>).
/// </summary>
public sealed class LiveFeed(NpgsqlDataSource db, IClusterClient cluster, IHubContext<LiveHub> hub, ILogger<LiveFeed> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Guid> _watchers = new();
    private readonly Dictionary<Guid, DateTime> _seen = [];

    public void Watch(string connectionId, Guid personId) => _watchers[connectionId] = personId;
    public void Unwatch(string connectionId) => _watchers.TryRemove(connectionId, out _);

    /// <summary>Calls due now and not in an operator's hands, by call type (the cluster's live figures, no query here).</summary>
    public async Task<Dictionary<string, int>> QueueCountsAsync()
    {
        var live = await cluster.GetGrain<IReportingGrain>(0).Live();
        return Enum.GetNames<MilestoneType>().ToDictionary(n => n, n => live.QueueByType.GetValueOrDefault(n));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PersonsAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Live feed tick failed: {Error}", ex.GetType().Name);
            }
        }
    }

    private async Task PersonsAsync(CancellationToken ct)
    {
        var ids = _watchers.Values.Distinct().ToArray();
        if (ids.Length == 0) { _seen.Clear(); return; }
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(Guid Id, DateTime UpdatedAt)>("SELECT id, updated_at FROM persons WHERE id = ANY(@ids)", new { ids });
        foreach (var (id, at) in rows)
        {
            if (_seen.TryGetValue(id, out var before) && before != at)
                await hub.Clients.Group("person:" + id).SendAsync("person", id, ct);
            _seen[id] = at;
        }
    }
}
