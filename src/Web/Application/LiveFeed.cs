using System.Collections.Concurrent;
using Dapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace FollowUp.Web.Application;

/// <summary>
/// SignalR hub of the console, the import page and the dashboard: queue counts for everyone, changes of the persons a
/// screen shows. Every method checks the role and the ownership of what it watches (<see cref="Security.DepartmentAccess"/>)
/// and answers a refusal with a HubException ("Forbidden").
/// </summary>
[Authorize]
public sealed class LiveHub(LiveFeed feed, Security.DepartmentAccess access) : Hub
{
    private static HubException Forbidden() => new("Forbidden.");

    /// <summary>The person on a call screen (the caller's current call) or a record a Supervisor may see.</summary>
    public async Task WatchPerson(Guid personId)
    {
        if (!await access.MayWatchPersonAsync(Context.User!, personId)) throw Forbidden();
        await Groups.AddToGroupAsync(Context.ConnectionId, "person:" + personId);
        feed.Watch(Context.ConnectionId, personId);
    }

    /// <summary>Supervisors receive every change of the live dashboard.</summary>
    public async Task WatchDashboard()
    {
        if (!Context.User!.IsInRole(Roles.Supervisor) && !Context.User.IsInRole(Roles.Admin)) throw Forbidden();
        await Groups.AddToGroupAsync(Context.ConnectionId, DashboardRelay.Group);
    }

    /// <summary>An import's progress: its uploader, a Supervisor or an Admin.</summary>
    public async Task WatchImport(Guid importId)
    {
        if (!await access.MayWatchImportAsync(Context.User!, importId)) throw Forbidden();
        await Groups.AddToGroupAsync(Context.ConnectionId, "import:" + importId);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        feed.Unwatch(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

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
