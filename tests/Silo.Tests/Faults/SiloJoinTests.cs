using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;

namespace FollowUp.Tests.Faults;

/// <summary>Issue 13: a silo joining a live cluster (PostgreSQL membership) takes new activations and its share of the
/// reminder ring, while clients keep calling, with 0 failed calls; the reminders of its range fire on time.</summary>
[Collection(LiveClusterCollection.Name)]
public class SiloJoinTests(LiveClusterFixture fx)
{
    [Fact]
    public async Task A_silo_joining_under_load_takes_activations_and_reminder_ranges_with_no_failed_call()
    {
        var cluster = fx.Cluster;
        const int before = 120, after = 120;
        // Persons whose J2 SMS is due at today's SMS hour (a minute or two ahead): their reminders are registered now.
        await Parallel.ForEachAsync(Enumerable.Range(0, before), async (i, _) => await fx.IncludeAsync($"join-a-{i}", mobile: true, daysAgo: 2));

        var failures = new ConcurrentQueue<string>();
        var calls = 0;
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    if (n % 4 == 0) await fx.IncludeAsync($"join-load-{w}-{n}", mobile: false, daysAgo: 0);
                    else await cluster.Client.GetGrain<IPersonGrain>(PersonIds.FromExternalId($"join-a-{Random.Shared.Next(before)}")).Get();
                    Interlocked.Increment(ref calls);
                }
                catch (Exception ex) { failures.Enqueue(ex.GetType().Name + ": " + ex.Message); }
            }
        })));

        var joined = await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, after), async (i, _) => await fx.IncludeAsync($"join-b-{i}", mobile: true, daysAgo: 2));
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var onJoined = (await management.GetDetailedGrainStatistics(hostsIds: [joined.SiloAddress]))
            .Count(s => s.GrainType.Contains("PersonGrain", StringComparison.Ordinal));
        var range = RingRangeOf(cluster.GetSiloServiceProvider(joined.SiloAddress));
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        var hashes = await conn.QueryAsync<int>("SELECT grainhash FROM orleansreminderstable WHERE serviceid = 'followup' AND grainid LIKE " +
            "'%person%'");
        var inRange = hashes.Count(h => range.InRange(unchecked((uint)h)));

        // Every reminder fires at the SMS hour, those of the joined silo's range included: each person's J2 SMS exactly once.
        var ids = Enumerable.Range(0, before).Select(i => $"join-a-{i}").Concat(Enumerable.Range(0, after).Select(i => $"join-b-{i}"))
            .Select(x => PersonIds.FromExternalId(x).ToString("N")).ToArray();
        var deadline = fx.SmsAt.AddSeconds(120);
        List<(string Id, int N)> sent = [];
        while (DateTimeOffset.UtcNow < deadline)
        {
            sent = (await conn.QueryAsync<(string,
                int)>("SELECT substr(message_id, 1, 32), count(*)::int FROM fake_sms WHERE substr(message_id, 1, 32) = ANY(@ids) GROUP BY 1",
                new { ids })).ToList();
            if (sent.Count == ids.Length) break;
            await Task.Delay(500);
        }
        stop.Cancel();
        await load;

        Assert.True(failures.IsEmpty, $"{failures.Count} failed calls of {calls}: {string.Join(" | ", failures.Distinct().Take(5))}");
        Assert.True(calls > 0);
        Assert.True(onJoined > 0, "no person activation on the joined silo");
        Assert.True(inRange > 0, "the joined silo's reminder range holds no person reminder");
        Assert.Equal(ids.Length, sent.Count); // 0 missing
        Assert.All(sent, s => Assert.Equal(1, s.N)); // 0 duplicates
    }

    /// <summary>The ring range a silo's reminder service owns. Orleans keeps its ring provider internal (the range type
    /// is public): read through reflection, in this test only.</summary>
    private static IRingRange RingRangeOf(IServiceProvider silo)
    {
        var type = Type.GetType("Orleans.Runtime.ConsistentRing.IConsistentRingProvider, Orleans.Runtime", throwOnError: true)!;
        return (IRingRange)type.GetMethod("GetMyRange")!.Invoke(silo.GetRequiredService(type), null)!;
    }
}
