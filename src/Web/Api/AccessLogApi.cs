using FollowUp.Web.Application.Privacy;
using FollowUp.Web.Application.Security;

namespace FollowUp.Web.Api;

/// <summary>/api/access-log: the access journal for the DPO's tools (scope admin).</summary>
public static class AccessLogApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/access-log", async (string? personId, string? user, string? action, string? from, string? to, HttpContext http, AccessLog log,
            AccessJournal journal) =>
        {
            var (filter, errors) = AccessLogFilter.Parse(personId, user, action, from, to);
            if (filter is null) return Results.ValidationProblem(errors);
            var journaled = journal.Record(http, AccessActions.AccessLogExported, "accessLog", filter.PersonId?.ToString(), "api");
            var items = await log.FindAsync(filter, 10_000);
            await journaled;
            return Results.Ok(items);
        }).RequireScope(ApiScopes.Admin);
    }
}
