using FollowUp;
using FollowUp.Silo;
using FollowUp.Silo.Hosting;
using FollowUp.Silo.Infrastructure;
using Npgsql;
using Orleans.Runtime;

// A FollowUp silo: hosts the grains, joins the cluster through PostgreSQL membership.
// Options: --migrate-only (apply db/ and exit). Health: /health/live and /health/ready on FollowUp:Silo:HealthPort.
var startup = StartupClock.Start();
try
{
    // appsettings.json (every key with its default) sits next to the silo's assembly, wherever it is started from.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    var config = builder.Configuration;
    var database = DatabaseOptions.Read(config);
    var cs = database.ConnectionString;
    await DatabaseStartup.RunAsync(() => Task.Run(() => Migrator.Migrate(cs)), "Migrations"); // PostgreSQL restarting: waited for
    startup.Mark("migrations check");
    if (args.Contains("--migrate-only"))
    {
        Console.WriteLine("Database is up to date.");
        return 0;
    }
    await DatabaseStartup.RunAsync(() => database.Budget.CheckAsync(cs), "Connection budget check");
    startup.Mark("connection budget check");
    builder.UseOrleans(silo => silo.AddFollowUpSilo(config));
    builder.AddFollowUpTelemetry();
    var siloOptions = SectionOptions.Read<SiloOptions>(config);
    builder.WebHost.UseUrls($"http://127.0.0.1:{siloOptions.HealthPort}");
    // The health endpoint listens while Orleans starts (503 until the silo is Active), not only once every start-up stage
    // and task after joining is done: a restarted silo reports ready as soon as it has joined (seconds sooner under load).
    builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
    var app = builder.Build();
    startup.Mark("host build");
    app.MapGet("/health/live", () => Results.Ok("live"));
    app.MapPrometheusScrapingEndpoint("/metrics");
    app.MapGet("/health/ready", (ILocalSiloDetails local, IClusterMembershipService membership) =>
        membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress) == SiloStatus.Active ? Results.Ok("ready") : Results.StatusCode(503));
    app.Lifetime.ApplicationStarted.Register(() =>
    {
        startup.Mark("Orleans start and join");
        Console.WriteLine($"Silo ready: cluster '{ClusterOptions.Read(config).ClusterId}', silo {siloOptions}. {startup}");
    });
    await app.RunAsync();
    return 0;
}
catch (ConfigurationException ex)
{
    Console.Error.WriteLine($"Configuration error: {ex.Message}");
    return 2;
}
catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    Console.Error.WriteLine($"Configuration error: {ex.Message}"); // names the key and the expected type
    return 2;
}
catch (NpgsqlException ex)
{
    Console.Error.WriteLine($"Cannot reach the database: {ex.Message} (check FollowUp:Database:ConnectionString / FOLLOWUP_DB).");
    return 3;
}
