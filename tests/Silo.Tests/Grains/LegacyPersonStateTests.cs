using Dapper;
using FollowUp.Silo;
using FollowUp.Silo.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;

namespace FollowUp.Tests.Grains;

/// <summary>A person stored before person_states (in Orleans' storage) is read from there, and moves at its next write.</summary>
public sealed class LegacyPersonStateTests
{
    [Fact]
    public async Task A_person_in_Orleans_storage_is_read_from_there_and_moves_to_person_states_at_its_next_write()
    {
        var (cluster, cs) = await ClusterFixture.StartAsync("legacy", 1);
        await using var _ = cluster;
        var sp = cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress);
        var id = PersonIds.FromExternalId("legacy-person");
        var grain = cluster.Client.GetGrain<IPersonGrain>(id);
        var old = new PersonState();
        FollowUpProtocol.Include(old, Inclusions.Contact("legacy-person", new DateOnly(2026, 11, 23), "13"), id, ClusterFixture.Start,
            sp.GetRequiredService<ProtocolSettings>());
        await sp.GetRequiredKeyedService<IGrainStorage>(SiloHosting.StorageName).WriteStateAsync("person", grain.GetGrainId(),
            new GrainState<PersonState>(old));

        var view = await grain.Get();

        Assert.Equal("legacy-person", view!.ExternalId);
        await using var conn = new NpgsqlConnection(cs);
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM person_states")); // a read stays a read
        await grain.SetSociallyVulnerable(true, Actors.System);
        Assert.Contains("legacy-person", await conn.ExecuteScalarAsync<string>("SELECT state::text FROM person_states WHERE id = @id", new { id }));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM orleansstorage WHERE graintypestring = 'person' " +
            "AND payloadbinary IS NOT NULL")); // no copy of its personal data left behind
        await cluster.DeactivateAsync(grain);
        Assert.True((await grain.Get())!.SociallyVulnerable);
    }
}
