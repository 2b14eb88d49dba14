using Dapper;
using FollowUp.Silo.Infrastructure;
using Npgsql;
using Orleans.TestingHost;

namespace FollowUp.Tests.Grains;

public interface IReminderRowProbeGrain : IGrainWithStringKey
{
    /// <summary>Writes its reminder row through the group commit (true), or answers false when the tick is too near for that.</summary>
    Task<bool> WriteRow(TimeSpan due);
    Task<int> Fired();
}

public sealed class ReminderRowProbeGrain(ReminderRows rows, GroupCommit writer) : Grain, IReminderRowProbeGrain, IRemindable
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Fires = new();

    public async Task<bool> WriteRow(TimeSpan due)
    {
        if (rows.UpsertCommand(this.GetGrainId(), "row", due, TimeSpan.FromMinutes(1)) is not { } command) return false;
        await writer.ExecuteAsync(command);
        return true;
    }

    public Task<int> Fired() => Task.FromResult(Fires.GetValueOrDefault(this.GetPrimaryKeyString()));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Fires.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A reminder row written in one of our transactions (<see cref="ReminderRows"/>: an import's new persons, whose first
/// reminder commits with their state) is loaded by Orleans' reminder service at a table refresh and fires like one
/// registered through it. A silo here reads its table every second (loading window 2 s, so rows are written directly
/// only for ticks more than 3 s ahead).
/// </summary>
public sealed class ReminderRowsTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private string _cs = "";

    public async Task InitializeAsync() =>
        (_cluster, _cs) = await ClusterFixture.StartAsync("rows", 1, new Dictionary<string, string?>
        {
            [PostgresSiloConfigurator.MinimumReminderPeriodKey] = "1",
            [PostgresSiloConfigurator.ReminderRefreshKey] = "1",
        });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_reminder_row_written_in_our_transaction_is_loaded_by_Orleans_and_fires()
    {
        var probe = _cluster.Client.GetGrain<IReminderRowProbeGrain>("row-1");

        Assert.True(await probe.WriteRow(TimeSpan.FromSeconds(6)));

        await using var conn = new NpgsqlConnection(_cs);
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM orleansreminderstable WHERE remindername = 'row'"));
        for (var i = 0; i < 120 && await probe.Fired() == 0; i++) await Task.Delay(500);
        Assert.True(await probe.Fired() >= 1);
    }

    [Fact]
    public async Task A_tick_within_the_loading_window_plus_one_refresh_is_left_to_Orleans_reminder_service()
    {
        Assert.False(await _cluster.Client.GetGrain<IReminderRowProbeGrain>("row-near").WriteRow(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task A_new_person_whose_first_wake_is_far_gets_its_reminder_row_with_its_state()
    {
        var request = Inclusions.Contact("rows-new", DateOnly.FromDateTime(ClusterFixture.Start.UtcDateTime), "23");
        var id = PersonIds.FromExternalId(request.ExternalId);

        var result = await _cluster.Client.GetGrain<IPersonGrain>(id).IncludeNew(request);

        Assert.True(result.Created);
        await using var conn = new NpgsqlConnection(_cs);
        var row = await conn.QuerySingleAsync<(DateTime StartTime, long Period)>(
            "SELECT starttime, period FROM orleansreminderstable WHERE grainid LIKE @key AND remindername = 'wake'", new { key = $"%{id:N}%" });
        Assert.Equal((long)TimeSpan.FromMinutes(5).TotalMilliseconds, row.Period);
        Assert.True(row.StartTime > DateTime.UtcNow.AddDays(1)); // J2's SMS hour, two days after inclusion on the simulated clock
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM person_states WHERE id = @id", new { id }));
    }
}
