using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace FollowUp.Web.Application.Security;

/// <summary>Staff access security (issue 14): one place that registers it, called from WebHosting.</summary>
public static class SecurityHosting
{
    public static void AddFollowUpSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = services.AddSectionOptions<SecurityOptions>(builder.Configuration);
        services.AddHttpsAndProxies(builder.Configuration);
        services.AddSectionOptions(builder.Configuration, AdminOptions.ShortcutsFrom(builder.Configuration));
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ScopeForbiddenResultHandler>();
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<StaffSessions>();
        services.AddSingleton<SecondFactors>();
        services.AddSingleton<TwoFactorSignIn>();
        services.AddSingleton<DepartmentAccess>();

        services.AddFollowUpDataProtection(options);

        // Sessions: idle timeout on the cookie, and every request checks the server-side session (absolute limit,
        // logout, disabled account, changed security stamp).
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, o =>
        {
            o.ExpireTimeSpan = options.IdleTimeout;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = async ctx =>
            {
                var sessions = ctx.HttpContext.RequestServices.GetRequiredService<StaffSessions>();
                if (ctx.Principal is null || !await sessions.IsValidAsync(ctx.Principal))
                {
                    ctx.RejectPrincipal();
                    await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                }
            };
        });
    }

    /// <summary>Data Protection of every web node: one application name and key ring (data_protection_keys, shared by the
    /// nodes), its keys encrypted at rest when a certificate is configured.</summary>
    public static void AddFollowUpDataProtection(this IServiceCollection services, SecurityOptions options)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("FollowUp");
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((o, db) => o.XmlRepository = new PostgresXmlRepository(db));
        if (KeyRingCertificate(options) is { } certificate) dataProtection.ProtectKeysWithCertificate(certificate);
    }

    /// <summary>The certificate that encrypts the key ring (<see cref="SecurityOptions.KeyRingCertificate"/>, a file checked
    /// when the options are read), null when none is configured. Every web node needs the same one: each reads the keys
    /// the others wrote.</summary>
    public static X509Certificate2? KeyRingCertificate(SecurityOptions options) =>
        options.KeyRingCertificate.Length == 0 ? null
        : X509CertificateLoader.LoadPkcs12FromFile(options.KeyRingCertificate, options.KeyRingCertificatePassword,
            X509KeyStorageFlags.EphemeralKeySet);

    /// <summary>First in the pipeline: the real client address and scheme, then the headers of every response.</summary>
    public static void UseFollowUpSecurity(this WebApplication app)
    {
        app.UseHttpsAndProxies();
        app.UseSecurityHeaders();
        FollowUp.Web.Application.Imports.ImportBodyLimit.UseImportBodyLimit(app);
    }
}
