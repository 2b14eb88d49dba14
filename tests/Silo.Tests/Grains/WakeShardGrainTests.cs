using Dapper;
using Npgsql;

namespace FollowUp.Tests.Grains;

/// <summary>
/// The wake shards (<see cref="Silo.Grains.WakeShardGrain"/>) wake the persons due, read from the due-time index; the
/// person's reminder is only the safety net, written with its state an hour after its due time.
/// </summary>
[Collection(ClusterCollection.Name)]
public class WakeShardGrainTests(ClusterFixture fx)
{
    [Fact]
    public async Task A_person_due_is_woken_once_by_its_shard_and_its_reminder_is_the_safety_net_an_hour_after_its_next_wake()
    {
        var (id, _, milestone) = await fx.IncludeUntilJ2SentAsync("shard-1", "49");
        Assert.NotNull(milestone);

        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM fake_sms WHERE substr(message_id, 1, 32) = @key",
            new { key = id.ToString("N") }));
        var next = await conn.ExecuteScalarAsync<DateTime>("SELECT next_wake_at FROM persons WHERE id = @id", new { id });
        var reminder = await conn.ExecuteScalarAsync<DateTime>(
            "SELECT starttime FROM orleansreminderstable WHERE grainid LIKE @key AND remindername = 'wake'", new { key = $"%{id:N}%" });
        // Reminders keep real time while the simulation's clock is virtual: written at the wake that sent the SMS, the tick is
        // due an hour after the next wake, counted from the real now as the virtual next wake is from the send (give or take
        // the test's own minutes).
        var sentAt = await conn.ExecuteScalarAsync<DateTime>("SELECT sent_at FROM sms_messages WHERE person_id = @id", new { id });
        var dueIn = reminder - DateTime.UtcNow;
        Assert.InRange(dueIn, next.AddHours(1) - sentAt - TimeSpan.FromMinutes(5), next.AddHours(1) - sentAt);
        var now = await fx.Client.GetGrain<ISimulationGrain>(0).Now();

        // Passes at the same instant find nothing more to do for the person: no second SMS.
        for (var shard = 0; shard < 4; shard++) await fx.Client.GetGrain<IWakeShardGrain>(shard).WakeDue(now);
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM fake_sms WHERE substr(message_id, 1, 32) = @key",
            new { key = id.ToString("N") }));
    }
}
