using Dapper;
using Npgsql;

namespace FollowUp.Tests.Grains;

/// <summary>
/// A delivery report appends its event to person_events without writing the person's state (one write per SMS fewer in
/// a wave); the state takes it from there when read again, and the events that follow keep their places: none lost,
/// none twice, the stored timeline and person_events the same.
/// </summary>
[Collection(ClusterCollection.Name)]
public class DeliveryReportEventTests(ClusterFixture fx)
{
    [Fact]
    public async Task A_report_is_durable_as_its_event_and_the_state_read_again_has_it_with_every_later_event_in_place()
    {
        var (id, grain, milestone) = await fx.IncludeUntilJ2SentAsync("report-event-only", "report-event-only");
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        Assert.NotNull(milestone);
        const string State = "SELECT state::text FROM person_states WHERE id = @id";
        var state = await conn.ExecuteScalarAsync<string>(State, new { id });

        await grain.SmsDeliveryReport(milestone, true);

        Assert.Equal(state, await conn.ExecuteScalarAsync<string>(State, new { id })); // the state is not written
        Assert.Equal(1, await CountAsync(conn, id, "smsDelivered")); // its event is, durable
        Assert.Single((await grain.Get())!.Timeline, e => e.Event == "smsDelivered");

        await fx.Cluster.DeactivateAsync(grain);
        var read = (await grain.Get())!; // read again: the state and the events published after it
        Assert.Single(read.Timeline, e => e.Event == "smsDelivered");
        Assert.Equal(await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM person_events WHERE person_id = @id", new { id }),
            read.Timeline.Count);

        await grain.SmsDeliveryReport(milestone, true); // told again: nothing new
        await grain.SetSociallyVulnerable(true, "test"); // a later change: its event after the report's, none lost
        await grain.Wake();
        await fx.Cluster.DeactivateAsync(grain);
        var after = (await grain.Get())!;
        Assert.Single(after.Timeline, e => e.Event == "smsDelivered");
        Assert.Equal(1, await CountAsync(conn, id, "smsDelivered"));
        var published = (await conn.QueryAsync<(int Seq, string Event)>(
            "SELECT seq, event FROM person_events WHERE person_id = @id ORDER BY seq", new { id })).ToList();
        Assert.Equal(Enumerable.Range(0, published.Count), published.Select(e => e.Seq)); // no gap
        Assert.Equal(after.Timeline.Select(e => e.Event), published.Select(e => e.Event)); // the timeline and the events agree
        Assert.True(published.FindLastIndex(e => e.Event == "sociallyVulnerableIdentified") > published.FindIndex(e => e.Event == "smsDelivered"));
        var stored = await conn.ExecuteScalarAsync<string>("SELECT state::text FROM person_states WHERE id = @id", new { id });
        Assert.Contains("\"smsDelivered\"", stored, StringComparison.Ordinal); // the later write carried the report in the state
    }

    private static Task<int> CountAsync(NpgsqlConnection conn, Guid id, string evt) =>
        conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM person_events WHERE person_id = @id AND event = @evt", new { id, evt });
}
