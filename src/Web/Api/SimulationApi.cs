using System.Text.Json.Serialization;
using FollowUp.Web.Application;
using FollowUp.Web.Application.Security;

namespace FollowUp.Web.Api;

/// <summary>/api/simulation: virtual clock and fake SMS inbox (simulation mode only, 404 otherwise).</summary>
public static class SimulationApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var sim = api.MapGroup("/simulation").RequireScope(ApiScopes.Admin).AddEndpointFilter(async (ctx, next) =>
            ctx.HttpContext.RequestServices.GetRequiredService<PlatformClock>().Simulation ? await next(ctx) : Results.NotFound());
        sim.MapGet("/clock", async (PlatformClock clock) => Results.Ok(new { now = await clock.NowAsync() }));
        sim.MapPost("/advance", async (AdvanceInput input, IClusterClient cluster, PlatformClock clock) =>
        {
            if (input.To is not { } to) return Results.ValidationProblem(new Dictionary<string,
                string[]>
            { ["to"] = ["required (ISO 8601 instant)"] });
            var grain = cluster.GetGrain<ISimulationGrain>(0);
            if (to < await grain.Now()) return Results.ValidationProblem(new Dictionary<string,
                string[]>
            { ["to"] = ["the virtual clock never goes back"] });
            // A step wakes up to 200 persons; on a starved host it can outlast Orleans' response timeout while its wakes go
            // on. Steps are idempotent (they wake who is still due), so the loop asks again instead of failing.
            while (true)
            {
                try { if (await grain.AdvanceStep(to)) break; }
                catch (TimeoutException) { }
            }
            return Results.Ok(new { now = await clock.NowAsync() });
        });
        sim.MapGet("/sms", async (string? phone, SmsInbox inbox) =>
        {
            if (!inbox.Available) return Results.Problem("No fake SMS operator configured (FollowUp:Sms:FakeInboxUrl or provider Fake).",
                statusCode: 404);
            var e164 = phone is null ? null : Inclusion.ParsePhone(phone).E164 ?? phone;
            return Results.Ok(await inbox.ListAsync(e164));
        });
    }

    public sealed record AdvanceInput([property: JsonPropertyName("to")] DateTimeOffset? To);
}
