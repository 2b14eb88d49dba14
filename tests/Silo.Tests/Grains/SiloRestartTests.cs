using Dapper;
using FollowUp.Silo;
using FollowUp.Silo.Protocol;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Orleans.TestingHost;

namespace FollowUp.Tests.Grains;

public class SiloRestartTests
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    [Fact]
    public async Task Follow_ups_go_on_after_the_silo_restarts_with_no_sms_lost_or_doubled()
    {
        var (cluster, cs) = await ClusterFixture.StartAsync("restart", 1);
        await using var _cluster = cluster;
        async Task Advance(DateTimeOffset to) { var sim = cluster.Client.GetGrain<ISimulationGrain>(0); while (!await sim.AdvanceStep(to)) { } }

        var ids = Enumerable.Range(0, 10).Select(i => PersonIds.FromExternalId($"restart-{i}")).ToArray();
        for (var i = 0; i < ids.Length; i++)
            await cluster.Client.GetGrain<IPersonGrain>(ids[i]).Include(
                Inclusions.Contact($"restart-{i}", Monday, "83") with { Kind = i % 2 == 0 ? PersonKind.Case : PersonKind.Contact });
        await Advance(At(Monday.AddDays(2), 10));

        await cluster.RestartSiloAsync(cluster.Silos[0]);
        await cluster.WaitForLivenessToStabilizeAsync();

        await Advance(At(Monday.AddDays(2), 14));
        foreach (var id in ids)
        {
            var view = await cluster.Client.GetGrain<IPersonGrain>(id).Get();
            Assert.NotNull(view!.Milestones[0].Call.DueAt); // the SMS wait expired after the restart
        }
        await Advance(At(Monday.AddDays(10), 12));
        await using var conn = new NpgsqlConnection(cs);
        var perPerson = (await conn.QueryAsync<(string Id, int N)>("SELECT substr(message_id, 1, 32), count(*)::int FROM fake_sms GROUP BY 1"))
            .ToList();
        Assert.Equal(ids.Length, perPerson.Count);
        Assert.All(perPerson, p => Assert.Equal(2, p.N)); // J2 and J7/J9, each exactly once
    }
}
