using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace FollowUp.Web.Application.Security;

/// <summary>
/// The scopes of API keys. An API key's principal carries one "scope" claim per scope; endpoints declare theirs with
/// <c>.RequireScope("persons:read")</c>; a key without it gets 403 problem+json naming the missing scope.
/// </summary>
public static class ApiScopes
{
    public const string ClaimType = "scope";
    public const string PersonsRead = "persons:read";
    public const string PersonsWrite = "persons:write";
    public const string Imports = "imports";
    public const string Calls = "calls";
    public const string ReportsRead = "reports:read";
    public const string Admin = "admin";
    public static readonly string[] All = [PersonsRead, PersonsWrite, Imports, Calls, ReportsRead, Admin];

    /// <summary>Only API keys holding <paramref name="scope"/> may call these endpoints.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizationPolicyBuilder(ApiKeyAuthentication.SchemeName)
            .RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scope)).Build());
}

/// <summary>The API key must hold <see cref="Scope"/>.</summary>
public sealed class ScopeRequirement(string scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.HasClaim(ApiScopes.ClaimType, requirement.Scope)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

/// <summary>A refusal for a missing scope answers 403 problem+json naming the scope; any other result as usual.</summary>
public sealed class ScopeForbiddenResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>()
            .FirstOrDefault() is { } missing)
        {
            await Results.Problem(
                detail: $"This API key lacks the scope '{missing.Scope}'.", statusCode: StatusCodes.Status403Forbidden,
                title: $"Missing scope: {missing.Scope}", extensions: new Dictionary<string, object?> { ["scope"] = missing.Scope })
                    .ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
