using FollowUp.Web.Application.Security;

namespace FollowUp.Web.Api;

/// <summary>/api/keys: named API keys (scope admin); the secret is in the creation answer only.</summary>
public static class KeysApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/keys", async (KeyInput input, ApiKeys keys, System.Security.Claims.ClaimsPrincipal user) =>
        {
            var errors = ApiKeys.Validate(input.Name, input.Scopes, input.ExpiresAt, DateTimeOffset.UtcNow);
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            return await keys.CreateAsync(input.Name!, input.Scopes!, input.ExpiresAt, FollowUp.Actors.Api(user.Identity!.Name!)) is { } created
                ? Results.Created($"/api/keys/{created.Info.Id}",
                    new
                    {
                        id = created.Info.Id,
                        name = created.Info.Name,
                        scopes = created.Info.Scopes,
                        expiresAt = created.Info.ExpiresAt,
                        key = created.Key
                    })
                : Results.Conflict(new { error = $"name '{input.Name}' already exists" });
        }).RequireScope(ApiScopes.Admin);
        api.MapGet("/keys", async (ApiKeys keys) => Results.Ok(await keys.ListAsync())).RequireScope(ApiScopes.Admin);
        api.MapDelete("/keys/{id:guid}", async (Guid id, ApiKeys keys) =>
            await keys.RevokeAsync(id) ? Results.NoContent() : Results.NotFound()).RequireScope(ApiScopes.Admin);
    }

    public sealed record KeyInput(string? Name, string[]? Scopes, DateTimeOffset? ExpiresAt);
}
