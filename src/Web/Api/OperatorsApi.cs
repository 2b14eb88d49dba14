using FollowUp.Web.Application;
using FollowUp.Web.Application.Security;

namespace FollowUp.Web.Api;

/// <summary>/api/operators: next call and operator state.</summary>
public static class OperatorsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/operators/{id}/next", async (string id, IClusterClient cluster) =>
            await cluster.GetGrain<IOperatorGrain>(id).Next() is { } call ? Results.Ok(call) : Results.NoContent()).RequireScope(ApiScopes.Calls);
        api.MapGet("/operators/{id}", async (string id, IClusterClient cluster) => Results.Ok(await cluster.GetGrain<IOperatorGrain>(id).Get()))
            .RequireScope(ApiScopes.Calls);
    }
}
