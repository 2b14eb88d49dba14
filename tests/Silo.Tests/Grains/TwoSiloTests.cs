using Dapper;
using FollowUp.Silo;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Orleans.TestingHost;

namespace FollowUp.Tests.Grains;

public class TwoSiloTests
{
    [Fact]
    public async Task Grains_answer_from_the_surviving_silo_with_their_persisted_state()
    {
        var (cluster, cs) = await ClusterFixture.StartAsync("silo2", 2);
        await using var _cluster = cluster;

        var ids = Enumerable.Range(0, 12).Select(i => PersonIds.FromExternalId($"two-{i}")).ToArray();
        for (var i = 0; i < ids.Length; i++)
            await cluster.Client.GetGrain<IPersonGrain>(ids[i]).Include(
                Inclusions.Case($"two-{i}", new DateOnly(2026, 11, 23), "06") with { SociallyVulnerable = i % 2 == 0 });
        var hosts = cluster.Silos.Select(s => s.SiloAddress).ToList();
        Assert.Equal(2, hosts.Count);
        await using (var conn = new NpgsqlConnection(cs)) // the cluster formed through PostgreSQL's membership table
            Assert.Equal(2,
                await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = 'silo2' AND status = 3"));

        await cluster.StopSiloAsync(cluster.Silos[1]);
        for (var i = 0; i < ids.Length; i++)
        {
            var view = await cluster.Client.GetGrain<IPersonGrain>(ids[i]).Get();
            Assert.NotNull(view);
            Assert.Equal(i % 2 == 0, view!.SociallyVulnerable);
        }
    }
}
