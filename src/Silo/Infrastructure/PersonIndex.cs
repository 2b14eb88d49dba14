using Dapper;
using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>
/// Owner of <c>persons</c>: the index row each person grain publishes (its state stays in Orleans storage), read to
/// find persons by phone and to wake those due. The publication also carries the person's due calls
/// (<see cref="CallQueueStore"/>) and new timeline events (<see cref="PersonEventLog"/>) in the same round trip.
/// </summary>
public sealed class PersonIndex(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Publishes the person's index row, due calls and new timeline events in one round trip (an Npgsql batch runs as
    /// one implicit transaction). Idempotent: republishing the same state changes nothing.
    /// </summary>
    public async Task UpsertPersonAsync(PersonRow p, IReadOnlyList<DueCall> dueCalls, IReadOnlyList<TimelineEntry> timeline, int publishedEvents)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(conn);
        foreach (var c in PublishCommands(p, dueCalls, timeline, publishedEvents)) batch.BatchCommands.Add(c);
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>The commands publishing the person's index row, due calls and new timeline events (for one transaction:
    /// a batch, or the person's <see cref="GroupCommit"/> submission). <paramref name="withRow"/> false: the index row is
    /// left out (its publisher knows it is stored as it is). <paramref name="newPerson"/>: never stored, no due calls to replace.
    /// <paramref name="republish"/>: see <see cref="PersonEventLog.AppendCommand"/>.</summary>
    public static List<NpgsqlBatchCommand> PublishCommands(PersonRow p, IReadOnlyList<DueCall> dueCalls, IReadOnlyList<TimelineEntry> timeline,
        int publishedEvents, bool withRow = true, bool newPerson = false, bool republish = false)
    {
        var commands = new List<NpgsqlBatchCommand>();
        if (withRow)
            commands.Add(BatchCommands.Command("""
                INSERT INTO persons (id, external_id, kind, first_name, last_name, phone, birth_date, department, inclusion_date,
                                     socially_vulnerable, status, next_wake_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())
                ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, first_name = excluded.first_name, last_name = excluded.last_name,
                    phone = excluded.phone, birth_date = excluded.birth_date, department = excluded.department,
                    inclusion_date = excluded.inclusion_date, socially_vulnerable = excluded.socially_vulnerable,
                    status = excluded.status, next_wake_at = excluded.next_wake_at, updated_at = now()
                """, p.Id, p.ExternalId, p.Kind, p.FirstName, p.LastName, p.Phone, p.BirthDate, p.Department, p.InclusionDate,
                p.SociallyVulnerable, p.Status, p.NextWakeAt?.UtcDateTime));
        commands.AddRange(CallQueueStore.PublishCommands(p, dueCalls, newPerson));
        if (PersonEventLog.AppendCommand(p.Id, timeline, publishedEvents, republish) is { } append) commands.Add(append);
        return commands;
    }

    /// <summary>The index rows of persons never stored, their due calls and timelines, in one statement per table (an
    /// import batch's new persons: see <see cref="PublishCommands"/> for one person).</summary>
    public static List<NpgsqlBatchCommand> PublishNewCommands(IReadOnlyList<(PersonRow Row, IReadOnlyList<DueCall> DueCalls,
        IReadOnlyList<TimelineEntry> Timeline)> persons)
    {
        var rows = persons.Select(p => p.Row).ToList();
        var commands = new List<NpgsqlBatchCommand>
        {
            BatchCommands.Command("""
                INSERT INTO persons (id, external_id, kind, first_name, last_name, phone, birth_date, department, inclusion_date,
                                     socially_vulnerable, status, next_wake_at, updated_at)
                SELECT i, e, k, f, l, ph, b, d, inc, v, st, w, now()
                FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[], $9::date[],
                            $10::boolean[], $11::text[], $12::timestamptz[]) AS t(i, e, k, f, l, ph, b, d, inc, v, st, w)
                ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, first_name = excluded.first_name, last_name = excluded.last_name,
                    phone = excluded.phone, birth_date = excluded.birth_date, department = excluded.department,
                    inclusion_date = excluded.inclusion_date, socially_vulnerable = excluded.socially_vulnerable,
                    status = excluded.status, next_wake_at = excluded.next_wake_at, updated_at = now()
                """, rows.Select(p => p.Id).ToArray(), rows.Select(p => p.ExternalId).ToArray(), rows.Select(p => p.Kind).ToArray(),
                rows.Select(p => p.FirstName).ToArray(), rows.Select(p => p.LastName).ToArray(), rows.Select(p => p.Phone).ToArray(),
                rows.Select(p => p.BirthDate).ToArray(), rows.Select(p => p.Department).ToArray(), rows.Select(p => p.InclusionDate).ToArray(),
                rows.Select(p => p.SociallyVulnerable).ToArray(), rows.Select(p => p.Status).ToArray(),
                rows.Select(p => p.NextWakeAt?.UtcDateTime).ToArray()),
            PersonEventLog.AppendNewCommand([.. persons.Select(p => (p.Row.Id, p.Timeline))]),
        };
        if (persons.Any(p => p.DueCalls.Count > 0)) commands.Add(CallQueueStore.InsertNewCommand([.. persons.Select(p => (p.Row, p.DueCalls))]));
        return commands;
    }

    public async Task<IReadOnlyList<Guid>> ActivePersonsByPhoneAsync(string phone)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<Guid>("SELECT id FROM persons WHERE phone = @phone AND status = 'active'", new { phone })).AsList();
    }

    public async Task<DateTimeOffset?> NextWakeAsync()
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        var next = await conn.ExecuteScalarAsync<DateTime?>("SELECT min(next_wake_at) FROM persons");
        return next is { } utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;
    }

    /// <summary>
    /// A page of the persons of wake shard <paramref name="shard"/> (of <paramref name="shards"/>: the share of the persons whose
    /// id's last byte modulo <paramref name="shards"/> is <paramref name="shard"/>) due at <paramref name="at"/>, in
    /// (next_wake_at, id) order from just after <paramref name="after"/> (db/0021's index).
    /// </summary>
    public async Task<IReadOnlyList<DueWake>> DueInShardAsync(int shard, int shards, DateTimeOffset at, DueWake after, int limit)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<DueWake>("""
            SELECT id, next_wake_at AS at FROM persons
            WHERE next_wake_at <= @at AND (next_wake_at, id) > (@afterAt, @afterId) AND get_byte(uuid_send(id), 15) % @shards = @shard
            ORDER BY next_wake_at, id LIMIT @limit
            """, new { at = at.UtcDateTime, afterAt = after.At, afterId = after.Id, shards, shard, limit })).AsList();
    }
}

/// <summary>A person due to wake (<see cref="PersonIndex.DueInShardAsync"/>): its id and due instant (UTC).</summary>
public readonly record struct DueWake(Guid Id, DateTime At)
{
    /// <summary>Before every person.</summary>
    public static readonly DueWake First = new(Guid.Empty, DateTime.SpecifyKind(DateTime.UnixEpoch, DateTimeKind.Utc));
}
