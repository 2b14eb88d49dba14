using System.Collections.Concurrent;
using Dapper;
using Npgsql;
using Orleans.Runtime;

namespace FollowUp.Tests.Faults;

/// <summary>Issue 13: a silo killed with <c>kill -9</c> (a process of its own, hosting operators and persons, and a
/// gateway of the client) while operators take and complete calls and readers read: no call fails — calls lost with it
/// are sent again (<see cref="SafeToRepeatAttribute"/> methods after their 10 s timeout, others when rejected) until it is
/// declared dead and its grains are activated elsewhere; every acknowledged outcome is recorded once, no person is in two
/// operators' hands.</summary>
[Collection(LiveClusterCollection.Name)]
public class SiloKillTests(LiveClusterFixture fx)
{
    [Fact]
    public async Task A_silo_killed_under_load_costs_a_wait_not_a_failed_call()
    {
        var cluster = fx.Cluster;
        await using var doomed = await SiloProcess.StartAsync(fx.SiloSettings);
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        SiloAddress? address = null;
        for (var until = DateTime.UtcNow.AddMinutes(2); address is null && DateTime.UtcNow < until; await Task.Delay(500))
            address = (await management.GetHosts(onlyActive: true)).Keys.FirstOrDefault(s => s.Endpoint.Port == doomed.Port);
        Assert.NotNull(address);

        const int persons = 150, operators = 16, readers = 4;
        await Parallel.ForEachAsync(Enumerable.Range(0, persons), async (i, _) =>
            await fx.IncludeAsync($"kill-{i}", mobile: false, daysAgo: 3)); // calls due now
        var ops = Enumerable.Range(0, operators).Select(i => $"kill-op-{i}").ToArray();
        await using (var conn = new NpgsqlConnection(fx.ConnectionString))
            foreach (var op in ops) await conn.ExecuteAsync("INSERT INTO users (user_name, display_name, role, password_hash) VALUES (@op, @op, " +
                "'Operator', 'x') ON CONFLICT DO NOTHING", new { op });

        var failures = new ConcurrentQueue<string>();
        var outcomes = new ConcurrentBag<(Guid Person, string CallId, string Op)>();
        var repeated = new ConcurrentBag<(Guid Person, string CallId, string Op)>(); // answered "already recorded": a lost answer sent again
        var holder = new ConcurrentDictionary<Guid, string>();
        var doubles = new ConcurrentBag<string>();
        var callsAfterKill = 0;
        var killed = false;
        using var stop = new CancellationTokenSource();
        async Task Call(Func<Task> call)
        {
            try
            {
                await call();
                if (Volatile.Read(ref killed)) Interlocked.Increment(ref callsAfterKill);
            }
            catch (Exception ex) { failures.Enqueue(ex.GetType().Name + ": " + ex.Message + " at " + ex.StackTrace?.Split('\n')[0].Trim()); }
        }
        var operating = ops.Select(op => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                ClaimedCall? call = null;
                await Call(async () => call = await cluster.Client.GetGrain<IOperatorGrain>(op).Next());
                if (call is null) { await Task.Delay(50); continue; }
                if (holder.GetOrAdd(call.PersonId, op) != op) doubles.Add($"{call.PersonId}: {op} and {holder[call.PersonId]}");
                await Call(async () =>
                {
                    var result = await cluster.Client.GetGrain<IPersonGrain>(call.PersonId).RecordOutcome(call.CallId, op,
                        new OutcomeRequest(CallOutcome.NoAnswer, null, Answers.Empty, null));
                    holder.TryRemove(new KeyValuePair<Guid, string>(call.PersonId, op));
                    if (result.Status == CallActionStatus.Ok) outcomes.Add((call.PersonId, call.CallId, op));
                    else if (result.Status == CallActionStatus.Conflict) repeated.Add((call.PersonId, call.CallId, op));
                    else failures.Enqueue($"outcome {result.Status}: {result.Message}");
                });
            }
        })).ToList();
        var reading = Enumerable.Range(0, readers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Call(() => cluster.Client.GetGrain<IPersonGrain>(PersonIds.FromExternalId($"kill-{Random.Shared.Next(persons)}")).Get());
                await Call(() => cluster.Client.GetGrain<IOperatorGrain>(ops[Random.Shared.Next(operators)]).Get());
            }
        })).ToList();

        // Kill it once it hosts some of the grains being called (a wait, not a speed check).
        var hosted = 0;
        for (var until = DateTime.UtcNow.AddMinutes(1); hosted == 0 && DateTime.UtcNow < until; await Task.Delay(500))
            hosted = (await management.GetDetailedGrainStatistics(hostsIds: [address])).Count(s =>
                s.GrainType.Contains("PersonGrain", StringComparison.Ordinal) || s.GrainType.Contains("OperatorGrain", StringComparison.Ordinal));
        doomed.Kill();
        Volatile.Write(ref killed, true);
        // Until the other silos have voted it dead, then a few seconds more of calls to the grains it hosted.
        await using (var conn = new NpgsqlConnection(fx.ConnectionString))
            for (var until = DateTime.UtcNow.AddMinutes(3); DateTime.UtcNow < until; await Task.Delay(500))
                if (await conn.ExecuteScalarAsync<int?>("SELECT status FROM orleansmembershiptable WHERE deploymentid = 'live' AND port = @port " +
                    "AND generation = @generation", new { port = doomed.Port, generation = address!.Generation }) == (int)SiloStatus.Dead) break;
        await Task.Delay(5000);
        stop.Cancel();
        await Task.WhenAll(operating.Concat(reading));

        Assert.True(hosted > 0, "the killed silo hosted none of the grains called");
        Assert.True(failures.IsEmpty, $"{failures.Count} failed calls: {string.Join(" | ", failures.Distinct().Take(5))}");
        Assert.Empty(doubles);
        Assert.True(callsAfterKill > 0);
        Assert.NotEmpty(outcomes);
        await using var db = new NpgsqlConnection(fx.ConnectionString);
        foreach (var (person, callId, op) in outcomes.Concat(repeated)) // acknowledged or already recorded: in the record, once
        {
            var view = (await cluster.Client.GetGrain<IPersonGrain>(person).Get())!;
            Assert.Contains(view.Milestones.SelectMany(m => m.Call.Attempts), a => a.OperatorId == op && a.Outcome == CallOutcome.NoAnswer);
        }
        var called = outcomes.Concat(repeated).Select(o => o.Person).ToList();
        Assert.Equal(called.Count, called.Distinct().Count()); // one call per person here (the retry after no answer is hours later)
        var perPerson = await db.QueryAsync<(Guid Person, int N)>("SELECT person_id, count(*)::int FROM person_events " +
            "WHERE event = 'callOutcome' AND person_id = ANY(@ids) GROUP BY 1", new { ids = called.ToArray() });
        Assert.Equal(called.Count, perPerson.Count());
        Assert.All(perPerson, p => Assert.Equal(1, p.N)); // each outcome recorded once, a repeated one included
    }
}
