using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Hosting;
using Orleans.Reminders;

namespace FollowUp.Silo.Infrastructure;

/// <summary>
/// Orleans' ADO.NET reminder table with its upserts grouped: a reminder registered or moved (one per inclusion, one per
/// wake) used to be a transaction of its own; here a writer sends many of them in one Npgsql batch inside one transaction
/// (up to <see cref="MaxBatch"/>; the window is the time the previous batch takes, so a lone upsert is not delayed), each
/// caller awaiting its own row's new ETag. Same table, same upsert as its stored function (<c>upsert_reminder_row</c>,
/// db/0004, written out), same ETags as Orleans' table; removals and a grain's reads go to Orleans' table unchanged (a range
/// read is ours: <see cref="ReadRows(uint, uint, CancellationToken)"/>). A batch that fails is tried again one upsert
/// at a time, so only the upsert at fault gets the error.
/// </summary>
public sealed class GroupedReminderTable : IReminderTable, IAsyncDisposable
{
    /// <summary>Upserts per transaction at most.</summary>
    public const int MaxBatch = 256;
    /// <summary>The statement of <c>upsert_reminder_row</c> (db/0004), written out: PostgreSQL (before 18) plans a SQL
    /// function's statement again at every call, ours once (auto-prepared). Same row, same ETag (its version).</summary>
    private const string Upsert = """
        INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
        VALUES ($1::varchar, $2::varchar, $3::varchar, $4::timestamptz, $5::bigint, $6::integer, 0)
        ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
           SET StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash,
               Version = OrleansRemindersTable.Version + 1
        RETURNING OrleansRemindersTable.Version
        """;

    private readonly IReminderTable _inner;
    private readonly NpgsqlDataSource _db;
    private readonly string _serviceId;
    private readonly GroupWriter<ReminderEntry, string?> _writer;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _rangeHorizon;

    /// <param name="clock">The reminders' clock (Orleans' keyed <see cref="ReminderTimeProviderNames.Reminders"/>).</param>
    /// <param name="rangeHorizon">A range read returns the rows due within this (see <see cref="ReadRows(uint, uint, CancellationToken)"/>).</param>
    public GroupedReminderTable(IReminderTable inner, NpgsqlDataSource db, string serviceId, ILogger<GroupedReminderTable> logger,
        TimeProvider clock, TimeSpan rangeHorizon)
    {
        (_inner, _db, _serviceId, _clock, _rangeHorizon) = (inner, db, serviceId, clock, rangeHorizon);
        _writer = new GroupWriter<ReminderEntry, string?>(1, MaxBatch, 16 * 1024, CommitAsync, logger, "reminder upserts");
    }

    /// <summary>Transactions committed so far (batches, and upserts tried again alone).</summary>
    public long Batches => _writer.Batches;

    /// <summary>Replaces the <see cref="IReminderTable"/> registered so far (Orleans' ADO.NET one) by this wrapper around it.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(s => s.ServiceType == typeof(IReminderTable));
        services.Remove(registered);
        services.AddSingleton(sp => new GroupedReminderTable(Inner(sp, registered), sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IOptions<Orleans.Configuration.ClusterOptions>>().Value.ServiceId,
            sp.GetRequiredService<ILogger<GroupedReminderTable>>(), sp.GetRequiredKeyedService<TimeProvider>(ReminderTimeProviderNames.Reminders),
            RangeHorizon(sp.GetRequiredService<IOptions<ReminderOptions>>().Value)));
        services.AddSingleton<IReminderTable>(sp => sp.GetRequiredService<GroupedReminderTable>());
        services.AddSingleton<ReminderRows>();
    }

    private static IReminderTable Inner(IServiceProvider sp, ServiceDescriptor registered) =>
        (IReminderTable)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!));

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        if (entry.StartAt.Kind is DateTimeKind.Unspecified) entry.StartAt = new DateTime(entry.StartAt.Ticks, DateTimeKind.Utc);
        return await _writer.WriteAsync(entry, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => _inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _inner.StopAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => _inner.ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) => _inner.ReadRows(grainId, cancellationToken);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>
    /// The rows of a ring range that may be due soon. Orleans' reminder service reads its whole range at start and at
    /// every refresh (<see cref="ReminderOptions.RefreshReminderListPeriod"/>, 5 minutes) and keeps in memory only the
    /// reminders whose next tick falls within its loading window (<see cref="ReminderOptions.ReminderLoadingWindow"/>):
    /// with a million persons followed, Orleans' own query read a million rows each time. Here only the rows whose start is
    /// within <see cref="RangeHorizon"/> (the window plus one refresh) are read, which holds every reminder the service would
    /// keep: a row started already ticks within its period (a person's 5 minutes, within the window), a later one is read
    /// again at a refresh before its start enters the window. Same rows, hash range and ETags as Orleans' ADO.NET table.
    /// </summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        var range = (int)begin < (int)end ? "grainhash > $2 AND grainhash <= $3" : "(grainhash > $2 OR grainhash <= $3)";
        await using var conn = await _db.OpenConnectionAsync(cancellationToken);
        await using var cmd = new NpgsqlCommand($"""
            SELECT grainid, remindername, starttime, period, version FROM orleansreminderstable
            WHERE serviceid = $1 AND {range} AND starttime <= $4
            """, conn);
        foreach (var v in new object[] { _serviceId, unchecked((int)begin), unchecked((int)end), _clock.GetUtcNow().UtcDateTime + _rangeHorizon })
            cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        var rows = new List<ReminderEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = reader.GetDateTime(2),
                Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                ETag = reader.GetInt32(4).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        return new ReminderTableData(rows);
    }

    /// <summary>How far ahead a range read looks: Orleans' loading window plus one refresh period.</summary>
    public static TimeSpan RangeHorizon(ReminderOptions options) => options.ReminderLoadingWindow + options.RefreshReminderListPeriod;

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => _inner.ReadRow(grainId, reminderName, CancellationToken.None);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        _inner.ReadRow(grainId, reminderName, cancellationToken);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        _inner.RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) =>
        _inner.RemoveRow(grainId, reminderName, eTag, cancellationToken);

    public Task TestOnlyClearTable() => _inner.TestOnlyClearTable(CancellationToken.None);

    public Task TestOnlyClearTable(CancellationToken cancellationToken) => _inner.TestOnlyClearTable(cancellationToken);

    /// <summary>The upsert of <paramref name="entry"/> as Orleans' table does it (same function, row and ETag), as a command of
    /// another transaction (see <see cref="ReminderRows"/>).</summary>
    public NpgsqlBatchCommand UpsertCommand(ReminderEntry entry) =>
        BatchCommands.Command(Upsert, _serviceId, entry.GrainId.ToString(), entry.ReminderName, entry.StartAt,
            (long)entry.Period.TotalMilliseconds, unchecked((int)entry.GrainId.GetUniformHashCode()));

    /// <summary>The upserts of <paramref name="entries"/> (distinct rows) in one statement, as <see cref="UpsertCommand(ReminderEntry)"/>
    /// does each.</summary>
    public NpgsqlBatchCommand UpsertCommand(IReadOnlyList<ReminderEntry> entries) =>
        BatchCommands.Command("""
            INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
            SELECT $1, g, n, s, p, h, 0 FROM unnest($2::varchar[], $3::varchar[], $4::timestamptz[], $5::bigint[], $6::integer[]) AS t(g, n, s, p, h)
            ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
               SET StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash,
                   Version = OrleansRemindersTable.Version + 1
            """, _serviceId, entries.Select(e => e.GrainId.ToString()).ToArray(), entries.Select(e => e.ReminderName).ToArray(),
            entries.Select(e => e.StartAt).ToArray(), entries.Select(e => (long)e.Period.TotalMilliseconds).ToArray(),
            entries.Select(e => unchecked((int)e.GrainId.GetUniformHashCode())).ToArray());

    private async Task<string?[]> CommitAsync(IReadOnlyList<ReminderEntry> batch)
    {
        var versions = new string?[batch.Count];
        await using var conn = await _db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var npgsqlBatch = new NpgsqlBatch(conn, tx))
        {
            foreach (var e in batch) npgsqlBatch.BatchCommands.Add(UpsertCommand(e));
            await using var reader = await npgsqlBatch.ExecuteReaderAsync();
            for (var i = 0; i < batch.Count; i++)
            {
                if (!await reader.ReadAsync()) throw new InvalidOperationException("upsert_reminder_row answered no version.");
                versions[i] = reader.GetInt32(0).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await reader.NextResultAsync();
            }
        }
        await tx.CommitAsync();
        return versions;
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
