using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace FollowUp.Web.Application.Live;

/// <summary>
/// SignalR hub of the console, the import page and the dashboard: queue counts for everyone, changes of the persons a
/// screen shows. Every method checks the role and the ownership of what it watches (<see cref="Security.DepartmentAccess"/>)
/// and answers a refusal with a HubException ("Forbidden").
/// </summary>
[Authorize]
public sealed class LiveHub(LiveFeed feed, Security.DepartmentAccess access, DashboardRelay relay) : Hub
{
    private static HubException Forbidden() => new("Forbidden.");

    /// <summary>The person on a call screen (the caller's current call) or a record a Supervisor may see.</summary>
    public async Task WatchPerson(Guid personId)
    {
        if (!await access.MayWatchPersonAsync(Context.User!, personId)) throw Forbidden();
        await Groups.AddToGroupAsync(Context.ConnectionId, "person:" + personId);
        feed.Watch(Context.ConnectionId, personId);
    }

    /// <summary>Supervisors receive every change of the live dashboard: the region's, or only their departments' when limited.</summary>
    public async Task WatchDashboard()
    {
        if (!Context.User!.IsInRole(Roles.Supervisor) && !Context.User.IsInRole(Roles.Admin)) throw Forbidden();
        var limits = await access.LimitsAsync(Context.User);
        await Groups.AddToGroupAsync(Context.ConnectionId, limits.Length == 0 ? DashboardRelay.Group : relay.GroupFor(limits));
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
