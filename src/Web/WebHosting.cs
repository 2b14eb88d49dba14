using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FollowUp.Web.Api;
using FollowUp.Web.Application;
using FollowUp.Web.Application.Privacy;
using FollowUp.Web.Application.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Npgsql;
using Orleans.Configuration;

namespace FollowUp.Web;

/// <summary>The web host: Razor Pages + API, an Orleans client of the cluster on PostgreSQL.</summary>
public static class WebHosting
{
    public static void AddFollowUpWeb(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        // Request URLs carry personal data (person searches, questionnaire tokens): ASP.NET Core's per-request
        // Information logs stay off; configuration (Logging:LogLevel:…) can still lower these levels on purpose.
        foreach (var category in new[] { "Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Mvc",
            "Microsoft.AspNetCore.Http.Result" })
            if (config[$"Logging:LogLevel:{category}"] is null) builder.Logging.AddFilter(category, LogLevel.Warning);
        var database = builder.Services.AddSectionOptions(config, DatabaseOptions.ShortcutFrom(config));
        var budget = database.Budget;
        var cs = budget.Pooled(database.ConnectionString, ConnectionBudget.WebClusterClientConnections);
        if (builder.Services.AddSectionOptions(config, FollowUpOptions.Complete(config)).ApiKey.Length == 0)
            throw new ConfigurationException("No API key configured: set FOLLOWUP_API_KEY (or FollowUp:ApiKey).");
        builder.Services.AddSectionOptions<SimulationOptions>(config);
        var cluster = builder.Services.AddSectionOptions(config, ClusterOptions.DefaultsFrom(config));

        builder.UseOrleansClient(client => client
            .Configure<Orleans.Configuration.ClusterOptions>(o => // Orleans' own, not FollowUp's of the same name
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            })
            .UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = cs; })
            // Silos added when a wave comes (or restarted) are found within seconds, not the default minute.
            .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10))
            .UseConnectionRetryFilter<ClusterConnectionRetry>()
            .AddOutgoingGrainCallFilter<TransientFailureRetry>()); // a silo leaving or killed: calls go to the grain's next activation

        var services = builder.Services;
        services.AddSingleton(_ => NpgsqlDataSource.Create(budget.Pooled(database.ConnectionString, budget.WebAppPoolSize)));
        services.AddSingleton<StaffUsers>();
        services.AddSingleton<PlatformClock>();
        services.AddSingleton<Questionnaires>();
        services.AddSingleton<CallOutcomes>();
        services.AddSectionOptions<CallScriptsOptions>(config);
        services.AddSingleton<CallScripts>();
        services.AddSingleton<MessageTexts>();
        services.AddSectionOptions<Application.Imports.ImportOptions>(config);
        services.AddSingleton<Application.Imports.ImportRunner>();
        services.AddHostedService<Application.Imports.ImportWatchdog>(); // imports of a dead web node marked interrupted
        services.AddSingleton<PersonSearch>();
        services.AddSingleton<CtaiDirectory>();
        services.AddSingleton<UsefulContacts>();
        services.AddSingleton<Application.Reports.ReportIndicators>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<DashboardRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardRelay>());
        services.AddSignalR().AddJsonProtocol(o => ConfigureJson(o.PayloadSerializerOptions));
        services.AddSectionOptions<SmsOptions>(config);
        services.AddSingleton<SmsInbox>();
        services.AddSingleton<DeliveryReports>();
        services.AddSingleton<SmsLedger>();
        services.AddSingleton<PersonIndexQueries>();
        services.AddSingleton<QuestionnaireTokenQueries>();
        services.AddSingleton<DeliveryReportWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryReportWriter>());
        services.AddHttpClient();
        services.AddQuestionnaireRateLimits(config);
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToFolder("/Q");
            o.Conventions.AuthorizeFolder("/Admin", "Admin");
            o.Conventions.AuthorizeFolder("/Persons", "Supervision");
            o.Conventions.AuthorizeFolder("/Console", "Console");
            o.Conventions.AuthorizeFolder("/Imports", "Supervision");
            o.Conventions.AuthorizeFolder("/Reports", "Supervision");
            o.Conventions.AuthorizePage("/Dashboard", "Supervision");
        }).AddViewLocalization();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/Login";
                o.AccessDeniedPath = "/Login";
                o.Cookie.Name = "followup.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy("Admin", p => p.RequireRole(Roles.Admin))
            .AddPolicy("Supervision", p => p.RequireRole(Roles.Supervisor, Roles.Admin))
            .AddPolicy("Console", p => p.RequireRole(Roles.Operator, Roles.Supervisor, Roles.Admin))
            .AddPolicy(ApiEndpoints.Policy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser());
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddHealthChecks().AddCheck<ReadinessCheck>("ready", tags: ["ready"]);
        services.AddProblemDetails();
        services.AddFollowUpPrivacy(config);
        builder.AddFollowUpSecurity();
        services.AddSingleton<PersonList>();
        services.AddSingleton<Application.Reports.ReportArchiveQueries>();
        services.AddFollowUpApiDocs();
        builder.AddFollowUpTelemetry();
    }

    public static void ConfigureJson(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.Converters.Add(new JsonStringEnumConverter<MilestoneType>());
        o.Converters.Add(new JsonStringEnumConverter<CallType>()); // J2 … J9 and Retry, as written
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    public static void UseFollowUpWeb(this WebApplication app)
    {
        app.UseFollowUpSecurity();
        // API callers get problem+json (503 + Retry-After when the database is away); pages get the French error page. No stack trace, no personal
        // data.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), a =>
            a.UseExceptionHandler(e => e.Run(Api.ApiErrorResponse.WriteAsync))); // 503 when the database is away
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), a => a.UseExceptionHandler("/Error"));
        app.UseStatusCodePages();
        var cultures = new[] { new CultureInfo("fr-FR"), new CultureInfo("en") };
        var localization = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("fr-FR"),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        };
        // Staff pages are French unless ?culture=en (or the culture cookie) asks for English; a browser's Accept-Language
        // only chooses the API's messages. (The questionnaire follows the person's language itself.)
        var acceptLanguage = localization.RequestCultureProviders.OfType<AcceptLanguageHeaderRequestCultureProvider>().First();
        localization.RequestCultureProviders.Remove(acceptLanguage);
        localization.RequestCultureProviders.Add(new CustomRequestCultureProvider(ctx =>
            ctx.Request.Path.StartsWithSegments("/api") ? acceptLanguage.DetermineProviderCultureResult(ctx)
                : Task.FromResult<ProviderCultureResult?>(null)));
        app.UseRequestLocalization(localization);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseSignInCompletion();
        app.UseAuthorization();
        app.UseMiddleware<Application.Platform.DatabaseReadRetry>(); // reads met by a PostgreSQL restart run again on a fresh connection
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = ReadinessAnswer.WriteAsync
        }).AllowAnonymous();
        app.MapRazorPages();
        app.MapHub<LiveHub>("/hubs/live");
        app.MapMethods("/sms/dlr/{secret}", ["GET", "POST"], (string secret, HttpContext http, SmsOptions sms, DeliveryReports reports) =>
            reports.HandleAsync(http, sms, secret)).AllowAnonymous().DisableAntiforgery();
        app.MapFollowUpApi();
        app.MapFollowUpApiDocs();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapPost("/Logout", async (HttpContext ctx, IClusterClient cluster, StaffSessions sessions,
            Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(ctx)) return Results.BadRequest(); // a cross-site post cannot sign anyone out
            // An operator leaving gives the call in hand back to the queue at once.
            if (ctx.User.IsInRole(Roles.Operator) && ctx.User.Identity?.Name is { } name) await cluster.GetGrain<IOperatorGrain>(name).SignOut();
            await sessions.SignOutAsync(ctx); // ends the session on the server too
            return Results.Redirect("/Login");
        }).RequireAuthorization();
    }

    /// <summary>At first start, creates the Admin from FOLLOWUP_ADMIN_USER / FOLLOWUP_ADMIN_PASSWORD.</summary>
    public static async Task SeedFirstAdminAsync(this WebApplication app)
    {
        var users = app.Services.GetRequiredService<StaffUsers>();
        var admin = app.Services.GetRequiredService<AdminOptions>();
        bool any;
        try { any = await users.AnyAdminAsync(); }
        catch (PostgresException ex) when (ex.SqlState == "42P01")
        {
            throw new ConfigurationException("The database has no FollowUp schema yet: " +
            "start a silo first (it applies db/ migrations).");
        }
        catch (NpgsqlException ex) { throw new ConfigurationException($"Cannot reach the database: {ex.Message}"); }
        if (any) return;
        var (user, password) = (admin.User, admin.Password);
        if (string.IsNullOrEmpty(password))
            throw new ConfigurationException("No administrator yet: set FOLLOWUP_ADMIN_PASSWORD for the first start.");
        if (PasswordPolicy.Check(user, password) is { } weak)
            throw new ConfigurationException($"FOLLOWUP_ADMIN_PASSWORD: {weak}.");
        await users.CreateAsync(user, "Administrateur", Roles.Admin, password);
        app.Logger.LogInformation("First administrator account created.");
    }
}
