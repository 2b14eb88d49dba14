namespace FollowUp.Web.Application.Security;

/// <summary>Staff access security (issue 14): one place that registers it, called from WebHosting.</summary>
public static class SecurityHosting
{
    public static void AddFollowUpSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpsAndProxies(builder.Configuration);
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ScopeForbiddenResultHandler>();
    }

    /// <summary>First in the pipeline: the real client address and scheme, then the headers of every response.</summary>
    public static void UseFollowUpSecurity(this WebApplication app)
    {
        app.UseHttpsAndProxies(app.Configuration);
        app.UseSecurityHeaders();
    }
}
