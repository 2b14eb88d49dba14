using Dapper;
using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>
/// Owner of <c>due_calls</c>, <c>call_priorities</c> and <c>queue_settings</c>: the calls the person grains publish as
/// due, the operators' reservations of them, the ARS priorities that rank them, and the counts of the queue.
/// </summary>
public sealed class CallQueueStore(NpgsqlDataSource dataSource)
{
    /// <summary>The one definition of a call waiting for an operator at @now: due, and in no operator's hands (unclaimed
    /// or its lease expired). Every query of the queue uses it.</summary>
    private const string Waiting = "due_at <= @now AND (claimed_by IS NULL OR lease_until < @now)";

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
    /// </summary>
    public async Task<(Guid PersonId, string MilestoneId)?> ReserveNextCallAsync(string operatorId, string[] departments, DateTimeOffset now,
        DateTimeOffset leaseUntil, string? zone = null, TimeOnly? closesAt = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var reserved = await TryReserveNextCallAsync(operatorId, departments, now, leaseUntil, zone ?? Zones.Paris.Id, closesAt);
            if (reserved is not null || attempt == 8 || !await AnyWaitingAsync(departments, now)) return reserved;
            await Task.Delay(25 << Math.Min(attempt, 4));
        }
    }

    private async Task<bool> AnyWaitingAsync(string[] departments, DateTimeOffset now)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        return await conn.QuerySingleAsync<bool>(
            $"SELECT EXISTS (SELECT 1 FROM due_calls WHERE {Waiting} AND (cardinality(@departments) = 0 OR department = ANY(@departments)))",
            new { departments, now = now.ToUniversalTime() });
    }

    private async Task<(Guid PersonId, string MilestoneId)?> TryReserveNextCallAsync(string operatorId, string[] departments, DateTimeOffset now,
        DateTimeOffset leaseUntil, string zone, TimeOnly? closesAt)
    {
        var closes = closesAt?.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        await using var conn = await dataSource.OpenConnectionAsync();
        return await conn.QuerySingleOrDefaultAsync<(Guid, string)?>($"""
            WITH pick AS (
                SELECT person_id, milestone_id FROM due_calls
                WHERE {Waiting}
                  AND (cardinality(@departments) = 0 OR department = ANY(@departments))
                ORDER BY (NOT urgent AND window_start IS NOT NULL AND (@now::timestamptz AT TIME ZONE @zone)::time < window_start
                          AND (@closes::time IS NULL OR window_start < @closes::time)), rank,
                         (window_start IS NOT NULL AND (@now::timestamptz AT TIME ZONE @zone)::time < window_end) DESC, due_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            UPDATE due_calls d SET claimed_by = @operatorId, lease_until = @leaseUntil
            FROM pick WHERE d.person_id = pick.person_id AND d.milestone_id = pick.milestone_id
            RETURNING d.person_id, d.milestone_id
            """, new { operatorId, departments, now = now.ToUniversalTime(), leaseUntil = leaseUntil.ToUniversalTime(), zone, closes });
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

    /// <summary>The departments an operator takes calls for (none: every department), from the staff accounts.</summary>
    public async Task<string[]> OperatorDepartmentsAsync(string operatorId)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        return await conn.QuerySingleOrDefaultAsync<string[]>("SELECT departments FROM users WHERE user_name = @operatorId", new { operatorId })
            ?? [];
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
