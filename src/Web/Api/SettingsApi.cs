using FollowUp.Web.Application.Security;
using FollowUp.Web.Application;

namespace FollowUp.Web.Api;

/// <summary>/api/settings: opening hours and call priorities.</summary>
public static class SettingsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/settings/opening-hours", async (IClusterClient cluster) => Results.Ok(await cluster.GetGrain<ICalendarGrain>(0).GetOpeningHours())).RequireScope(ApiScopes.Admin);
        api.MapPut("/settings/opening-hours", async (OpeningHours hours, IClusterClient cluster, HttpContext http, FollowUp.Web.Application.Privacy.AccessJournal journal) =>
        {
            if (hours.Days.Count != 7) return Results.ValidationProblem(new Dictionary<string, string[]> { ["days"] = ["7 entries, Sunday first"] });
            var bad = hours.Days.Select((d, i) => (d, i)).Where(x => x.d is { } h && h.Open >= h.Close).Select(x => $"day {x.i}: open must be before close").ToArray();
            if (bad.Length > 0) return Results.ValidationProblem(new Dictionary<string, string[]> { ["days"] = bad });
            await cluster.GetGrain<ICalendarGrain>(0).SetOpeningHours(hours);
            await journal.Record(http, FollowUp.Web.Application.Privacy.AccessActions.OpeningHoursChanged, "settings", "opening-hours");
            return Results.Ok(hours);
        }).RequireScope(ApiScopes.Admin);

        api.MapGet("/settings/call-priorities", async (IClusterClient cluster) => Results.Ok(await cluster.GetGrain<ICallQueueGrain>(0).GetPriorities())).RequireScope(ApiScopes.Admin);
        api.MapPut("/settings/call-priorities", async (PrioritiesInput input, IClusterClient cluster, HttpContext http, FollowUp.Web.Application.Privacy.AccessJournal journal) =>
        {
            var order = new List<CallType>();
            foreach (var t in input.Order ?? [])
                if (Enum.TryParse<CallType>(t, out var m) && Enum.IsDefined(m) && !int.TryParse(t, out _)) order.Add(m);
                else return Results.ValidationProblem(new Dictionary<string, string[]> { ["order"] = [$"'{t}' is not a call type (J2, J4, J7, J7TestFollowUp, J9) nor Retry"] });
            var priorities = new CallPriorities([.. order], input.VulnerableFirst ?? true);
            if (!priorities.IsComplete)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["order"] = ["every call type exactly once (Retry at most once: without it, it keeps its default place)"] });
            priorities = priorities.WithRetry();
            await cluster.GetGrain<ICallQueueGrain>(0).SetPriorities(priorities);
            await journal.Record(http, FollowUp.Web.Application.Privacy.AccessActions.CallPrioritiesChanged, "settings", "call-priorities", string.Join(",", order));
            return Results.Ok(priorities);
        }).RequireScope(ApiScopes.Admin);
    }

    public sealed record PrioritiesInput(string[]? Order, bool? VulnerableFirst);
}
