using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace FollowUp.Tests.Faults;

/// <summary>Issue 13: a silo leaving gracefully while operators take and complete calls and inclusions go on loses
/// nothing: every acknowledged inclusion and outcome is durable, no person is ever in two operators' hands, no call fails.</summary>
[Collection(LiveClusterCollection.Name)]
public class GracefulStopTests(LiveClusterFixture fx)
{
    [Fact]
    public async Task A_silo_stopped_gracefully_under_load_loses_nothing()
    {
        var cluster = fx.Cluster;
        var leaving = await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        const int persons = 80, operators = 12;
        await Parallel.ForEachAsync(Enumerable.Range(0, persons), async (i, _) =>
            await fx.IncludeAsync($"stop-{i}", mobile: false, daysAgo: 3)); // calls due now
        var ops = Enumerable.Range(0, operators).Select(i => $"stop-op-{i}").ToArray();
        await using (var conn = new NpgsqlConnection(fx.ConnectionString))
            foreach (var op in ops) await conn.ExecuteAsync("INSERT INTO users (user_name, display_name, role, password_hash) VALUES (@op, @op, " +
                "'Operator', 'x') ON CONFLICT DO NOTHING", new { op });

        var failures = new ConcurrentQueue<string>();
        var included = new ConcurrentBag<string>();
        var outcomes = new ConcurrentBag<(Guid Person, string CallId)>();
        var holder = new ConcurrentDictionary<Guid, string>();
        var doubles = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var operating = ops.Select(op => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var call = await cluster.Client.GetGrain<IOperatorGrain>(op).Next();
                    if (call is null) { await Task.Delay(50); continue; }
                    if (holder.GetOrAdd(call.PersonId, op) != op) doubles.Add($"{call.PersonId}: {op} and {holder[call.PersonId]}");
                    var result = await cluster.Client.GetGrain<IPersonGrain>(call.PersonId).RecordOutcome(call.CallId, op,
                        new OutcomeRequest(Random.Shared.Next(2) == 0 ? CallOutcome.NoAnswer : CallOutcome.Voicemail, null, new Answers(), null));
                    holder.TryRemove(new KeyValuePair<Guid, string>(call.PersonId, op));
                    if (result.Status == CallActionStatus.Ok) outcomes.Add((call.PersonId, call.CallId));
                    else failures.Enqueue($"outcome {result.Status}: {result.Message}");
                }
                catch (Exception ex) { failures.Enqueue(ex.GetType().Name + ": " + ex.Message); }
            }
        })).ToList();
        var including = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var id = $"stop-new-{w}-{n}";
                try { await fx.IncludeAsync(id, mobile: false, daysAgo: 0); included.Add(id); }
                catch (Exception ex) { failures.Enqueue(ex.GetType().Name + ": " + ex.Message); }
            }
        })).ToList();

        await Task.Delay(1000);
        await cluster.StopSiloAsync(leaving);
        await Task.Delay(3000);
        stop.Cancel();
        await Task.WhenAll(operating.Concat(including));

        Assert.True(failures.IsEmpty, $"{failures.Count} failures: {string.Join(" | ", failures.Distinct().Take(5))}");
        Assert.Empty(doubles);
        Assert.NotEmpty(outcomes);
        foreach (var (person, callId) in outcomes) // every acknowledged outcome is in the person's record
        {
            var view = (await cluster.Client.GetGrain<IPersonGrain>(person).Get())!;
            Assert.Contains(view.Milestones.SelectMany(m => m.Call.Attempts), a => a.Outcome is CallOutcome.NoAnswer or CallOutcome.Voicemail);
        }
        await using var db = new NpgsqlConnection(fx.ConnectionString);
        var recorded = await db.ExecuteScalarAsync<int>("SELECT count(*) FROM person_events WHERE event = 'callOutcome' AND person_id = ANY(@ids)",
            new { ids = outcomes.Select(o => o.Person).Distinct().ToArray() });
        Assert.True(recorded >= outcomes.Select(o => o.Person).Distinct().Count());
        foreach (var id in included) Assert.NotNull(await cluster.Client.GetGrain<IPersonGrain>(PersonIds.FromExternalId(id)).Get());
        Assert.Equal(included.Count, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM persons WHERE external_id LIKE 'stop-new-%'"));
    }
}
