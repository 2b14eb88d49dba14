using System.Security.Claims;

namespace FollowUp.Web.Application.Privacy;

/// <summary>
/// Scopes of API keys: a key carrying "scope" claims may only do what they name; a key without any (the bootstrap key
/// FOLLOWUP_API_KEY) has every scope.
/// </summary>
public static class ApiScopes
{
    public const string Admin = "admin";
    public const string ClaimType = "scope";

    public static bool Has(ClaimsPrincipal user, string scope)
    {
        var scopes = user.FindAll(ClaimType).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        return scopes.Count == 0 || scopes.Contains(scope, StringComparer.OrdinalIgnoreCase);
    }
}
