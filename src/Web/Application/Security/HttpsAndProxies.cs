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
    public static IServiceCollection AddHttpsAndProxies(this IServiceCollection services, IConfiguration config)
    {
        var proxies = services.AddSectionOptions(config, WebOptions.ListFrom(config)).Proxies;
        var platform = FollowUpOptions.Read(config);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var p in proxies) o.KnownProxies.Add(p);
        });
        var https = platform.IsHttps;
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.HttpOnly = HttpOnlyPolicy.Always;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        if (https)
        {
            var port = platform.PublicUri!.Port;
            services.AddHttpsRedirection(o => { o.HttpsPort = port; o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect; });
            services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(365); o.IncludeSubDomains = true; });
        }
        return services;
    }

    public static IApplicationBuilder UseHttpsAndProxies(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<WebOptions>().Proxies.Count > 0) app.UseForwardedHeaders();
        if (app.ApplicationServices.GetRequiredService<FollowUpOptions>().IsHttps)
        {
            app.UseHsts();
            // Health probes of the load balancer stay on plain http.
            app.UseWhen(c => !c.Request.Path.StartsWithSegments("/health"), a => a.UseHttpsRedirection());
        }
        app.UseCookiePolicy();
        return app;
    }
}
