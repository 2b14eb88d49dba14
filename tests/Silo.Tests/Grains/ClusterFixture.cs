using Dapper;
using FollowUp.Silo;
using FollowUp.Silo.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace FollowUp.Tests.Grains;

/// <summary>
/// An Orleans test cluster wired like production: membership, storage and reminders on ADO.NET against a fresh
/// PostgreSQL database (silos join, are declared dead and find each other through the membership table; the client
/// finds its gateways there), silos and client talking TCP on loopback, in simulation mode so tests move the virtual
/// clock. Every silo is configured by <see cref="SiloHosting"/> (see <see cref="PostgresSiloConfigurator"/>).
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    /// <summary>The cluster's id and its database's prefix.</summary>
    protected virtual string Prefix => "silo";

    public static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero); // Monday 09:00 Paris
    public string ConnectionString { get; private set; } = "";
    public TestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync() =>
        (Cluster, ConnectionString) = await StartAsync(Prefix, 1, new Dictionary<string,
            string?>
        { [PostgresSiloConfigurator.MinimumReminderPeriodKey] = "1" });

    /// <summary>A test cluster of <paramref name="silos"/> silos on a fresh database, configured by <see cref="SiloHosting"/>
    /// with <paramref name="settings"/> added to the configuration.</summary>
    public static async Task<(TestCluster, string)> StartAsync(string prefix, short silos, IDictionary<string, string?>? settings = null)
    {
        var cs = TestDatabase.Create(prefix);
        var builder = new TestClusterBuilder(silos);
        builder.Options.ClusterId = prefix;
        builder.Options.ServiceId = "followup";
        builder.Options.UseTestClusterMembership = false; // membership in PostgreSQL, as in production
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket; // TCP, as in production (the default is in memory)
        builder.Properties["FollowUp:Cluster:ClusterId"] = prefix; // SiloHosting sets the cluster id from configuration
        builder.Properties["FollowUp:Database:ConnectionString"] = cs;
        builder.Properties["FollowUp:Simulation:Enabled"] = "true";
        builder.Properties["FollowUp:Simulation:Start"] = Start.ToString("O");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            if (value is not null) builder.Properties[key] = value;
        builder.AddSiloBuilderConfigurator<PostgresSiloConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresSiloConfigurator>();
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

    /// <summary>Includes a contact whose J2 is today and advances the simulated clock an hour at a time until its J2 SMS is
    /// recorded (at most two days); answers its grain and that SMS's milestone, null when none left.</summary>
    public async Task<(Guid Id, IPersonGrain Grain, string? Milestone)> IncludeUntilJ2SentAsync(string externalId, string department)
    {
        var sim = Client.GetGrain<ISimulationGrain>(0);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(await sim.Now(), Zones.Paris).DateTime);
        var id = PersonIds.FromExternalId(externalId);
        var grain = Client.GetGrain<IPersonGrain>(id);
        await grain.Include(Inclusions.Contact(externalId, today.AddDays(-2), department));
        await using var conn = new NpgsqlConnection(ConnectionString);
        string? milestone = null;
        for (var step = 0; step < 48 && milestone is null; step++)
        {
            await AdvanceTo((await sim.Now()).AddHours(1));
            milestone = await conn.ExecuteScalarAsync<string?>("SELECT milestone_id FROM sms_messages WHERE person_id = @id", new { id });
        }
        return (id, grain, milestone);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

/// <summary>A cluster of its own for tests that move the virtual clock by days from its start: the tests of
/// <see cref="ClusterCollection"/> that count on the days after Monday 23 stay on their clock.</summary>
public sealed class OwnClockClusterFixture : ClusterFixture
{
    protected override string Prefix => "clock";
}

[CollectionDefinition(Name)]
public sealed class OwnClockCollection : ICollectionFixture<OwnClockClusterFixture>
{
    public const string Name = "own-clock";
}
