using FollowUp.Silo;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace FollowUp.Tests.Grains;

/// <summary>Configures each test silo with <see cref="SiloHosting"/> plus ADO.NET clustering (the TestingHost brings
/// the endpoints), and the test client with the gateway list read from the same PostgreSQL membership table. The
/// configuration is the test cluster's properties (<see cref="ClusterFixture.StartAsync"/>).</summary>
public sealed class PostgresSiloConfigurator : ISiloConfigurator, IClientBuilderConfigurator
{
    /// <summary>Test-only key: reminders may tick every this many seconds (Orleans' floor is a minute).</summary>
    public const string MinimumReminderPeriodKey = "FollowUp:Test:MinimumReminderPeriodSeconds";
    /// <summary>Test-only key: Orleans reads its reminder table every this many seconds (5 minutes by default) and loads the
    /// reminders due within twice that.</summary>
    public const string ReminderRefreshKey = "FollowUp:Test:ReminderRefreshSeconds";

    public void Configure(ISiloBuilder silo)
    {
        var config = silo.Configuration;
        silo.AddFollowUpSilo(config, forTestCluster: true);
        var database = DatabaseOptions.Read(config);
        var cs = database.Budget.Pooled(database.ConnectionString, database.Budget.OrleansPoolSize);
        silo.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = cs; });
        if (config[MinimumReminderPeriodKey] is { } seconds)
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(int.Parse(seconds)));
        if (config[ReminderRefreshKey] is { } refresh)
            silo.Configure<ReminderOptions>(o =>
            {
                o.RefreshReminderListPeriod = TimeSpan.FromSeconds(int.Parse(refresh));
                o.ReminderLoadingWindow = 2 * o.RefreshReminderListPeriod;
            });
    }

    public void Configure(IConfiguration config, IClientBuilder client) => client
        .UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString =
                new NpgsqlConnectionStringBuilder(DatabaseOptions.Read(config).ConnectionString) { MaxPoolSize = 2 }.ConnectionString;
        })
        .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1))
        .AddOutgoingGrainCallFilter<TransientFailureRetry>(); // as the web's client
}
