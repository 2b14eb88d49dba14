using Dapper;
using FollowUp.Silo.Protocol;
using FollowUp.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;

namespace FollowUp.Tests.Faults;

/// <summary>Issue 13: a silo killed just before the SMS hour, while it hosts persons whose J2 SMS is due then (and maybe
/// wake shards). Their wake shards (<see cref="Silo.Grains.WakeShardGrain"/>; one lost with the silo is activated again on
/// a survivor by <see cref="Silo.Grains.WakeShardKeeper"/>) find them due and wake them; a wake sent to the killed silo
/// fails and is tried again by a later pass once the silo is declared dead, and the person is activated on a live silo.
/// Every person gets its SMS once, well before its reminder (the safety net, an hour later) or a period would have
/// brought it. (<see cref="Silo.Hosting.ReminderTickRetry"/> does the same for the safety net's ticks.)</summary>
public class ReminderTickRetryTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(5); // PersonGrain's reminder period

    [Fact]
    public async Task Persons_of_a_killed_silo_are_woken_by_their_shards_once_before_the_next_period()
    {
        var now = DateTimeOffset.UtcNow;
        var smsAt = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(4);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(smsAt, Zones.Paris).DateTime);
        var settings = new Dictionary<string, string?>
        {
            ["FollowUp:Simulation:Enabled"] = "false",
            ["FollowUp:Protocol:SmsTime"] = TimeZoneInfo.ConvertTime(smsAt, Zones.Paris).ToString("HH:mm"),
            ["FollowUp:Protocol:SmsLatest"] = "23:59",
            ["FollowUp:Protocol:SmsDays"] = "Mon,Tue,Wed,Thu,Fri,Sat,Sun",
            ["FollowUp:Protocol:SmsOnHolidays"] = "true",
        };
        var (cluster, cs) = await ClusterFixture.StartAsync("tickretry", 2, settings);
        await using var _ = cluster;
        await using var doomed = await SiloProcess.StartAsync(new Dictionary<string, string?>(settings)
        {
            ["FollowUp:Cluster:ClusterId"] = "tickretry",
            ["FollowUp:Database:ConnectionString"] = cs,
        });
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        SiloAddress? address = null;
        for (var until = DateTime.UtcNow.AddMinutes(2); address is null && DateTime.UtcNow < until; await Task.Delay(500))
            address = (await management.GetHosts(onlyActive: true)).Keys.FirstOrDefault(s => s.Endpoint.Port == doomed.Port);
        Assert.NotNull(address);

        // Persons whose J2 SMS is due at the SMS hour, kept active (idle persons are collected) until just before it.
        var ids = Enumerable.Range(0, 240).Select(i => PersonIds.FromExternalId($"tick-{i}")).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Length), async (i, _) =>
            await cluster.Client.GetGrain<IPersonGrain>(ids[i]).Include(Inclusions.Contact($"tick-{i}", today.AddDays(-2))));
        Assert.True(DateTimeOffset.UtcNow < smsAt.AddSeconds(-10), "the cluster took too long to start: the SMS hour has come");
        while (DateTimeOffset.UtcNow < smsAt.AddSeconds(-4))
        {
            await Parallel.ForEachAsync(ids, async (id, _) => await cluster.Client.GetGrain<IPersonGrain>(id).Get());
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, Math.Max(0, (smsAt.AddSeconds(-4) - DateTimeOffset.UtcNow).TotalSeconds))));
        }
        var onDoomed = (await management.GetDetailedGrainStatistics(hostsIds: [address!]))
            .Select(s => s.GrainId).Where(g => g.Type.ToString() == "person").Select(g => g.GetGuidKey()).ToHashSet();
        var wait = smsAt.AddSeconds(-2) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        doomed.Kill(); // its persons' wakes at the SMS hour find no silo until it is declared dead

        var lost = ids.Where(onDoomed.Contains).ToList();
        Assert.NotEmpty(lost);
        var expected = ids.Select(id => id.ToString("N")).ToArray();
        await using var conn = new NpgsqlConnection(cs);
        List<(string Id, int N)> sent = [];
        while (DateTimeOffset.UtcNow < smsAt + Period - TimeSpan.FromSeconds(30)) // before the next period's tick
        {
            sent = (await conn.QueryAsync<(string, int)>("SELECT substr(message_id, 1, 32), count(*)::int FROM fake_sms " +
                "WHERE substr(message_id, 1, 32) = ANY(@expected) GROUP BY 1", new { expected })).ToList();
            if (sent.Count == expected.Length) break;
            await Task.Delay(1000);
        }
        var missing = lost.Select(id => id.ToString("N")).Except(sent.Select(s => s.Id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of the {lost.Count} persons on the killed silo not woken before the next period");
        Assert.Equal(expected.Length, sent.Count); // every person: its SMS
        Assert.All(sent, s => Assert.Equal(1, s.N)); // once
    }
}
