using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using FollowUp.Silo.Infrastructure;
using FollowUp.Silo.Protocol;
using FollowUp.Silo.Sms;
using FollowUp.Silo.Sms.Ovh;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace FollowUp.Silo;

/// <summary>The one place that decides how a silo is hosted (production, run.sh, simulation and tests alike).</summary>
public static class SiloHosting
{
    public const string StorageName = "Default";
    public const string ClockKey = "FollowUp";
    private const string Invariant = "Npgsql";
    /// <summary>Grain locations a silo caches (Orleans' default is 1,000,000): each person ever activated kept ≈ 300 bytes
    /// there after its activation was collected (location, LRU item, node: measured with <c>./bench.sh memory</c>), so
    /// up to 300 MB for a million persons, for locations that are stale once the person is collected; the persons active
    /// at once (a wave, the day's calls) fit in this many.</summary>
    public const int DirectoryCacheSize = 100_000;

    /// <summary>Clustering, storage and reminders on PostgreSQL; endpoints from FollowUp:Silo.
    /// <paramref name="forTestCluster"/>: the TestingHost brings its own membership and endpoints.</summary>
    public static ISiloBuilder AddFollowUpSilo(this ISiloBuilder silo, IConfiguration config, bool forTestCluster = false)
    {
        var database = DatabaseOptions.Read(config);
        var cs = database.Budget.Pooled(database.ConnectionString, database.Budget.OrleansPoolSize);
        var cluster = ClusterOptions.Read(config);
        silo.Configure<Orleans.Configuration.ClusterOptions>(o => // Orleans' own, not FollowUp's of the same name
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            })
            .AddAdoNetGrainStorage(StorageName, o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = cs;
                o.GrainStorageSerializer = StorageSerializer();
            })
            .UseAdoNetReminderService(o => { o.Invariant = Invariant; o.ConnectionString = cs; });
        GroupedReminderTable.Decorate(silo.Services); // reminder upserts grouped in shared transactions
        silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = DirectoryCacheSize); // see DirectoryCacheSize
        Hosting.StorageFaultGrainStorage.Decorate(silo.Services, StorageName); // the database away: an error Orleans can carry
        if (!forTestCluster)
        {
            silo.UseAdoNetClustering(o => { o.Invariant = Invariant; o.ConnectionString = cs; });
            var endpoints = SectionOptions.Read<SiloOptions>(config);
            silo.ConfigureEndpoints(endpoints.Advertised, endpoints.Port, endpoints.GatewayPort,
                listenOnAnyHostAddress: endpoints.ListenOnAnyAddress);
        }
        silo.Services.AddFollowUpServices(config);
        silo.AddOutgoingGrainCallFilter<TransientFailureRetry>(); // a silo leaving or killed: calls go to the grain's next activation
        Hosting.KilledSiloDetection.Configure(silo, config); // a killed silo (its port refuses) declared dead within seconds
        silo.AddOutgoingGrainCallFilter<Hosting.ReminderTickRetry>(); // a person's tick lost with a killed silo: sent again, not 5 min later
        silo.AddIncomingGrainCallFilter<Hosting.StorageFaultFilter>(); // the database away: a serializable error, the activation dropped
        silo.Services.AddHostedService<Hosting.DueCallsGauge>();
        silo.AddStartupTask((sp, _) => StartInBackground(sp, g => g.GetGrain<IPrivacyGrain>(0).Start(), "privacy"));
        if (SectionOptions.Read<SmsOptions>(config).IsOvh)
            silo.AddStartupTask((sp, _) => StartInBackground(sp, g => g.GetGrain<ISmsInboxGrain>(0).Start(), "SMS inbox"));
        return silo;
    }

    /// <summary>
    /// A grain's <c>Start</c> (it registers the grain's keep-alive reminder, which every silo asks again at its start),
    /// sent once the silo is active without holding its start: a silo joining a busy cluster (a restart at the SMS hour)
    /// could wait 30 s for the answer, or get "Reminder Service is still initializing", and either failed its start. Tried
    /// again every few seconds until it succeeds or the silo stops; a warning once it has failed for a minute.
    /// </summary>
    private static Task StartInBackground(IServiceProvider sp, Func<IGrainFactory, Task> start, string what)
    {
        var grains = sp.GetRequiredService<IGrainFactory>();
        var stopping = sp.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var logger = sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger(typeof(SiloHosting));
        _ = Task.Run(async () =>
        {
            for (var attempt = 1; !stopping.IsCancellationRequested; attempt++)
            {
                try
                {
                    await start(grains);
                    return;
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    if (attempt == 12)
                        logger.LogWarning("The {What} grain's start has failed for a minute ({Error}); still trying", what, ex.GetType().Name);
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(5), stopping);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
                catch (Exception)
                {
                    return; // the silo stops
                }
            }
        });
        return Task.CompletedTask;
    }

    /// <summary>Services the grains use: database, clock, protocol settings, SMS gateway.</summary>
    public static IServiceCollection AddFollowUpServices(this IServiceCollection services, IConfiguration config)
    {
        var database = services.AddSectionOptions(config, DatabaseOptions.ShortcutFrom(config));
        var cs = AutoPrepare.Apply(database.Budget.Pooled(database.ConnectionString, database.Budget.SiloAppPoolSize));
        services.AddSingleton(_ => NpgsqlDataSource.Create(cs));
        services.AddSingleton<PersonIndex>().AddSingleton<CallQueueStore>().AddSingleton<PersonEventLog>().AddSingleton<SmsLedger>()
            .AddSingleton<ReportArchive>().AddSingleton<SimulationClock>()
            .AddSingleton<Reporting.ReportCalculator>();
        services.AddSingleton<Reporting.OperatorStatusLog>();
        services.AddSingleton(sp => new GroupCommit(sp.GetRequiredService<NpgsqlDataSource>(),
            GroupCommit.WritersFor(database.Budget.SiloAppPoolSize),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<GroupCommit>>()));
        services.AddSingleton(sp => new PersonStateStore(sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredKeyedService<IGrainStorage>(StorageName)));
        var wakeConcurrency = services.AddSectionOptions<SiloOptions>(config).WakeConcurrency;
        services.AddSingleton(sp => new Grains.PersonWakeQueue(sp.GetRequiredService<IGrainFactory>(), wakeConcurrency,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Grains.PersonWakeQueue>>()));
        services.AddHostedService(sp => sp.GetRequiredService<Grains.PersonWakeQueue>());
        if (!SectionOptions.Read<SimulationOptions>(config).Enabled) services.AddHostedService<Grains.WakeShardKeeper>();
        services.AddSingleton<Privacy.PrivacyDb>();
        services.AddSectionOptions<PrivacyOptions>(config);
        services.AddSingleton(services.AddSectionOptions<ProtocolOptions>(config).Settings());
        services.AddSectionOptions<Grains.CallQueueOptions>(config);
        services.AddSectionOptions<Reporting.StaffingOptions>(config);
        if (services.AddSectionOptions<Reporting.ReportMailOptions>(config) is { Mailed: true } mail)
            services.AddSingleton(new Reporting.ReportMailer(mail));
        var simulation = services.AddSectionOptions<SimulationOptions>(config);
        if (simulation.Enabled)
        {
            var start = simulation.StartAt();
            services.AddSingleton(sp => VirtualClock.Restore(start, sp.GetRequiredService<SimulationClock>()));
            services.AddKeyedSingleton<TimeProvider>(ClockKey, (sp, _) => sp.GetRequiredService<VirtualClock>());
        }
        else
        {
            services.AddKeyedSingleton(ClockKey, TimeProvider.System);
        }
        var sms = services.AddSectionOptions<SmsOptions>(config);
        var publicBaseUrl = services.AddSectionOptions(config, FollowUpOptions.Complete(config)).PublicBaseUrl;
        services.AddSingleton(new SmsComposer(publicBaseUrl, sms.TemplatesDirectory));
        services.AddSingleton(sp => new SmsTexts(sp.GetRequiredService<SmsComposer>(), sp.GetRequiredService<NpgsqlDataSource>(),
            TimeSpan.FromSeconds(sms.TemplateRefreshSeconds), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SmsTexts>>()));
        if (sms.IsOvh)
            services.AddOvhSms(services.AddSectionOptions(config, OvhOptions.SenderFrom(config)));
        else
            services.AddSingleton<ISmsGateway>(sp => new FakeSmsGateway(sp.GetRequiredService<NpgsqlDataSource>(),
                sp.GetRequiredKeyedService<TimeProvider>(ClockKey)));
        return services;
    }

    /// <summary>Grain state as readable JSON (enums by name, no CLR type names), so stored rows survive renames.</summary>
    public static IGrainStorageSerializer StorageSerializer()
    {
        var options = new SystemTextJsonGrainStorageSerializerOptions();
        options.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter());
        return new SystemTextJsonGrainStorageSerializer(Options.Create(options));
    }
}
