using FollowUp.Silo;
using FollowUp.Silo.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace FollowUp.Tests.Grains;

/// <summary>
/// An Orleans test cluster wired exactly like production (ADO.NET clustering, storage and reminders on a fresh
/// PostgreSQL database), in simulation mode so tests move the virtual clock.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero); // Monday 09:00 Paris
    public string ConnectionString { get; } = TestDatabase.Create("silo");
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    public IConfiguration Configuration => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["FollowUp:Database:ConnectionString"] = ConnectionString,
        ["FollowUp:Simulation:Enabled"] = "true",
        ["FollowUp:Simulation:Start"] = Start.ToString("O"),
        ["FollowUp:Cluster:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
    }).Build();

    public async Task InitializeAsync()
    {
        var config = Configuration;
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ClusterId = config["FollowUp:Cluster:ClusterId"]!;
        builder.Options.ServiceId = "followup";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddFollowUpSilo(config, forTestCluster: true);
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public VirtualClock ClockOf(int silo = 0) => Cluster.GetSiloServiceProvider(Cluster.Silos[silo].SiloAddress).GetRequiredService<VirtualClock>();

    public async Task AdvanceTo(DateTimeOffset to)
    {
        var sim = Client.GetGrain<ISimulationGrain>(0);
        while (!await sim.AdvanceStep(to)) { }
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
