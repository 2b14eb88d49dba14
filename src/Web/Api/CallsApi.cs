using FollowUp.Web.Application;
using FollowUp.Web.Application.Security;

namespace FollowUp.Web.Api;

/// <summary>/api/calls: start and outcome of a claimed call.</summary>
public static class CallsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/calls/{callId}/start", async (string callId, CallOutcomes calls) =>
            CallOutcomes.ToHttp(await calls.StartAsync(callId, null), new { callId, status = "started" })).RequireScope(ApiScopes.Calls);
        api.MapPost("/calls/{callId}/outcome", async (string callId, System.Text.Json.JsonElement body, CallOutcomes calls, HttpContext http,
            FollowUp.Web.Application.Privacy.AccessJournal journal) =>
        {
            var (request, errors) = CallOutcomes.Read(body);
            var key = http.Request.Headers["Idempotency-Key"].ToString();
            if (key.Length > CallOutcomes.IdempotencyKeyMaxLength)
                errors["Idempotency-Key"] = [SecurityTexts.Get("Err_TooLong", CallOutcomes.IdempotencyKeyMaxLength)];
            if (request is null || errors.Count > 0) return Results.ValidationProblem(errors);
            var result = await calls.RecordAsync(callId, null, request with
            {
                ApiKeyName = http.User.Identity!.Name,
                RequestId = key.Length > 0 ? CallOutcomes.RequestIdOf("api:" + http.User.Identity!.Name, key) : null,
            });
            if (result.Status == CallActionStatus.Ok && PersonIds.TryParseCallId(callId, out var personId))
                await journal.Record(http, FollowUp.Web.Application.Privacy.AccessActions.CallOutcome, "person", personId.ToString(),
                    body.GetProperty("outcome").GetString());
            return CallOutcomes.ToHttp(result, new { callId, outcome = body.GetProperty("outcome").GetString() });
        }).RequireScope(ApiScopes.Calls);
    }
}
