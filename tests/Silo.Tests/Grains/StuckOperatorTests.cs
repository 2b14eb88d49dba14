using Dapper;
using FollowUp.Silo;
using FollowUp.Silo.Grains;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;

namespace FollowUp.Tests.Grains;

/// <summary>
/// Issue 13, the chaos run's stuck operators: the person recorded the outcome but the operator's grain missed
/// <c>CallEnded</c> (its write failed while PostgreSQL restarted; reactivated, it read the call in hand back from storage),
/// so <c>next</c> kept giving the closed call and the outcome was refused as already recorded. Reproduced by putting the
/// operator's stored state back as it was before the outcome; the operator's console (or API client) then sends the
/// outcome again, as after a lost answer.
/// </summary>
[Collection(ClusterCollection.Name)]
public class StuckOperatorTests(ClusterFixture fx)
{
    [Fact]
    public async Task An_outcome_sent_again_frees_an_operator_whose_grain_missed_the_end_of_the_call()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(await fx.Client.GetGrain<ISimulationGrain>(0).Now(), Zones.Paris).DateTime);
        var ids = new[] { "stuck-0", "stuck-1" }.Select(PersonIds.FromExternalId).ToArray();
        for (var i = 0; i < ids.Length; i++) // landlines whose J2 was yesterday: calls due now
            await fx.Client.GetGrain<IPersonGrain>(ids[i]).Include(Inclusions.Contact($"stuck-{i}", today.AddDays(-3), "stuck").OnLandline());
        await using (var conn = new NpgsqlConnection(fx.ConnectionString))
            await conn.ExecuteAsync("INSERT INTO users (user_name, display_name, role, password_hash, departments) VALUES ('stuck-op', " +
                "'stuck-op', 'Operator', 'x', @deps) ON CONFLICT DO NOTHING", new { deps = new[] { "stuck" } });
        var op = fx.Client.GetGrain<IOperatorGrain>("stuck-op");
        var storage = fx.Cluster.GetSiloServiceProvider(fx.Cluster.Silos[0].SiloAddress)
            .GetRequiredKeyedService<IGrainStorage>(SiloHosting.StorageName);

        var call = (await op.Next())!;
        var person = fx.Client.GetGrain<IPersonGrain>(call.PersonId);
        Assert.Equal(CallActionStatus.Ok, (await person.StartCall(call.CallId, null)).Status);
        var beforeOutcome = new GrainState<OperatorState>();
        await storage.ReadStateAsync("operator", op.GetGrainId(), beforeOutcome);
        var outcome = new OutcomeRequest(CallOutcome.NoAnswer, null, Answers.Empty, null);
        Assert.Equal(CallActionStatus.Ok, (await person.RecordOutcome(call.CallId, null, outcome)).Status);

        // The operator's grain misses the end of the call: its stored state is the one before the outcome.
        await fx.Cluster.DeactivateAsync(op);
        var stored = new GrainState<OperatorState>();
        await storage.ReadStateAsync("operator", op.GetGrainId(), stored);
        stored.State = beforeOutcome.State;
        await storage.WriteStateAsync("operator", op.GetGrainId(), stored);
        Assert.Equal(call.CallId, (await op.Next())?.CallId); // stuck: "next" gives the closed call
        Assert.Equal(OperatorStatus.OnCall, (await op.Get()).Status);

        // The outcome sent again (its first answer lost): refused as already recorded, and the operator is told the call ended.
        var again = await person.RecordOutcome(call.CallId, null, outcome);
        Assert.Equal(CallActionStatus.Conflict, again.Status);
        var view = await op.Get();
        Assert.Null(view.CurrentCall);
        Assert.Equal(OperatorStatus.WrapUp, view.Status);
        Assert.Equal(1, view.CallsToday);
        var next = await op.Next();
        Assert.NotNull(next);
        Assert.NotEqual(call.PersonId, next!.PersonId); // the other person: the first one's retry is hours later
        Assert.Single((await person.Get())!.Milestones.SelectMany(m => m.Call.Attempts)); // recorded once
        Assert.Equal(CallActionStatus.Conflict, (await person.RecordOutcome(call.CallId, null, outcome)).Status);
        Assert.Equal(1, (await op.Get()).CallsToday); // told again, counted once
    }

    [Fact]
    public async Task The_same_outcome_request_sent_again_is_answered_as_the_first_time_and_recorded_once()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(await fx.Client.GetGrain<ISimulationGrain>(0).Now(), Zones.Paris).DateTime);
        var id = PersonIds.FromExternalId("repeat-0");
        await fx.Client.GetGrain<IPersonGrain>(id).Include(Inclusions.Contact("repeat-0", today.AddDays(-3), "repeat").OnLandline());
        await using (var conn = new NpgsqlConnection(fx.ConnectionString))
            await conn.ExecuteAsync("INSERT INTO users (user_name, display_name, role, password_hash, departments) VALUES ('repeat-op', " +
                "'repeat-op', 'Operator', 'x', @deps) ON CONFLICT DO NOTHING", new { deps = new[] { "repeat" } });
        var op = fx.Client.GetGrain<IOperatorGrain>("repeat-op");
        var call = (await op.Next())!;
        var person = fx.Client.GetGrain<IPersonGrain>(call.PersonId);
        var outcome = new OutcomeRequest(CallOutcome.NoAnswer, null, Answers.Empty, null, RequestId: Guid.NewGuid());

        Assert.Equal(CallActionStatus.Ok, (await person.RecordOutcome(call.CallId, null, outcome)).Status);
        Assert.Equal(CallActionStatus.Ok, (await person.RecordOutcome(call.CallId, null, outcome)).Status); // its answer was lost: sent again
        Assert.Equal(CallActionStatus.Conflict, (await person.RecordOutcome(call.CallId, null,
            outcome with { Outcome = CallOutcome.Reached, RequestId = Guid.NewGuid() })).Status); // another request
        var attempts = (await person.Get())!.Milestones.SelectMany(m => m.Call.Attempts).ToList();
        Assert.Equal(CallOutcome.NoAnswer, Assert.Single(attempts).Outcome);
        var view = await op.Get();
        Assert.Null(view.CurrentCall);
        Assert.Equal(1, view.CallsToday); // told twice, counted once
    }
}
