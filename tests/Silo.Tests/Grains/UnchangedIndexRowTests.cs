using Dapper;
using Npgsql;

namespace FollowUp.Tests.Grains;

/// <summary>
/// A publication whose index row (persons) has not changed since this activation committed it leaves the row out: a
/// delivery report writes its event, not the row again (nor the state). A change of the row is written as before.
/// </summary>
[Collection(ClusterCollection.Name)]
public class UnchangedIndexRowTests(ClusterFixture fx)
{
    [Fact]
    public async Task A_delivery_report_writes_its_event_but_not_the_unchanged_index_row()
    {
        var (id, grain, milestone) = await fx.IncludeUntilJ2SentAsync("unchanged-row", "unchanged-row");
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        Assert.NotNull(milestone);
        await grain.Wake(); // this activation has committed its row
        var before = await SnapshotAsync(conn, id);

        await grain.SmsDeliveryReport(milestone, true);

        var after = await SnapshotAsync(conn, id);
        Assert.Equal(before.RowUpdatedAt, after.RowUpdatedAt); // the row is as it was: not written again
        Assert.Equal(before.State, after.State); // nor the state: the report is its event alone (DeliveryReportEventTests)
        Assert.Equal(before.Delivered + 1, after.Delivered); // its event, durable
        Assert.Contains((await grain.Get())!.Timeline, e => e.Event == "smsDelivered");

        await grain.SetSociallyVulnerable(true, "test"); // the row changes: written
        var changed = await SnapshotAsync(conn, id);
        Assert.NotEqual(after.RowUpdatedAt, changed.RowUpdatedAt);
        Assert.True(await conn.ExecuteScalarAsync<bool>("SELECT socially_vulnerable FROM persons WHERE id = @id", new { id }));
    }

    private static async Task<(DateTime RowUpdatedAt, string? State, int Delivered)> SnapshotAsync(NpgsqlConnection conn, Guid id) => (
        await conn.ExecuteScalarAsync<DateTime>("SELECT updated_at FROM persons WHERE id = @id", new { id }),
        await conn.ExecuteScalarAsync<string>("SELECT state::text FROM person_states WHERE id = @id", new { id }),
        await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM person_events WHERE person_id = @id AND event = 'smsDelivered'", new { id }));
}
