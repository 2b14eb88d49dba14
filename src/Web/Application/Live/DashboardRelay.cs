using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace FollowUp.Web.Application.Live;

/// <summary>
/// This web node's subscription to the live dashboard: a grain observer the ReportingGrain notifies on every change
/// (one-way calls; renewed every 10 s, so a reporting grain reactivated elsewhere finds it again within seconds; the
/// subscription of a node that died expires after a minute), forwarded to the node's supervisors over SignalR, and the
/// console's queue counts (by call type) to every screen when they moved, and the persons whose record changed to the
/// screens watching them (<see cref="LiveFeed"/>). No polling, no backplane: every web node subscribes for itself.
/// </summary>
public sealed class DashboardRelay(IClusterClient cluster, IHubContext<LiveHub> hub, LiveFeed feed, ILogger<DashboardRelay> logger)
    : BackgroundService, IDashboardObserver
{
    public const string Group = "dashboard";
    private IDashboardObserver? _reference;
    private readonly ConcurrentDictionary<string, string[]> _limitedGroups = new();
    public LiveSnapshot? Last { get; private set; }
    private Dictionary<string, int> _lastQueue = [];

    /// <summary>
    /// The group of supervisors limited to <paramref name="departments"/>: they receive the snapshot cut to those
    /// departments (<see cref="Limit"/>), never the region's figures.
    /// </summary>
    public string GroupFor(IReadOnlyCollection<string> departments)
    {
        var set = departments.Select(d => d.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();
        var name = Group + ":" + string.Join(',', set);
        _limitedGroups.TryAdd(name, set);
        return name;
    }

    /// <summary>Only the given departments' figures (and the operators' statuses); the region's totals left at zero.</summary>
    public static LiveSnapshot Limit(LiveSnapshot s, IReadOnlyCollection<string> departments) => new()
    {
        Date = s.Date,
        At = s.At,
        Operators = s.Operators,
        ByDepartment = new SortedDictionary<string, LiveSnapshot>(
            s.ByDepartment.Where(d => departments.Contains(d.Key, StringComparer.OrdinalIgnoreCase)).ToDictionary(), StringComparer.Ordinal),
    };

    public async Task Update(LiveSnapshot snapshot)
    {
        Last = snapshot;
        if (snapshot.QueueByType.Count > 0 && !snapshot.QueueByType.OrderBy(q => q.Key).SequenceEqual(_lastQueue.OrderBy(q => q.Key)))
        {
            _lastQueue = snapshot.QueueByType;
            await hub.Clients.All.SendAsync("queue", snapshot.QueueByType);
        }
        await hub.Clients.Group(Group).SendAsync("dashboard", snapshot);
        foreach (var (group, departments) in _limitedGroups) await hub.Clients.Group(group).SendAsync("dashboard", Limit(snapshot, departments));
    }

    public Task PersonsChanged(List<Guid> personIds) => feed.PersonsChangedAsync(personIds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _reference = cluster.CreateObjectReference<IDashboardObserver>(this);
        await RenewAsync(() => cluster.GetGrain<IReportingGrain>(0).Subscribe(_reference), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2),
            logger, stoppingToken);
    }

    /// <summary>
    /// Subscribes every <paramref name="every"/> until <paramref name="stop"/>; a failed subscription is tried again after
    /// <paramref name="retry"/>, whatever it threw. A call cancelled by the cluster (a silo stopping under it) is a failure
    /// like any other, not the end: leaving the loop then would let the subscription expire and silence the node for good.
    /// </summary>
    public static async Task RenewAsync(Func<Task> subscribe, TimeSpan every, TimeSpan retry, ILogger logger, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var wait = every;
            try
            {
                await subscribe();
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                logger.LogWarning("Dashboard subscription failed ({Error}); retrying", ex.GetType().Name);
                wait = retry;
            }
            catch (OperationCanceledException) { return; }
            try { await Task.Delay(wait, stop); }
            catch (OperationCanceledException) { return; }
        }
    }

    public override void Dispose()
    {
        try { if (_reference is not null) cluster.DeleteObjectReference<IDashboardObserver>(_reference); }
        catch (Exception) { /* the client is already gone at shutdown */ }
        base.Dispose();
    }
}
