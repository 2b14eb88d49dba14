using FollowUp.Silo.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Reminders;

namespace FollowUp.Tests.Grains;

/// <summary>
/// Orleans' reminder service reads its ring range at start and at every refresh and keeps only the reminders due within
/// its loading window: <see cref="GroupedReminderTable"/> reads only the rows whose start is within that window plus a
/// refresh (a million persons followed are not a million rows read every 5 minutes), with the fields and ETags of
/// Orleans' own rows; a grain's own rows are read whole.
/// </summary>
[Collection(ClusterCollection.Name)]
public class ReminderRangeReadTests(ClusterFixture fx)
{
    [Fact]
    public async Task A_range_read_returns_the_rows_due_within_the_window_plus_a_refresh_and_leaves_later_ones_in_the_table()
    {
        var services = fx.Cluster.GetSiloServiceProvider(fx.Cluster.Silos[0].SiloAddress);
        var table = services.GetRequiredService<GroupedReminderTable>();
        var clock = services.GetRequiredKeyedService<TimeProvider>(ReminderTimeProviderNames.Reminders).GetUtcNow().UtcDateTime;
        var now = new DateTime(clock.Ticks - clock.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc); // as PostgreSQL keeps it
        var near = fx.Client.GetGrain<IReminderBatchProbeGrain>("range-near").GetGrainId();
        var far = fx.Client.GetGrain<IReminderBatchProbeGrain>("range-far").GetGrainId();
        var started = fx.Client.GetGrain<IReminderBatchProbeGrain>("range-started").GetGrainId();
        var nearTag = await table.UpsertRow(new ReminderEntry
        { GrainId = near, ReminderName = "range", StartAt = now.AddMinutes(1), Period = TimeSpan.FromMinutes(5) });
        await table.UpsertRow(new ReminderEntry
        { GrainId = far, ReminderName = "range", StartAt = now.AddDays(2), Period = TimeSpan.FromMinutes(5) });
        await table.UpsertRow(new ReminderEntry
        { GrainId = started, ReminderName = "range", StartAt = now.AddDays(-1), Period = TimeSpan.FromMinutes(5) });

        var rows = (await table.ReadRows(0u, 0u)).Reminders.Where(r => r.ReminderName == "range").ToList(); // the whole ring

        Assert.Equal(new[] { near, started }.OrderBy(g => g.ToString()), rows.Select(r => r.GrainId).OrderBy(g => g.ToString()));
        var row = rows.Single(r => r.GrainId == near);
        Assert.Equal((now.AddMinutes(1), TimeSpan.FromMinutes(5), nearTag), (row.StartAt, row.Period, row.ETag));
        Assert.Single((await table.ReadRows(far)).Reminders); // still in the table, read once it comes near
        var hash = far.GetUniformHashCode();
        Assert.DoesNotContain((await table.ReadRows(hash - 1, hash)).Reminders, r => r.ReminderName == "range");
    }
}
