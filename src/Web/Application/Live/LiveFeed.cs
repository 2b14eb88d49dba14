using System.Collections.Concurrent;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace FollowUp.Web.Application.Live;

/// <summary>
/// Each web node watches the due-call index and the persons its screens show (one query each per second, whatever
/// the number of browsers) and pushes changes to its browsers over SignalR.
/// </summary>
public sealed class LiveFeed(NpgsqlDataSource db, PlatformClock clock, IHubContext<LiveHub> hub, ILogger<LiveFeed> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Guid> _watchers = new();
    private readonly Dictionary<Guid, DateTime> _seen = [];
    private Dictionary<string, int> _lastCounts = [];

    public void Watch(string connectionId, Guid personId) => _watchers[connectionId] = personId;
    public void Unwatch(string connectionId) => _watchers.TryRemove(connectionId, out _);

    /// <summary>Calls due now and not in an operator's hands, by call type.</summary>
    public async Task<Dictionary<string, int>> QueueCountsAsync()
    {
        var now = await clock.NowAsync();
        await using var conn = await db.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(string Milestone, int N)>("""
            SELECT milestone, count(*)::int FROM due_calls
            WHERE due_at <= @now AND (claimed_by IS NULL OR lease_until < @now) GROUP BY milestone
            """, new { now = now.ToUniversalTime() });
        var counts = Enum.GetNames<MilestoneType>().ToDictionary(n => n, _ => 0);
        foreach (var (m, n) in rows) counts[m] = n;
        return counts;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var counts = await QueueCountsAsync();
                if (!counts.SequenceEqual(_lastCounts))
                {
                    _lastCounts = counts;
                    await hub.Clients.All.SendAsync("queue", counts, stoppingToken);
                }
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
