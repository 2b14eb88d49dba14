using Dapper;
using FollowUp.Silo.Grains;
using FollowUp.Silo.Infrastructure;
using FollowUp.Silo.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FollowUp.Tests.Grains;

/// <summary>
/// An import batch writes its new persons whose first wake is far (or who have none) itself, without activating their
/// grains (<c>NewPersonInclusion</c>): state, index row, due calls, events and reminder row in the group commit; the person's
/// grain comes up at its first wake from that state and does what is due, once. A grain already active for a person
/// found nowhere reads the state again rather than answering from its empty memory.
/// </summary>
[Collection(ClusterCollection.Name)]
public class DirectInclusionTests(ClusterFixture fx)
{
    /// <summary>Today on the cluster's virtual clock (other tests of the collection move it).</summary>
    private DateOnly Today => ParisTime.DayOf(fx.ClockOf().GetUtcNow());

    private async Task<HashSet<Guid>> ActivePersonsAsync()
    {
        var management = fx.Client.GetGrain<IManagementGrain>(0);
        return [.. (await management.GetDetailedGrainStatistics()).Select(s => s.GrainId).Where(g => g.Type.ToString() == "person")
            .Select(g => g.GetGuidKey())];
    }

    [Fact]
    public async Task New_persons_due_in_two_days_are_written_without_activating_their_grains_and_woken_from_that_state()
    {
        var today = Today;
        var requests = Enumerable.Range(0, 20).Select(i => Inclusions.Contact($"direct-{i}", today, "49")).ToList();
        var ids = requests.Select(r => PersonIds.FromExternalId(r.ExternalId)).ToArray();

        var results = await fx.Client.GetGrain<IInclusionBatchGrain>(0).Include(requests);

        Assert.All(results, r => Assert.True(r.Created && r.Error is null));
        Assert.Empty((await ActivePersonsAsync()).Intersect(ids));
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        Assert.Equal(20, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM person_states WHERE id = ANY(@ids)", new { ids }));
        Assert.Equal(20, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM persons WHERE id = ANY(@ids) AND next_wake_at = @at",
            new { ids, at = (ParisTime.At(today.AddDays(2), 9) - ProtocolSettings.ProductionPrepareAhead).UtcDateTime })); // recorded ahead
        Assert.Equal(20, await conn.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM person_events WHERE person_id = ANY(@ids) AND event = 'included'", new { ids }));
        var keys = ids.Select(id => $"%{id:N}%").ToArray();
        Assert.Equal(20, await conn.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM orleansreminderstable WHERE grainid LIKE ANY(@keys) AND remindername = 'wake'", new { keys }));
        var view = await fx.Client.GetGrain<IPersonGrain>(ids[0]).Get(); // activated now, from the written state
        Assert.Equal("direct-0", view!.ExternalId);

        Assert.All(await fx.Client.GetGrain<IInclusionBatchGrain>(0).Include(requests), r => Assert.False(r.Created)); // sent again

        await fx.AdvanceTo(ParisTime.At(today.AddDays(2), 10)); // J2: each person's first wake sends its SMS, once
        Assert.Equal(20, await conn.ExecuteScalarAsync<int>(
            "SELECT count(DISTINCT substr(message_id, 1, 32))::int FROM fake_sms WHERE substr(message_id, 1, 32) = ANY(@keys)",
            new { keys = ids.Select(id => id.ToString("N")).ToArray() }));
        Assert.Equal(20, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM fake_sms WHERE substr(message_id, 1, 32) = ANY(@keys)",
            new { keys = ids.Select(id => id.ToString("N")).ToArray() }));
    }

    [Fact]
    public async Task A_person_on_a_landline_is_written_with_its_due_calls_and_no_reminder()
    {
        var request = Inclusions.Contact("direct-landline", Today, "49").OnLandline();
        var id = PersonIds.FromExternalId(request.ExternalId);

        Assert.True((await fx.Client.GetGrain<IInclusionBatchGrain>(0).Include([request]))[0].Created);

        Assert.DoesNotContain(id, await ActivePersonsAsync());
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        Assert.Equal(new[] { "J2", "J7" }, (await conn.QueryAsync<string>(
            "SELECT milestone FROM due_calls WHERE person_id = @id ORDER BY due_at", new { id })).ToArray());
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM orleansreminderstable WHERE grainid LIKE @key",
            new { key = $"%{id:N}%" }));
    }

    [Fact]
    public async Task A_grain_active_for_a_person_found_nowhere_sees_the_person_the_batch_then_includes()
    {
        var request = Inclusions.Contact("direct-stale", Today, "49");
        var grain = fx.Client.GetGrain<IPersonGrain>(PersonIds.FromExternalId(request.ExternalId));
        Assert.Null(await grain.Get()); // activated, nothing stored

        Assert.True((await fx.Client.GetGrain<IInclusionBatchGrain>(0).Include([request]))[0].Created);

        Assert.Equal("direct-stale", (await grain.Get())!.ExternalId);
        Assert.False((await grain.Include(request)).Created);
    }

    [Fact]
    public async Task A_person_stored_between_the_batch_check_and_its_write_gets_nothing_of_the_batch_written()
    {
        var services = fx.Cluster.GetSiloServiceProvider(fx.Cluster.Silos[0].SiloAddress);
        var request = Inclusions.Contact("direct-race", Today, "49");
        var id = PersonIds.FromExternalId(request.ExternalId);
        var grain = fx.Client.GetGrain<IPersonGrain>(id);
        var prepared = NewPersonInclusion.Prepare(id, grain.GetGrainId(), request with { FirstName = "Autre", SociallyVulnerable = true },
            fx.ClockOf().GetUtcNow(), services.GetRequiredService<ProtocolSettings>(), services.GetRequiredService<ReminderRows>());
        Assert.NotNull(prepared);
        Assert.True((await grain.Include(request)).Created); // the API included it meanwhile

        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            services.GetRequiredService<GroupCommit>().ExecuteAsync(prepared!.Commands(services.GetRequiredService<ReminderRows>())));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        Assert.Equal("Jeanne", await conn.ExecuteScalarAsync<string>("SELECT first_name FROM persons WHERE id = @id", new { id }));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>( // the refused inclusion's extra event (socially vulnerable) is not there
            "SELECT count(*)::int FROM person_events WHERE person_id = @id AND event = @e",
            new { id, e = TimelineEvents.SociallyVulnerableIdentified }));
        Assert.Equal("Jeanne", (await grain.Get())!.FirstName);
    }

    [Fact]
    public async Task A_batch_whose_new_persons_go_together_is_refused_whole_when_one_was_stored_in_between()
    {
        var services = fx.Cluster.GetSiloServiceProvider(fx.Cluster.Silos[0].SiloAddress);
        var rows = services.GetRequiredService<ReminderRows>();
        var requests = Enumerable.Range(0, 3).Select(i => Inclusions.Contact($"direct-together-{i}", Today, "49")).ToList();
        var prepared = requests.Select(r => NewPersonInclusion.Prepare(PersonIds.FromExternalId(r.ExternalId),
            fx.Client.GetGrain<IPersonGrain>(PersonIds.FromExternalId(r.ExternalId)).GetGrainId(), r, fx.ClockOf().GetUtcNow(),
            services.GetRequiredService<ProtocolSettings>(), rows)!).ToList();
        await fx.Client.GetGrain<IPersonGrain>(prepared[1].Id).Include(requests[1]); // stored meanwhile

        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            services.GetRequiredService<GroupCommit>().ExecuteAsync(NewPersonInclusion.Together(prepared, rows)));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, refused.SqlState);
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        var ids = new[] { prepared[0].Id, prepared[2].Id };
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM persons WHERE id = ANY(@ids)", new { ids }));
        var results = await fx.Client.GetGrain<IInclusionBatchGrain>(0).Include(requests); // the batch then includes the two others
        Assert.Equal(new[] { true, false, true }, results.Select(r => r.Created));
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM person_states WHERE id = ANY(@ids)", new { ids }));
    }
}
