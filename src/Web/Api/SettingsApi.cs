using FollowUp.Web.Application.Security;
using FollowUp.Web.Application;

namespace FollowUp.Web.Api;

/// <summary>/api/settings: opening hours and call priorities.</summary>
public static class SettingsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/settings/opening-hours", async (IClusterClient cluster) => Results.Ok(await cluster.GetGrain<ICalendarGrain>(0).GetOpeningHours())).RequireScope(ApiScopes.Admin);
        api.MapPut("/settings/opening-hours", async (OpeningHours hours, IClusterClient cluster) =>
        {
            if (hours.Days.Count != 7) return Results.ValidationProblem(new Dictionary<string, string[]> { ["days"] = ["7 entries, Sunday first"] });
            var bad = hours.Days.Select((d, i) => (d, i)).Where(x => x.d is { } h && h.Open >= h.Close).Select(x => $"day {x.i}: open must be before close").ToArray();
            if (bad.Length > 0) return Results.ValidationProblem(new Dictionary<string, string[]> { ["days"] = bad });
            await cluster.GetGrain<ICalendarGrain>(0).SetOpeningHours(hours);
            return Results.Ok(hours);
        }).RequireScope(ApiScopes.Admin);

        api.MapGet("/settings/call-priorities", async (IClusterClient cluster) => Results.Ok(await cluster.GetGrain<ICallQueueGrain>(0).GetPriorities())).RequireScope(ApiScopes.Admin);
        api.MapPut("/settings/call-priorities", async (PrioritiesInput input, IClusterClient cluster) =>
        {
            var order = new List<MilestoneType>();
            foreach (var t in input.Order ?? [])
                if (Enum.TryParse<MilestoneType>(t, out var m) && Enum.IsDefined(m)) order.Add(m);
                else return Results.ValidationProblem(new Dictionary<string, string[]> { ["order"] = [$"'{t}' is not a call type (J2, J4, J7, J7TestFollowUp, J9)"] });
            if (order.Distinct().Count() != Enum.GetValues<MilestoneType>().Length || order.Count != order.Distinct().Count())
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["order"] = ["every call type exactly once"] });
            var priorities = new CallPriorities([.. order], input.VulnerableFirst ?? true);
            await cluster.GetGrain<ICallQueueGrain>(0).SetPriorities(priorities);
            return Results.Ok(priorities);
        }).RequireScope(ApiScopes.Admin);
    }

    public sealed record PrioritiesInput(string[]? Order, bool? VulnerableFirst);
}
