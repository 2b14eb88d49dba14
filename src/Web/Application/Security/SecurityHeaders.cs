using System.Security.Cryptography;

namespace FollowUp.Web.Application.Security;

/// <summary>
/// Headers on every response: a Content-Security-Policy whose scripts and styles come from this site or carry the
/// request's nonce (no inline handler, no eval, no framing), nosniff, no referrer, a Permissions-Policy that allows no
/// device feature, and Cache-Control: no-store on everything but the static files (person and call pages, exports,
/// the API and the questionnaire hold personal data).
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "followup.csp-nonce";

    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), " +
        "magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), " +
        "serial=(), usb=(), xr-spatial-tracking=(), clipboard-read=(), clipboard-write=(self)";

    /// <summary>The nonce of this request, for &lt;script nonce="…"&gt; and &lt;style nonce="…"&gt;.</summary>
    public static string CspNonce(this HttpContext context)
    {
        if (context.Items[NonceKey] is string nonce) return nonce;
        nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); // hex: nothing to encode in HTML
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference (/api-docs, Admins only, no personal data, nothing reflected from the request) is
    /// rendered by Scalar's packaged page, whose bootstrap script and styles are inline and cannot carry our nonce.</summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; " +
            "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var nonce = context.CspNonce();
        var isStatic = IsStaticFile(context.Request.Path);
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api-docs") ? ApiReferencePolicy : ContentSecurityPolicy(nonce);
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Permissions-Policy"] = PermissionsPolicy;
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!isStatic)
            {
                h.CacheControl = "no-store";
                h.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });

    private static bool IsStaticFile(PathString path) =>
        path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/lib") ||
        path.StartsWithSegments("/favicon.ico") || path.StartsWithSegments("/favicon.svg");
}
