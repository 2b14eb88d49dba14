using FollowUp.Web.Application;

namespace FollowUp.Web.Api;

/// <summary>/api/settings: opening hours and call priorities.</summary>
public static class SettingsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/settings/opening-hours", async (IClusterClient cluster) => Results.Ok(await cluster.GetGrain<ICalendarGrain>(0).GetOpeningHours()));
        api.MapPut("/settings/opening-hours", async (OpeningHours hours, IClusterClient cluster, HttpContext http, FollowUp.Web.Application.Privacy.AccessJournal journal) =>
        {
            if (hours.Days.Count != 7) return Results.ValidationProblem(new Dictionary<string, string[]> { ["days"] = ["7 entries, Sunday first"] });
            var bad = hours.Days.Select((d, i) => (d, i)).Where(x => x.d is { } h && h.Open >= h.Close).Select(x => $"day {x.i}: open must be before close").ToArray();
            if (bad.Length > 0) return Results.ValidationProblem(new Dictionary<string, string[]> { ["days"] = bad });
            await cluster.GetGrain<ICalendarGrain>(0).SetOpeningHours(hours);
            await journal.Record(http, FollowUp.Web.Application.Privacy.AccessActions.OpeningHoursChanged, "settings", "opening-hours");
            return Results.Ok(hours);
        });

        api.MapGet("/settings/call-priorities", async (IClusterClient cluster) => Results.Ok(await cluster.GetGrain<ICallQueueGrain>(0).GetPriorities()));
        api.MapPut("/settings/call-priorities", async (PrioritiesInput input, IClusterClient cluster, HttpContext http, FollowUp.Web.Application.Privacy.AccessJournal journal) =>
        {
            var order = new List<MilestoneType>();
            foreach (var t in input.Order ?? [])
                if (Enum.TryParse<MilestoneType>(t, out var m) && Enum.IsDefined(m)) order.Add(m);
                else return Results.ValidationProblem(new Dictionary<string, string[]> { ["order"] = [$"'{t}' is not a call type (J2, J4, J7, J7TestFollowUp, J9)"] });
            if (order.Distinct().Count() != Enum.GetValues<MilestoneType>().Length || order.Count != order.Distinct().Count())
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["order"] = ["every call type exactly once"] });
            var priorities = new CallPriorities([.. order], input.VulnerableFirst ?? true);
            await cluster.GetGrain<ICallQueueGrain>(0).SetPriorities(priorities);
            await journal.Record(http, FollowUp.Web.Application.Privacy.AccessActions.CallPrioritiesChanged, "settings", "call-priorities", string.Join(",", order));
            return Results.Ok(priorities);
        });
    }

    public sealed record PrioritiesInput(string[]? Order, bool? VulnerableFirst);
}
