using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>
/// Orleans' ADO.NET reminder table with its upserts grouped: a reminder registered or moved (one per inclusion, one per
/// wake) used to be a transaction of its own; here a writer sends many of them in one Npgsql batch inside one transaction
/// (up to <see cref="MaxBatch"/>; the window is the time the previous batch takes, so a lone upsert is not delayed), each
/// caller awaiting its own row's new ETag. Same table, same upsert as its stored function (<c>upsert_reminder_row</c>,
/// db/0004, written out), same ETags as Orleans' table; reads and removals go to Orleans' table unchanged. A batch that fails is tried again one upsert
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

    public GroupedReminderTable(IReminderTable inner, NpgsqlDataSource db, string serviceId, ILogger<GroupedReminderTable> logger)
    {
        (_inner, _db, _serviceId) = (inner, db, serviceId);
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
            sp.GetRequiredService<ILogger<GroupedReminderTable>>()));
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

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => _inner.ReadRows(begin, end, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) =>
        _inner.ReadRows(begin, end, cancellationToken);

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
