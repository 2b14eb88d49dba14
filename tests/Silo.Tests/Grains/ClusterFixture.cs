using FollowUp.Silo;
using FollowUp.Silo.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace FollowUp.Tests.Grains;

/// <summary>
/// An Orleans test cluster wired like production for storage and reminders (ADO.NET on a fresh PostgreSQL
/// database), in simulation mode so tests move the virtual clock. Membership and transport are the TestingHost's own
/// (in-process); clustering on PostgreSQL is exercised by the run.sh processes and benchmarks.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero); // Monday 09:00 Paris
    public string ConnectionString { get; private set; } = "";
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync() =>
        (Cluster, ConnectionString) = await StartAsync("silo", 1, silo => silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)));

    /// <summary>A test cluster of <paramref name="silos"/> silos on a fresh database, configured by <see cref="SiloHosting"/>.</summary>
    public static async Task<(InProcessTestCluster, string)> StartAsync(string prefix, short silos, Action<ISiloBuilder>? configure = null,
        IDictionary<string, string?>? settings = null)
    {
        var cs = TestDatabase.Create(prefix);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FollowUp:Database:ConnectionString"] = cs,
            ["FollowUp:Simulation:Enabled"] = "true",
            ["FollowUp:Simulation:Start"] = Start.ToString("O"),
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ClusterId = prefix;
        builder.Options.ServiceId = "followup";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddFollowUpSilo(config, forTestCluster: true);
            configure?.Invoke(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return (cluster, cs);
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
