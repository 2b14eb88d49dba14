using Dapper;
using Npgsql;

namespace FollowUp.Tests.Grains;

public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Arm(TimeSpan due);
    Task<int> Fired();
}

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Fires = new();
    public Task Arm(TimeSpan due) => this.RegisterOrUpdateReminder("probe", due, TimeSpan.FromMinutes(1));
    public Task<int> Fired() => Task.FromResult(Fires.GetValueOrDefault(this.GetPrimaryKeyString()));
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Fires.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

[Collection(ClusterCollection.Name)]
public class ReminderTests(ClusterFixture fx)
{
    [Fact]
    public async Task A_reminder_stored_in_the_AdoNet_table_fires()
    {
        var probe = fx.Client.GetGrain<IReminderProbeGrain>("probe-1");
        await probe.Arm(TimeSpan.FromSeconds(2));
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM orleansreminderstable WHERE remindername = 'probe'"));
        for (var i = 0; i < 120 && await probe.Fired() == 0; i++) await Task.Delay(500);
        Assert.True(await probe.Fired() >= 1);
    }
}
