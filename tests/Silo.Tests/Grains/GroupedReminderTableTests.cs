using Dapper;
using FollowUp.Silo.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FollowUp.Tests.Grains;

public interface IReminderBatchProbeGrain : IGrainWithStringKey
{
    Task Arm(TimeSpan due);
    Task<bool> Disarm();
}

public sealed class ReminderBatchProbeGrain : Grain, IReminderBatchProbeGrain, IRemindable
{
    public Task Arm(TimeSpan due) => this.RegisterOrUpdateReminder("batch-probe", due, TimeSpan.FromMinutes(5));

    public async Task<bool> Disarm()
    {
        var reminder = await this.GetReminder("batch-probe");
        if (reminder is null) return false;
        await this.UnregisterReminder(reminder); // removes the row by its ETag: the one our grouped upsert answered
        return true;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}

/// <summary>
/// Reminder upserts go through <see cref="GroupedReminderTable"/> (many in one transaction) into Orleans' table: rows
/// and ETags as Orleans' own table writes them, so Orleans moves and removes them as before.
/// </summary>
[Collection(ClusterCollection.Name)]
public class GroupedReminderTableTests(ClusterFixture fx)
{
    [Fact]
    public async Task Reminders_registered_at_once_are_all_stored_and_moved_and_removed_with_the_ETags_answered()
    {
        var probes = Enumerable.Range(0, 60).Select(i => fx.Client.GetGrain<IReminderBatchProbeGrain>($"grouped-{i}")).ToList();
        var table = fx.Cluster.GetSiloServiceProvider(fx.Cluster.Silos[0].SiloAddress).GetRequiredService<IReminderTable>();
        Assert.IsType<GroupedReminderTable>(table);

        await Task.WhenAll(probes.Select(p => p.Arm(TimeSpan.FromHours(2))));
        Assert.Equal([(60L, 0)], await RowsAsync());

        await Task.WhenAll(probes.Select(p => p.Arm(TimeSpan.FromHours(3)))); // moved: the same rows, next version
        Assert.Equal([(60L, 1)], await RowsAsync());

        Assert.All(await Task.WhenAll(probes.Select(p => p.Disarm())), Assert.True);
        Assert.Empty(await RowsAsync());
    }

    private async Task<List<(long Count, int Version)>> RowsAsync()
    {
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        return [.. await conn.QueryAsync<(long, int)>("SELECT count(*), version FROM orleansreminderstable WHERE remindername = 'batch-probe' " +
            "GROUP BY version ORDER BY version")];
    }
}
