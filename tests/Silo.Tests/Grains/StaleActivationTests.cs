using Dapper;
using Npgsql;

namespace FollowUp.Tests.Grains;

/// <summary>
/// While a silo dies, Orleans may run two activations of a person for a moment; the one writing second holds a stale
/// state. Its write must commit nothing at all (db/0058): before, its state write changed no row but the timeline entries,
/// index row and due calls of the same transaction committed, and its entries took the places in person_events of the
/// entries the winner wrote next (a silo killed under load left outcomes in the state but not in person_events). The lost
/// call is then sent again (<see cref="TransientFailureRetry"/>) to an activation reading the stored state. Here the other
/// activation's write is a version moved in the database under the live activation.
/// </summary>
[Collection(ClusterCollection.Name)]
public class StaleActivationTests(ClusterFixture fx)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(ClusterFixture.Start.UtcDateTime);

    [Fact]
    public async Task A_write_lost_to_another_activation_commits_nothing_and_the_call_is_done_once_over_the_stored_state()
    {
        var request = Inclusions.Contact("stale-write", Today, "48");
        var id = PersonIds.FromExternalId(request.ExternalId);
        var grain = fx.Client.GetGrain<IPersonGrain>(id);
        await grain.Include(request);
        await grain.Get(); // this activation holds the state and its version
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await AnotherActivationWritesAsync(conn, id);

        await grain.SetSociallyVulnerable(true, "test"); // lost, then sent again: no error for the caller

        await AssertTimelineAndEventsAgreeAsync(conn, grain, id, "sociallyVulnerableIdentified");
        Assert.True(await conn.ExecuteScalarAsync<bool>("SELECT socially_vulnerable FROM persons WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task A_delivery_report_told_to_a_stale_activation_is_recorded_once_over_the_stored_state()
    {
        var (id, grain, milestone) = await fx.IncludeUntilJ2SentAsync("stale-report", "stale-report");
        Assert.NotNull(milestone);
        await grain.Get();
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await AnotherActivationWritesAsync(conn, id); // before, the report's entry lost its place to this one, silently

        await grain.SmsDeliveryReport(milestone, true);

        await AssertTimelineAndEventsAgreeAsync(conn, grain, id, "smsDelivered");
    }

    /// <summary>Another activation's write: the version moved and a timeline entry published (a call window set).</summary>
    private static Task AnotherActivationWritesAsync(NpgsqlConnection conn, Guid id) => conn.ExecuteAsync("""
        UPDATE person_states SET version = version + 1 WHERE id = @id;
        INSERT INTO person_events (person_id, seq, at, event, actor, detail)
        SELECT @id, max(seq) + 1, now(), 'callWindowSet', 'staff:other', 'midday' FROM person_events WHERE person_id = @id;
        """, new { id });

    /// <summary>The event is in the timeline once, person_events holds the timeline exactly (no gap, no entry out of place),
    /// read again from storage too.</summary>
    private async Task AssertTimelineAndEventsAgreeAsync(NpgsqlConnection conn, IPersonGrain grain, Guid id, string evt)
    {
        Assert.Single((await grain.Get())!.Timeline, e => e.Event == evt);
        await fx.Cluster.DeactivateAsync(grain);
        var read = (await grain.Get())!;
        var published = (await conn.QueryAsync<(int Seq, string Event)>(
            "SELECT seq, event FROM person_events WHERE person_id = @id ORDER BY seq", new { id })).ToList();
        Assert.Equal(Enumerable.Range(0, published.Count), published.Select(e => e.Seq));
        Assert.Equal(read.Timeline.Select(e => e.Event), published.Select(e => e.Event));
        Assert.Single(published, e => e.Event == evt);
        Assert.Single(published, e => e.Event == TimelineEvents.CallWindowSet); // the other activation's entry kept its place
    }
}
