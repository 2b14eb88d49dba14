using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FollowUp.Web.Application;

/// <summary>"Authorization: Bearer &lt;key&gt;" for the /api integrations; the key comes from FOLLOWUP_API_KEY / FollowUp:ApiKey.</summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IConfiguration config)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public static string? ConfiguredKey(IConfiguration config) => FollowUpConfig.Get(config, "FollowUp:ApiKey", "FOLLOWUP_API_KEY");

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var given = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        var expected = ConfiguredKey(config) is { } k ? Encoding.UTF8.GetBytes(k) : null;
        if (expected is null || !CryptographicOperations.FixedTimeEquals(given, expected))
            return Task.FromResult(AuthenticateResult.Fail("Invalid API key."));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api"), new Claim(ClaimTypes.Role, "Api")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
