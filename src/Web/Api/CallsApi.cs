using FollowUp.Web.Application.Security;
using FollowUp.Web.Application;

namespace FollowUp.Web.Api;

/// <summary>/api/calls: start and outcome of a claimed call.</summary>
public static class CallsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/calls/{callId}/start", async (string callId, CallOutcomes calls) =>
            CallOutcomes.ToHttp(await calls.StartAsync(callId, null), new { callId, status = "started" })).RequireScope(ApiScopes.Calls);
        api.MapPost("/calls/{callId}/outcome", async (string callId, System.Text.Json.JsonElement body, CallOutcomes calls, System.Security.Claims.ClaimsPrincipal user) =>
        {
            var (request, errors) = CallOutcomes.Read(body);
            if (request is null) return Results.ValidationProblem(errors);
            return CallOutcomes.ToHttp(await calls.RecordAsync(callId, null, request with { ApiKeyName = user.Identity!.Name }), new { callId, outcome = body.GetProperty("outcome").GetString() });
        }).RequireScope(ApiScopes.Calls);
    }
}
