using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Hosting;
using Orleans.Reminders;

namespace FollowUp.Silo.Infrastructure;

/// <summary>
/// A person's first reminder written in the same transaction as its first state (an import's new persons), instead of
/// through Orleans' reminder service afterwards (a message to the service, a transaction of its own, and an in-memory
/// timer that the service drops again at once when the tick is far). Orleans 10 keeps in memory only the reminders whose
/// next tick falls within its loading window (<see cref="ReminderOptions.ReminderLoadingWindow"/>, 10 minutes by
/// default) and loads the others from the table at a refresh (every <see cref="ReminderOptions.RefreshReminderListPeriod"/>)
/// before they are due: a row written here is loaded like one of its own, as long as its first tick is beyond
/// <see cref="Horizon"/> (the window plus one refresh period, so a refresh always falls between the write and the tick's
/// entry into the window). A nearer tick goes through the service as before (null). Same row, function and ETag as
/// Orleans' table (<see cref="GroupedReminderTable.UpsertCommand"/>).
/// </summary>
public sealed class ReminderRows(
    GroupedReminderTable table,
    [FromKeyedServices(ReminderTimeProviderNames.Reminders)] TimeProvider clock,
    IOptions<ReminderOptions> options)
{
    /// <summary>A first tick due later than this is written with the state; a nearer one is registered through Orleans.</summary>
    public TimeSpan Horizon => GroupedReminderTable.RangeHorizon(options.Value);

    /// <summary>The command upserting the reminder <paramref name="name"/> of <paramref name="grain"/> due in
    /// <paramref name="due"/> (on the reminders' clock, as Orleans counts it), or null when that is within <see cref="Horizon"/>.</summary>
    public NpgsqlBatchCommand? UpsertCommand(GrainId grain, string name, TimeSpan due, TimeSpan period) =>
        Entry(grain, name, due, period) is { } entry ? table.UpsertCommand(entry) : null;

    /// <summary>The reminder row <see cref="UpsertCommand"/> writes, or null when its tick is within <see cref="Horizon"/>.</summary>
    public ReminderEntry? Entry(GrainId grain, string name, TimeSpan due, TimeSpan period) =>
        due <= Horizon ? null : new ReminderEntry
        {
            GrainId = grain,
            ReminderName = name,
            StartAt = clock.GetUtcNow().UtcDateTime.Add(due),
            Period = period,
        };

    /// <summary>The upsert of many rows of <see cref="Entry"/> in one statement.</summary>
    public NpgsqlBatchCommand UpsertCommand(IReadOnlyList<ReminderEntry> entries) => table.UpsertCommand(entries);
}
