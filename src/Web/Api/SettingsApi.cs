using FollowUp.Web.Application;
using FollowUp.Web.Application.Security;

namespace FollowUp.Web.Api;

/// <summary>/api/settings: opening hours and call priorities.</summary>
public static class SettingsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/settings/opening-hours", async (IClusterClient cluster) =>
            Results.Ok(await cluster.GetGrain<ICalendarGrain>(0).GetOpeningHours())).RequireScope(ApiScopes.Admin);
        api.MapPut("/settings/opening-hours", async (OpeningHours hours, IClusterClient cluster, HttpContext http,
            FollowUp.Web.Application.Privacy.AccessJournal journal) =>
        {
            if (await cluster.GetGrain<ICalendarGrain>(0)
                .SetOpeningHours(hours) is { Saved: false } refused) return Results.ValidationProblem(refused.ByField());
            await journal.Record(http, FollowUp.Web.Application.Privacy.AccessActions.OpeningHoursChanged, "settings", "opening-hours");
            return Results.Ok(hours);
        }).RequireScope(ApiScopes.Admin);

        api.MapGet("/settings/call-priorities", async (IClusterClient cluster) =>
            Results.Ok(await cluster.GetGrain<ICallQueueGrain>(0).GetPriorities())).RequireScope(ApiScopes.Admin);
        api.MapPut("/settings/call-priorities", async (PrioritiesInput input, IClusterClient cluster, HttpContext http,
            FollowUp.Web.Application.Privacy.AccessJournal journal) =>
        {
            var order = new List<CallType>();
            foreach (var t in input.Order ?? [])
                if (Enum.TryParse<CallType>(t, out var m) && Enum.IsDefined(m) && !int.TryParse(t, out _)) order.Add(m);
                else return Results.ValidationProblem(new Dictionary<string,
                    string[]>
                { ["order"] = [$"'{t}' is not a call type (J2, J4, J7, J7TestFollowUp, J9) nor Retry"] });
            var priorities = new CallPriorities([.. order], input.VulnerableFirst ?? true);
            if (await cluster.GetGrain<ICallQueueGrain>(0)
                .SetPriorities(priorities) is { Saved: false } refused) return Results.ValidationProblem(refused.ByField());
            priorities = priorities.WithRetry(); // as the grain saved it
            await journal.Record(http, FollowUp.Web.Application.Privacy.AccessActions.CallPrioritiesChanged, "settings", "call-priorities",
                string.Join(",", order));
            return Results.Ok(priorities);
        }).RequireScope(ApiScopes.Admin);
    }

    public sealed record PrioritiesInput(string[]? Order, bool? VulnerableFirst);
}
