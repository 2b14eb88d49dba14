using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace FollowUp.Web.Application.Live;

/// <summary>
/// The persons this web node's screens watch, and their changes pushed to those screens over SignalR. No query: the
/// person grains tell the cluster's reporting grain which persons changed, and it tells every web node (see
/// <see cref="DashboardRelay"/>, which also carries the console's queue counts).
/// </summary>
public sealed class LiveFeed(IClusterClient cluster, IHubContext<LiveHub> hub)
{
    private readonly ConcurrentDictionary<string, Guid> _watchers = new();

    public void Watch(string connectionId, Guid personId) => _watchers[connectionId] = personId;
    public void Unwatch(string connectionId) => _watchers.TryRemove(connectionId, out _);

    /// <summary>Calls due now and not in an operator's hands, by call type (the cluster's live figures, no query here).</summary>
    public async Task<Dictionary<string, int>> QueueCountsAsync()
    {
        var live = await cluster.GetGrain<IReportingGrain>(0).Live();
        return Enum.GetNames<MilestoneType>().ToDictionary(n => n, n => live.QueueByType.GetValueOrDefault(n));
    }

    /// <summary>Tells the screens watching any of <paramref name="personIds"/> that the person's record changed.</summary>
    public async Task PersonsChangedAsync(IEnumerable<Guid> personIds)
    {
        var watched = _watchers.Values.ToHashSet();
        foreach (var id in personIds.Where(watched.Contains))
            await hub.Clients.Group("person:" + id).SendAsync("person", id);
    }
}
