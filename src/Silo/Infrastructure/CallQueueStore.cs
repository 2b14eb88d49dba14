using Dapper;
using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>
/// Owner of <c>due_calls</c>, <c>call_priorities</c> and <c>queue_settings</c>: the calls the person grains publish as
/// due, the operators' reservations of them, the ARS priorities that rank them, and the counts of the queue.
/// </summary>
public sealed class CallQueueStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The first instant a due call can be taken by an operator: its due time if unclaimed, else the later of its due
    /// time and the end of its lease. The expression of <c>ix_due_calls_free_at</c> (db/0057), written as there so that
    /// the planner matches it.
    /// </summary>
    private const string FreeAt = "(CASE WHEN claimed_by IS NULL THEN due_at ELSE greatest(due_at, lease_until) END)";

    /// <summary>The one definition of a call waiting for an operator at @now: due, and in no operator's hands (unclaimed
    /// or its lease expired). Every query of the queue uses it. Written on <see cref="FreeAt"/>, it is exactly
    /// <c>due_at &lt;= @now AND (claimed_by IS NULL OR lease_until &lt; @now)</c>, and the index's range up to @now holds
    /// the waiting calls only: not the calls due later (a wave's 250,000 fall due 4 hours after their SMS) nor those
    /// in operators' hands.</summary>
    private const string Waiting = $"{FreeAt} <= @now AND (claimed_by IS NULL OR lease_until < @now)";

    /// <summary>
    /// The commands that replace a person's due calls (part of its publication, <see cref="PersonIndex"/>). A row that
    /// does not change is not touched, so not locked: a publication (e.g. after a delivery report) never hides a waiting
    /// call from an operator's reservation (SKIP LOCKED) while its group commits. <paramref name="newPerson"/>: a person
    /// never stored has no rows to delete or update, so only the insert is sent.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> PublishCommands(PersonRow p, IReadOnlyList<DueCall> dueCalls, bool newPerson = false)
    {
        if (!newPerson)
            yield return BatchCommands.Command("DELETE FROM due_calls WHERE person_id = $1 AND NOT (milestone_id = ANY($2))",
                p.Id, dueCalls.Select(d => d.MilestoneId).ToArray());
        if (dueCalls.Count == 0) yield break;
        const string Rows = """
            unnest($4::text[], $5::text[], $6::timestamptz[], $7::boolean[], $8::text[], $9::timestamptz[], $10::boolean[], $11::time[],
                $12::time[]) AS x(m, t, d, u, c, l, r, ws, we)
            """;
        object[] values =
        [
            p.Id, p.SociallyVulnerable, p.Department,
            dueCalls.Select(d => d.MilestoneId).ToArray(), dueCalls.Select(d => d.Milestone.ToString()).ToArray(),
            dueCalls.Select(d => d.DueAt.UtcDateTime).ToArray(), dueCalls.Select(d => d.Urgent).ToArray(),
            dueCalls.Select(d => d.ClaimedBy).ToArray(), dueCalls.Select(d => d.LeaseUntil?.UtcDateTime).ToArray(),
            dueCalls.Select(d => d.Retry).ToArray(), dueCalls.Select(d => d.WindowStart).ToArray(), dueCalls.Select(d => d.WindowEnd).ToArray(),
        ];
        if (!newPerson)
            yield return BatchCommands.Command($"""
            UPDATE due_calls SET milestone = x.t, due_at = x.d, urgent = x.u, socially_vulnerable = $2, department = $3, claimed_by = x.c,
                lease_until = x.l, retry = x.r, window_start = x.ws, window_end = x.we, rank = call_rank(x.t, x.u, $2, x.r)
            FROM {Rows}
            WHERE due_calls.person_id = $1 AND due_calls.milestone_id = x.m
              AND (due_calls.milestone, due_calls.due_at, due_calls.urgent, due_calls.socially_vulnerable, due_calls.department,
                   due_calls.claimed_by, due_calls.lease_until, due_calls.retry, due_calls.window_start, due_calls.window_end, due_calls.rank)
                  IS DISTINCT FROM (x.t, x.d, x.u, $2, $3, x.c, x.l, x.r, x.ws, x.we, call_rank(x.t, x.u, $2, x.r))
            """, values);
        yield return BatchCommands.Command($"""
            INSERT INTO due_calls (person_id, milestone_id, milestone, due_at, urgent, socially_vulnerable, department, claimed_by, lease_until,
                retry, window_start, window_end, rank)
            SELECT $1, m, t, d, u, $2, $3, c, l, r, ws, we, call_rank(t, u, $2, r) FROM {Rows}
            ON CONFLICT (person_id, milestone_id) DO NOTHING
            """, values);
    }

    /// <summary>The due calls of persons never stored, in one command (see <see cref="PublishCommands"/> for one person).</summary>
    public static NpgsqlBatchCommand InsertNewCommand(IReadOnlyList<(PersonRow Person, IReadOnlyList<DueCall> DueCalls)> persons)
    {
        var calls = persons.SelectMany(p => p.DueCalls.Select(d => (p.Person, Call: d))).ToList();
        return BatchCommands.Command("""
            INSERT INTO due_calls (person_id, milestone_id, milestone, due_at, urgent, socially_vulnerable, department, claimed_by, lease_until,
                retry, window_start, window_end, rank)
            SELECT p, m, t, d, u, v, dep, c, l, r, ws, we, call_rank(t, u, v, r)
            FROM unnest($1::uuid[], $2::boolean[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::boolean[], $8::text[],
                        $9::timestamptz[], $10::boolean[], $11::time[], $12::time[]) AS x(p, v, dep, m, t, d, u, c, l, r, ws, we)
            ON CONFLICT (person_id, milestone_id) DO NOTHING
            """, calls.Select(c => c.Person.Id).ToArray(), calls.Select(c => c.Person.SociallyVulnerable).ToArray(),
            calls.Select(c => c.Person.Department).ToArray(), calls.Select(c => c.Call.MilestoneId).ToArray(),
            calls.Select(c => c.Call.Milestone.ToString()).ToArray(), calls.Select(c => c.Call.DueAt.UtcDateTime).ToArray(),
            calls.Select(c => c.Call.Urgent).ToArray(), calls.Select(c => c.Call.ClaimedBy).ToArray(),
            calls.Select(c => c.Call.LeaseUntil?.UtcDateTime).ToArray(), calls.Select(c => c.Call.Retry).ToArray(),
            calls.Select(c => c.Call.WindowStart).ToArray(), calls.Select(c => c.Call.WindowEnd).ToArray());
    }

    /// <summary>
    /// Reserves the best due call for an operator: lowest rank (ARS priorities), then earliest due time; unclaimed or
    /// with an expired lease; optionally in the operator's departments. SKIP LOCKED: concurrent operators never wait
    /// on each other nor get the same row. The person grain then confirms (it is the arbiter). Preferred call windows
    /// (local time of <paramref name="zone"/>): a call whose window is still ahead today waits while anyone else is due;
    /// within a rank, persons inside their window come first; once a window has passed the call is served like any other,
    /// and so is one whose window only starts at or after today's closing (<paramref name="closesAt"/>, local time): the
    /// day would otherwise end without the call. An urgent call (a difficulty declared) never waits for its window.
    /// A row can also be locked for an instant by its own person's publication, which SKIP LOCKED passes over too: when
    /// nothing was reserved although a call is waiting, it asks again shortly (about 2 s at most) rather than telling an
    /// operator there is nothing to do.
    /// <paramref name="departments"/>: null for the operator's own, read from its staff account (<c>users</c>) by the
    /// same statement, so an admin's change of an operator's departments applies from that operator's next ask, with no
    /// cache to expire and no round trip of its own; empty for every department.
    /// One statement per attempt: the reservation, the operator's departments and, when nothing was reserved, whether a
    /// call is waiting all the same (then it asks again). An operator with nothing to do costs one statement that visits
    /// no call (the waiting ones only: <see cref="Waiting"/>); a miss because concurrent operators locked the calls it
    /// wanted sees them waiting and asks once more, 25 ms later.
    /// </summary>
    public async Task<(Guid PersonId, string MilestoneId)?> ReserveNextCallAsync(string operatorId, string[]? departments, DateTimeOffset now,
        DateTimeOffset leaseUntil, string? zone = null, TimeOnly? closesAt = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (reserved, waiting) = await TryReserveNextCallAsync(operatorId, departments, now, leaseUntil, zone ?? Zones.Paris.Id, closesAt);
            if (reserved is not null || attempt == 8 || !waiting) return reserved;
            await Task.Delay(25 << Math.Min(attempt, 4));
        }
    }

    /// <summary>The reservation (see <see cref="ReserveNextCallAsync"/>); when nothing was reserved, whether a call is waiting
    /// for this operator all the same (locked for an instant: SKIP LOCKED passed over it). That check is a scalar
    /// subquery ordered by <see cref="FreeAt"/> with LIMIT 1, not an EXISTS: PostgreSQL drops an EXISTS' ORDER BY and, once
    /// Npgsql has prepared the statement (after 2 uses on a connection), may run a generic plan; the former EXISTS's was a
    /// sequential scan expecting a third of the table to be waiting (on a scratch table of 250,100 calls, none waiting:
    /// every row read, ≈ 27 ms at each empty ask). Ordered by the index's expression, the index is the cheaper plan.</summary>
    private async Task<((Guid PersonId, string MilestoneId)? Reserved, bool Waiting)> TryReserveNextCallAsync(string operatorId,
        string[]? departments, DateTimeOffset now, DateTimeOffset leaseUntil, string zone, TimeOnly? closesAt)
    {
        // The department list of deps, evaluated once per statement (initplans): not joined row by row with the candidates.
        const string InDepartments = "((SELECT cardinality(list) = 0 FROM deps) OR department = ANY((SELECT list FROM deps)::text[]))";
        var closes = closesAt?.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        await using var conn = await dataSource.OpenConnectionAsync();
        var row = await conn.QuerySingleAsync<(Guid? PersonId, string? MilestoneId, bool Waiting)>($"""
            WITH deps AS (
                SELECT coalesce(@departments::text[], (SELECT departments FROM users WHERE user_name = @operatorId), ARRAY[]::text[]) AS list),
            pick AS (
                SELECT person_id, milestone_id FROM due_calls
                WHERE {Waiting} AND {InDepartments}
                ORDER BY (NOT urgent AND window_start IS NOT NULL AND (@now::timestamptz AT TIME ZONE @zone)::time < window_start
                          AND (@closes::time IS NULL OR window_start < @closes::time)), rank,
                         (window_start IS NOT NULL AND (@now::timestamptz AT TIME ZONE @zone)::time < window_end) DESC, due_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED),
            reserved AS (
                UPDATE due_calls d SET claimed_by = @operatorId, lease_until = @leaseUntil
                FROM pick WHERE d.person_id = pick.person_id AND d.milestone_id = pick.milestone_id
                RETURNING d.person_id, d.milestone_id)
            SELECT person_id, milestone_id, false FROM reserved
            UNION ALL
            SELECT NULL, NULL, coalesce((SELECT true FROM due_calls WHERE {Waiting} AND {InDepartments} ORDER BY {FreeAt} LIMIT 1), false)
            WHERE NOT EXISTS (SELECT 1 FROM reserved)
            """, new { operatorId, departments, now = now.ToUniversalTime(), leaseUntil = leaseUntil.ToUniversalTime(), zone, closes });
        return (row.PersonId is { } p ? (p, row.MilestoneId!) : null, row.Waiting);
    }

    /// <summary>A due call this operator reserved and still holds (live lease): a claim its grain lost in a crash.</summary>
    public async Task<Guid?> OwnReservationAsync(string operatorId, DateTimeOffset now)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        return await conn.QueryFirstOrDefaultAsync<Guid?>(
            "SELECT person_id FROM due_calls WHERE claimed_by = @operatorId AND lease_until >= @now ORDER BY rank, due_at LIMIT 1",
            new { operatorId, now = now.ToUniversalTime() });
    }

    /// <summary>Calls waiting for an operator now / due before the day's end, by department.</summary>
    public async Task<List<(string Department, string Milestone, int Queue, int Remaining)>> QueueByDepartmentAsync(DateTimeOffset now,
        DateTimeOffset endOfDay)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<(string Department, string Milestone, int Queue, int Remaining)>($"""
            SELECT department, milestone, count(*) FILTER (WHERE {Waiting})::int, count(*)::int
            FROM due_calls WHERE due_at < @endOfDay GROUP BY department, milestone
            """, new { now = now.UtcDateTime, endOfDay = endOfDay.UtcDateTime })).AsList();
    }

    /// <summary>Calls waiting for an operator at <paramref name="now"/>, by milestone type.</summary>
    public async Task<List<(string Milestone, long Count)>> WaitingByTypeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await conn.QueryAsync<(string Milestone, long Count)>(new CommandDefinition(
            $"SELECT milestone, count(*) FROM due_calls WHERE {Waiting} GROUP BY milestone", new { now = now.UtcDateTime },
            cancellationToken: cancellationToken))).AsList();
    }

    public async Task<CallPriorities> GetCallPrioritiesAsync()
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        var order = (await conn.QueryAsync<string>("SELECT milestone FROM call_priorities ORDER BY rank")).Select(Enum.Parse<CallType>).ToArray();
        var vulnerableFirst = await conn.QuerySingleAsync<bool>("SELECT vulnerable_first FROM queue_settings WHERE id = 1");
        return new CallPriorities(order, vulnerableFirst);
    }

    /// <summary>New ARS priorities: every due call is re-ranked in the same transaction, so the next "next" uses them.</summary>
    public async Task SetCallPrioritiesAsync(CallPriorities priorities)
    {
        priorities = priorities.WithRetry();
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("DELETE FROM call_priorities", transaction: tx);
        for (var i = 0; i < priorities.Order.Length; i++)
            await conn.ExecuteAsync("INSERT INTO call_priorities (milestone, rank) VALUES (@m, @rank)",
                new { m = priorities.Order[i].ToString(), rank = i + 1 }, tx);
        await conn.ExecuteAsync("UPDATE queue_settings SET vulnerable_first = @VulnerableFirst WHERE id = 1", priorities, tx);
        await conn.ExecuteAsync("UPDATE due_calls SET rank = call_rank(milestone, urgent, socially_vulnerable, retry)", transaction: tx);
        await tx.CommitAsync();
    }
}
