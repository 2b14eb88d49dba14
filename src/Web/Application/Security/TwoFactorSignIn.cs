using Microsoft.AspNetCore.DataProtection;

namespace FollowUp.Web.Application.Security;

/// <summary>
/// Between a right password and the second factor's code there is no session: only a short-lived cookie, protected by
/// Data Protection (so valid on every web node) and limited to /Login, naming the account and where to go next.
/// It lasts 5 minutes and is removed once the code is right.
/// </summary>
public sealed class TwoFactorSignIn(IDataProtectionProvider provider)
{
    public const string CookieName = "FollowUp.SignIn2fa";
    public const string PagePath = "/Login/TwoFactor";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("FollowUp.TwoFactorSignIn").ToTimeLimitedDataProtector();

    public void Begin(HttpContext http, string userName, string returnUrl) =>
        http.Response.Cookies.Append(CookieName, _protector.Protect(userName + "\n" + returnUrl, Lifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/Login",
            MaxAge = Lifetime,
            IsEssential = true,
        });

    /// <summary>The account and return URL of the sign-in under way, or null when there is none (or it expired).</summary>
    public (string UserName, string ReturnUrl)? Current(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is not { } value) return null;
        try
        {
            var parts = _protector.Unprotect(value).Split('\n', 2);
            return (parts[0], parts.Length > 1 ? parts[1] : "/");
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public void End(HttpContext http) => http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/Login" });
}
