using Dapper;
using FollowUp.Silo.Protocol;
using Npgsql;
using Orleans.Storage;

namespace FollowUp.Silo.Infrastructure;

/// <summary>
/// Owner of <c>person_states</c>: each person grain's state, as the readable JSON Orleans' storage held
/// (<see cref="SiloHosting.StorageSerializer"/>), read when the grain activates and written through the silo's
/// <see cref="GroupCommit"/> in the same transaction as the person's other rows (<see cref="WriteCommand"/>). A person
/// stored before this table is read from Orleans' storage (<paramref name="legacy"/>) and moves here at its next write.
/// </summary>
public sealed class PersonStateStore(NpgsqlDataSource db, IGrainStorage legacy)
{
    /// <summary>The Orleans grain type of persons and the name of their state in Orleans' storage (before this table).</summary>
    public const string LegacyGrainType = "person", LegacyStateName = "person";
    private static readonly IGrainStorageSerializer Serializer = SiloHosting.StorageSerializer();
    private Task<bool>? _legacyRows; // asked once per silo (again if the first asking failed)

    /// <summary>
    /// One round trip: the state, its version and how many of its timeline entries person_events holds (its appends are
    /// contiguous from 0, so the highest seq + 1); then the events published after the state was written (a delivery
    /// report appends its event without writing the state: <see cref="FollowUpProtocol.ReplayPublished"/>).
    /// </summary>
    private const string ReadSql = """
        SELECT state::text, version, (SELECT coalesce(max(seq) + 1, 0) FROM person_events WHERE person_id = @id) AS published
        FROM person_states WHERE id = @id;
        SELECT e.at, e.event, e.actor, e.detail FROM person_events e JOIN person_states s ON s.id = e.person_id
        WHERE s.id = @id AND e.seq >= json_array_length(s.state -> 'Timeline') ORDER BY e.seq;
        """;

    /// <summary>The stored state (a new one when none), its version (null when never written here) and whether it came from
    /// Orleans' storage. The database away: <see cref="StorageUnavailableException"/>.</summary>
    public async Task<StoredPerson> ReadAsync(Guid id, GrainId grainId)
    {
        try
        {
            (string State, long Version, int Published)? row;
            List<TimelineEntry> tail;
            await using (var conn = await db.OpenConnectionAsync()) // given back before anything else needs a connection
            {
                await using var read = await conn.QueryMultipleAsync(ReadSql, new { id });
                row = await read.ReadSingleOrDefaultAsync<(string State, long Version, int Published)?>();
                tail = [.. (await read.ReadAsync<(DateTime At, string Event, string Actor, string? Detail)>())
                    .Select(e => new TimelineEntry(new DateTimeOffset(DateTime.SpecifyKind(e.At, DateTimeKind.Utc)), e.Event, e.Actor, e.Detail))];
            }
            if (row is { } r)
            {
                var state = Serializer.Deserialize<PersonState>(BinaryData.FromString(r.State)) ?? new PersonState();
                FollowUpProtocol.ReplayPublished(state, tail); // the events published after this state was written
                return new StoredPerson(state, r.Version, false, Math.Min(r.Published, state.Timeline.Count));
            }
            if (!await MayHoldLegacyAsync()) return new StoredPerson(new PersonState(), null, false, 0);
            var old = new GrainState<PersonState>(new PersonState());
            await legacy.ReadStateAsync(LegacyStateName, grainId, old);
            return new StoredPerson(old.State ?? new PersonState(), null, old.RecordExists, 0);
        }
        catch (Exception ex) when (DatabaseFailure.IsUnavailable(ex))
        {
            throw Unavailable(ex);
        }
    }

    /// <summary>Whether Orleans' storage still holds persons stored before this table (asked once per silo).</summary>
    public Task<bool> MayHoldLegacyAsync()
    {
        if (_legacyRows is null || _legacyRows.IsFaulted) _legacyRows = LegacyRowsAsync(db);
        return _legacyRows;
    }

    /// <summary>The persons of <paramref name="ids"/> that have a state here (one query for a batch).</summary>
    public async Task<HashSet<Guid>> StoredAsync(IReadOnlyCollection<Guid> ids)
    {
        await using var conn = await db.OpenConnectionAsync();
        return [.. await conn.QueryAsync<Guid>("SELECT id FROM person_states WHERE id = ANY(@ids)", new { ids = ids.ToArray() })];
    }

    /// <summary>
    /// The command writing <paramref name="state"/> over <paramref name="version"/> (null: the first write here). It fails
    /// when another activation wrote in between (<see cref="IsLostWrite"/>), and nothing else of its transaction commits.
    /// </summary>
    public static NpgsqlBatchCommand WriteCommand(Guid id, PersonState state, long? version) =>
        version is { } v
            ? BatchCommands.Command("SELECT person_state_write($1, $2::json, $3)", id, Serializer.Serialize(state).ToString(), v)
            : InsertNewCommand(id, state);

    /// <summary>A write refused because another activation wrote the person first: its state (<see cref="WriteCommand"/>,
    /// db/0058), its first insert, or a timeline entry's place (<see cref="PersonEventLog.AppendCommand"/>).</summary>
    public static bool IsLostWrite(Exception ex) =>
        ex is PostgresException { SqlState: "FU409" }
            or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "person_states_pkey" or "person_events_pkey" };

    /// <summary>The first write of a person known new (version 1): fails with a unique violation (23505) when the person is
    /// stored already, so that nothing else of its transaction commits.</summary>
    public static NpgsqlBatchCommand InsertNewCommand(Guid id, PersonState state) =>
        BatchCommands.Command("INSERT INTO person_states (id, state, version) VALUES ($1, $2::json, 1)", id, Serializer.Serialize(state).ToString());

    /// <summary><see cref="InsertNewCommand(Guid, PersonState)"/> for many persons in one statement: fails whole when one of them is
    /// stored already.</summary>
    public static NpgsqlBatchCommand InsertNewCommand(IReadOnlyList<(Guid Id, PersonState State)> persons) =>
        BatchCommands.Command(
            "INSERT INTO person_states (id, state, version) SELECT id, state::json, 1 FROM unnest($1::uuid[], $2::text[]) AS t(id, state)",
            persons.Select(p => p.Id).ToArray(), persons.Select(p => Serializer.Serialize(p.State).ToString()).ToArray());

    /// <summary>The version after a <see cref="WriteCommand"/> that changed its row.</summary>
    public static long Next(long? version) => (version ?? 0) + 1;

    /// <summary>Clears the person's row in Orleans' storage once its state lives here (no copy of personal data left behind).</summary>
    public async Task ForgetLegacyAsync(GrainId grainId)
    {
        var old = new GrainState<PersonState>(new PersonState());
        await legacy.ReadStateAsync(LegacyStateName, grainId, old);
        if (old.RecordExists) await legacy.ClearStateAsync(LegacyStateName, grainId, old);
    }

    /// <summary>The database away, said in a form Orleans can carry to the caller.</summary>
    public static StorageUnavailableException Unavailable(Exception ex)
    {
        var sqlState = DatabaseFailure.SqlState(ex);
        return new StorageUnavailableException(sqlState, $"The person storage is unavailable ({sqlState ?? "connection failure"}); nothing was " +
            "applied, try again.");
    }

    private static async Task<bool> LegacyRowsAsync(NpgsqlDataSource db)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM orleansstorage WHERE graintypestring = @t)",
            new { t = LegacyGrainType });
    }
}
