using System.Net;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;

namespace FollowUp.Web.Application.Security;

/// <summary>
/// Forwarded headers (X-Forwarded-For / -Proto) are believed only from the proxies listed in FollowUp:Web:KnownProxies,
/// so rate limits key on the client's real IP; when FollowUp:PublicBaseUrl is https: HSTS, redirection to https and
/// Secure cookies.
/// </summary>
public static class HttpsAndProxies
{
    public static bool IsHttps(IConfiguration config) =>
        Uri.TryCreate(config["FollowUp:PublicBaseUrl"], UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps;

    /// <summary>"10.0.0.5, 10.0.0.6" or a list section; each an IP address. A wrong entry stops the start.</summary>
    public static IReadOnlyList<IPAddress> KnownProxies(IConfiguration config)
    {
        var section = config.GetSection("FollowUp:Web:KnownProxies");
        var items = section.Value is { } v
            ? v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value ?? "").Where(x => x.Length > 0).ToArray();
        return items.Select(i => IPAddress.TryParse(i, out var ip) ? ip
            : throw new ConfigurationException($"FollowUp:Web:KnownProxies: '{i}' is not an IP address.")).ToList();
    }

    public static IServiceCollection AddHttpsAndProxies(this IServiceCollection services, IConfiguration config)
    {
        var proxies = KnownProxies(config);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var p in proxies) o.KnownProxies.Add(p);
        });
        var https = IsHttps(config);
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.HttpOnly = HttpOnlyPolicy.Always;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        if (https)
        {
            var port = new Uri(config["FollowUp:PublicBaseUrl"]!).Port;
            services.AddHttpsRedirection(o => { o.HttpsPort = port; o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect; });
            services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(365); o.IncludeSubDomains = true; });
        }
        return services;
    }

    public static IApplicationBuilder UseHttpsAndProxies(this IApplicationBuilder app, IConfiguration config)
    {
        if (KnownProxies(config).Count > 0) app.UseForwardedHeaders();
        if (IsHttps(config))
        {
            app.UseHsts();
            // Health probes of the load balancer stay on plain http.
            app.UseWhen(c => !c.Request.Path.StartsWithSegments("/health"), a => a.UseHttpsRedirection());
        }
        app.UseCookiePolicy();
        return app;
    }
}
