using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace FollowUp.Tests.Grains;

/// <summary>Work assignment through OperatorGrain and PersonGrain on the shared test cluster; each test has its own departments.</summary>
[Collection(ClusterCollection.Name)]
public class OperatorGrainTests(ClusterFixture fx)
{
    private async Task<DateOnly> TodayAsync() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(await fx.Client.GetGrain<ISimulationGrain>(0).Now(), Zones.Paris).DateTime);

    /// <summary>Persons on landlines (no SMS) whose J2 was yesterday: their call is due now.</summary>
    private async Task<Guid[]> DueNowAsync(string prefix, int count, string department)
    {
        var inclusion = (await TodayAsync()).AddDays(-3);
        var ids = new Guid[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            ids[i] = PersonIds.FromExternalId($"{prefix}-{i}");
            await fx.Client.GetGrain<IPersonGrain>(ids[i]).Include(Inclusions.Contact($"{prefix}-{i}", inclusion, department).OnLandline());
        });
        return ids;
    }

    private async Task OperatorsAsync(string department, IEnumerable<string> operators)
    {
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        foreach (var op in operators)
            await conn.ExecuteAsync("INSERT INTO users (user_name, display_name, role, password_hash, departments) VALUES (@op, @op, 'Operator', " +
                "'x', @deps) ON CONFLICT DO NOTHING",
                new { op, deps = new[] { department } });
    }

    [Fact]
    public async Task Concurrent_next_never_gives_the_same_person_to_two_operators()
    {
        const int persons = 150, operators = 1000;
        var ids = await DueNowAsync("conc", persons, "conc");
        var ops = Enumerable.Range(0, operators).Select(i => $"conc-op-{i}").ToArray();
        await OperatorsAsync("conc", ops);

        var claims = new ConcurrentBag<(string Op, ClaimedCall Call)>();
        await Parallel.ForEachAsync(ops, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (op, _) =>
        {
            if (await fx.Client.GetGrain<IOperatorGrain>(op).Next() is { } call) claims.Add((op, call));
        });
        Assert.Equal(persons, claims.Count);
        Assert.Equal(persons, claims.Select(c => c.Call.PersonId).Distinct().Count());
        Assert.Empty(claims.Select(c => c.Call.PersonId).Except(ids));
        foreach (var (op, call) in claims.Take(20)) // the person agrees: the claim is that operator's
            Assert.Equal(CallActionStatus.Ok, (await fx.Client.GetGrain<IPersonGrain>(call.PersonId).StartCall(call.CallId, op)).Status);
    }

    [Fact]
    public async Task A_department_changed_by_an_admin_applies_from_the_operators_next_ask()
    {
        var ids = await DueNowAsync("deptchg", 1, "deptchg-b");
        await OperatorsAsync("deptchg-a", ["deptchg-op"]);
        var op = fx.Client.GetGrain<IOperatorGrain>("deptchg-op");
        Assert.Null(await op.Next()); // its department has nothing due
        await using (var conn = new NpgsqlConnection(fx.ConnectionString)) // what Admin › Comptes writes
            await conn.ExecuteAsync("UPDATE users SET departments = @deps WHERE user_name = 'deptchg-op'", new { deps = new[] { "deptchg-b" } });
        Assert.Equal(ids[0], (await op.Next())?.PersonId); // the same activation: nothing of the old departments kept
    }

    [Fact]
    public async Task Next_is_idempotent_and_an_outcome_frees_the_operator()
    {
        var ids = await DueNowAsync("idem", 2, "idem");
        await OperatorsAsync("idem", ["idem-op"]);
        var op = fx.Client.GetGrain<IOperatorGrain>("idem-op");
        var first = await op.Next();
        Assert.NotNull(first);
        Assert.Equal(first, await op.Next()); // pressing twice does not take a second person
        var person = fx.Client.GetGrain<IPersonGrain>(first!.PersonId);
        Assert.Equal(CallActionStatus.Ok, (await person.StartCall(first.CallId, null)).Status);
        Assert.Equal(OperatorStatus.OnCall, (await op.Get()).Status);
        Assert.Equal(CallActionStatus.Ok, (await person.RecordOutcome(first.CallId, null,
            new OutcomeRequest(CallOutcome.NoAnswer, null, Answers.Empty, null))).Status);
        Assert.Equal(CallActionStatus.Conflict, (await person.RecordOutcome(first.CallId, null,
            new OutcomeRequest(CallOutcome.Reached, null, Answers.Empty, null))).Status);
        var view = await op.Get();
        Assert.Equal((OperatorStatus.WrapUp, 1, (ClaimedCall?)null), (view.Status, view.CallsToday, view.CurrentCall));
        var second = await op.Next();
        Assert.NotNull(second);
        Assert.NotEqual(first.PersonId, second!.PersonId); // the first person's retry is 2 h later
        Assert.Contains(second.PersonId, ids);
    }

    [Fact]
    public async Task An_expired_lease_returns_the_call_to_the_queue_and_the_late_outcome_is_refused()
    {
        await DueNowAsync("lease", 1, "lease");
        await OperatorsAsync("lease", ["lease-a", "lease-b"]);
        var a = await fx.Client.GetGrain<IOperatorGrain>("lease-a").Next();
        Assert.NotNull(a);
        Assert.Null(await fx.Client.GetGrain<IOperatorGrain>("lease-b").Next());
        await fx.AdvanceTo(a!.LeaseUntil.AddMinutes(1));
        var b = await fx.Client.GetGrain<IOperatorGrain>("lease-b").Next();
        Assert.Equal(a.PersonId, b?.PersonId);
        var late = await fx.Client.GetGrain<IPersonGrain>(a.PersonId)
            .RecordOutcome(a.CallId, "lease-a", new OutcomeRequest(CallOutcome.Reached, null, Answers.Empty, null));
        Assert.Equal(CallActionStatus.Expired, late.Status);
    }

    [Fact]
    public async Task Signing_out_gives_the_call_back_at_once()
    {
        await DueNowAsync("out", 1, "out");
        await OperatorsAsync("out", ["out-a", "out-b"]);
        var a = await fx.Client.GetGrain<IOperatorGrain>("out-a").Next();
        await fx.Client.GetGrain<IOperatorGrain>("out-a").SignOut();
        Assert.Equal(a!.PersonId, (await fx.Client.GetGrain<IOperatorGrain>("out-b").Next())?.PersonId);
    }

    [Fact]
    public async Task A_claim_lost_by_a_dying_operator_grain_comes_back_to_that_operator_and_to_no_one_else()
    {
        var ids = await DueNowAsync("lost", 2, "lost");
        await OperatorsAsync("lost", ["lost-op", "lost-other"]);
        // What an OperatorGrain killed between the person's claim and its own write leaves: the person claimed for
        // that operator (and the index reserved), but no call in the operator's state.
        var person = fx.Client.GetGrain<IPersonGrain>(ids[0]);
        var orphan = await person.ClaimCall("lost-op", TimeSpan.FromMinutes(20));
        Assert.NotNull(orphan);
        Assert.Null((await fx.Client.GetGrain<IOperatorGrain>("lost-op").Get()).CurrentCall);

        Assert.Equal(ids[1], (await fx.Client.GetGrain<IOperatorGrain>("lost-other").Next())?.PersonId); // never the claimed person
        var back = await fx.Client.GetGrain<IOperatorGrain>("lost-op").Next();
        Assert.Equal(ids[0], back?.PersonId); // at once, not after the lease
        Assert.NotEqual(CallActionStatus.Ok, (await person.StartCall(orphan!.CallId, "lost-op")).Status); // the lost call id is void
        Assert.Equal(CallActionStatus.Ok, (await person.StartCall(back!.CallId, "lost-op")).Status);
    }
}
