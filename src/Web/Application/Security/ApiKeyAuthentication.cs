using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using FollowUp.Web.Application.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FollowUp.Web.Application.Security;

/// <summary>
/// "Authorization: Bearer &lt;key&gt;" for the /api integrations: a named key of the api_keys table (its scopes), or the
/// bootstrap key FOLLOWUP_API_KEY / FollowUp:ApiKey (<see cref="FollowUpOptions.ApiKey"/>, named "bootstrap", every
/// scope). The principal's name is the key's name.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    FollowUpOptions platform, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "api_key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var given = header["Bearer ".Length..].Trim();
        if (given.Length == 0 || given.Length > 200) return AuthenticateResult.Fail("Invalid API key.");
        var bootstrap = platform.ApiKey;
        if (bootstrap.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(bootstrap)))
            return Success(ApiKeys.BootstrapName, ApiScopes.All, null);
        return await keys.FindValidAsync(given) is { } key ? Success(key.Name, key.Scopes, key.Id) : AuthenticateResult.Fail("Invalid API key.");
    }

    private static AuthenticateResult Success(string name, IEnumerable<string> scopes, Guid? id)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.Role, "Api") };
        claims.AddRange(scopes.Select(s => new Claim(ApiScopes.ClaimType, s)));
        if (id is { } i) claims.Add(new Claim(KeyIdClaim, i.ToString()));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
