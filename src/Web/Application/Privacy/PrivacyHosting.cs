using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Application.Privacy;

/// <summary>RGPD services and pages of the web: access journal, privacy notice, purge status, data-subject rights.</summary>
public static class PrivacyHosting
{
    public const string Policy = "Privacy";

    public static void AddFollowUpPrivacy(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<AccessJournal>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessJournal>());
        services.AddSingleton<AccessLog>();
        services.AddSingleton<PurgeRuns>();
        services.AddSectionOptions<PrivacyOptions>(config);
        services.AddAuthorization(o => o.AddPolicy(Policy, p => p.RequireRole(Roles.Admin, Roles.Dpo)));
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Privacy", Policy);
            o.Conventions.AuthorizePage("/Privacy/Purge", "Admin");
            o.Conventions.AuthorizePage("/Privacy/Person", "Admin");
            o.Conventions.AllowAnonymousToPage("/Privacy/Notice");
        });
    }
}
