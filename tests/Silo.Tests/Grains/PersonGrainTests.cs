using Dapper;
using FollowUp.Silo.Protocol;
using Npgsql;

namespace FollowUp.Tests.Grains;

[Collection(ClusterCollection.Name)]
public class PersonGrainTests(ClusterFixture fx)
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private static InclusionRequest Contact(string externalId, bool vulnerable = false) =>
        new(externalId, PersonKind.Contact, "Jeanne", "Martin", "+33612345678", new DateOnly(1980, 5, 4), "13", Monday, vulnerable, "fr", true,
            Actors.System);

    private async Task<int> SmsCount(Guid personId)
    {
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        return await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM fake_sms WHERE message_id LIKE @p", new { p = $"{personId:N}-%" });
    }

    [Fact]
    public async Task Include_is_idempotent_by_external_id()
    {
        var id = PersonIds.FromExternalId("grain-idem");
        var grain = fx.Client.GetGrain<IPersonGrain>(id);
        Assert.True((await grain.Include(Contact("grain-idem"))).Created);
        Assert.False((await grain.Include(Contact("grain-idem"))).Created);
        var view = await grain.Get();
        Assert.Equal(["J2", "J7"], view!.Milestones.Select(m => m.Id));
        Assert.Single(view.Timeline, e => e.Event == "included");
    }

    [Fact]
    public async Task State_survives_deactivation_through_the_person_states_table()
    {
        var id = PersonIds.FromExternalId("grain-persist");
        await fx.Client.GetGrain<IPersonGrain>(id).Include(Contact("grain-persist", vulnerable: true));
        await fx.Cluster.DeactivateAsync(fx.Client.GetGrain<IPersonGrain>(id));
        var view = await fx.Client.GetGrain<IPersonGrain>(id).Get();
        Assert.True(view!.SociallyVulnerable);
        Assert.Equal(["J2", "J4", "J7"], view.Milestones.Select(m => m.Id));
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        var json = await conn.ExecuteScalarAsync<string>("SELECT state::text FROM person_states WHERE id = @id", new { id });
        Assert.Contains("\"Milestones\"", json); // readable JSON, no CLR type names
        Assert.DoesNotContain("$type", json);
    }

    [Fact]
    public async Task Whole_follow_up_with_a_silo_restart_sends_each_sms_once()
    {
        var id = PersonIds.FromExternalId("grain-whole");
        var grain = fx.Client.GetGrain<IPersonGrain>(id);
        await grain.Include(Contact("grain-whole"));

        await fx.AdvanceTo(At(Monday.AddDays(2), 9));
        Assert.Equal(1, await SmsCount(id));
        var view = await grain.Get();
        Assert.NotNull(view!.Milestones[0].Sms.SentAt);
        Assert.Null(view.Milestones[0].Call.DueAt);

        await fx.AdvanceTo(At(Monday.AddDays(2), 13));
        view = await grain.Get();
        Assert.Equal(At(Monday.AddDays(2), 13), view!.Milestones[0].Call.DueAt);

        // The call: no answer, then the retry is answered.
        var claim = await grain.ClaimCall("op-a", TimeSpan.FromMinutes(20));
        Assert.NotNull(claim);
        Assert.Null(await grain.ClaimCall("op-b", TimeSpan.FromMinutes(20)));
        Assert.Equal(CallActionStatus.Ok, (await grain.StartCall(claim!.CallId, "op-a")).Status);
        Assert.Equal(CallActionStatus.Ok, (await grain.RecordOutcome(claim.CallId, "op-a",
            new OutcomeRequest(CallOutcome.NoAnswer, null, Answers.Empty, null))).Status);
        Assert.Equal(CallActionStatus.Conflict, (await grain.RecordOutcome(claim.CallId, "op-a",
            new OutcomeRequest(CallOutcome.NoAnswer, null, Answers.Empty, null))).Status);

        // Deactivate in the middle (state and reminder come back from PostgreSQL).
        await fx.Cluster.DeactivateAsync(grain);
        await fx.AdvanceTo(At(Monday.AddDays(2), 15, 30));
        claim = await grain.ClaimCall("op-b", TimeSpan.FromMinutes(20));
        Assert.NotNull(claim);
        await grain.RecordOutcome(claim!.CallId, "op-b", new OutcomeRequest(CallOutcome.Reached, null,
            new Answers { Consent = true, RulesReminded = true, Difficulty = Difficulty.None }, null));

        await fx.AdvanceTo(At(Monday.AddDays(7), 10));
        Assert.Equal(2, await SmsCount(id));
        await grain.SubmitQuestionnaire("J7", new Answers { TestResult = TestResult.Negative, Symptoms = false });
        await fx.AdvanceTo(At(Monday.AddDays(12), 10));
        view = await grain.Get();
        Assert.Equal("ended", view!.Status);
        Assert.Equal(EndReason.Completed, view.EndReason);
        Assert.Equal(2, await SmsCount(id));
        Assert.Equal(2, view.Milestones[0].Call.Attempts.Count);
    }

    [Fact]
    public async Task Due_call_index_follows_the_person()
    {
        var id = PersonIds.FromExternalId("grain-index");
        var grain = fx.Client.GetGrain<IPersonGrain>(id);
        await grain.Include(Contact("grain-index") with { PhoneIsMobile = false });
        await fx.AdvanceTo(At(Monday.AddDays(2), 9, 30));
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        Assert.Equal("J2", await conn.ExecuteScalarAsync<string>("SELECT milestone FROM due_calls WHERE person_id = @id", new { id }));
        await grain.End(EndReason.Hospitalised, null, Actors.Staff("sup"));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM due_calls WHERE person_id = @id", new { id }));
        Assert.Equal("ended", await conn.ExecuteScalarAsync<string>("SELECT status FROM persons WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task Concurrent_claims_never_give_the_same_call_twice()
    {
        var ids = Enumerable.Range(0, 20).Select(i => PersonIds.FromExternalId($"grain-claims-{i}")).ToArray();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            await fx.Client.GetGrain<IPersonGrain>(id).Include(Contact($"grain-claims-{i}") with { PhoneIsMobile = false });
        await fx.AdvanceTo(At(Monday.AddDays(2), 10));
        var claims = await Task.WhenAll(Enumerable.Range(0, 400).Select(k =>
            fx.Client.GetGrain<IPersonGrain>(ids[k % ids.Length]).ClaimCall($"op-{k}", TimeSpan.FromMinutes(20))));
        var won = claims.Where(c => c is not null).ToList();
        Assert.Equal(ids.Length, won.Count);
        Assert.Equal(ids.Length, won.Select(c => c!.PersonId).Distinct().Count());
    }
}
