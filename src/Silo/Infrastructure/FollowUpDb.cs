using Dapper;
using FollowUp.Silo.Reporting;
using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>The project's own tables (indexes written by the grains). Grain state itself is in Orleans storage.</summary>
public sealed class FollowUpDb(NpgsqlDataSource dataSource)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public sealed record PersonRow(Guid Id, string ExternalId, string Kind, string FirstName, string LastName, string Phone,
        DateOnly? BirthDate, string Department, DateOnly InclusionDate, bool SociallyVulnerable, string Status, DateTimeOffset? NextWakeAt);

    /// <summary>
    /// Publishes the person's index row, due calls and new timeline events in one round trip (an Npgsql batch runs as
    /// one implicit transaction). Idempotent: republishing the same state changes nothing.
    /// </summary>
    public async Task UpsertPersonAsync(PersonRow p, IReadOnlyList<DueCall> dueCalls, IReadOnlyList<TimelineEntry> timeline, int publishedEvents)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(conn);
        batch.BatchCommands.Add(Command("""
            INSERT INTO persons (id, external_id, kind, first_name, last_name, phone, birth_date, department, inclusion_date,
                                 socially_vulnerable, status, next_wake_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, first_name = excluded.first_name, last_name = excluded.last_name,
                phone = excluded.phone, birth_date = excluded.birth_date, department = excluded.department,
                inclusion_date = excluded.inclusion_date, socially_vulnerable = excluded.socially_vulnerable,
                status = excluded.status, next_wake_at = excluded.next_wake_at, updated_at = now()
            """, p.Id, p.ExternalId, p.Kind, p.FirstName, p.LastName, p.Phone, p.BirthDate, p.Department, p.InclusionDate,
            p.SociallyVulnerable, p.Status, p.NextWakeAt?.UtcDateTime));
        batch.BatchCommands.Add(Command("DELETE FROM due_calls WHERE person_id = $1 AND NOT (milestone_id = ANY($2))",
            p.Id, dueCalls.Select(d => d.MilestoneId).ToArray()));
        if (dueCalls.Count > 0)
            batch.BatchCommands.Add(Command("""
                INSERT INTO due_calls (person_id, milestone_id, milestone, due_at, urgent, socially_vulnerable, department, claimed_by, lease_until, retry, window_start, window_end, rank)
                SELECT $1, m, t, d, u, $2, $3, c, l, r, ws, we, call_rank(t, u, $2, r)
                FROM unnest($4::text[], $5::text[], $6::timestamptz[], $7::boolean[], $8::text[], $9::timestamptz[], $10::boolean[], $11::time[], $12::time[])
                    AS x(m, t, d, u, c, l, r, ws, we)
                ON CONFLICT (person_id, milestone_id) DO UPDATE SET milestone = excluded.milestone, due_at = excluded.due_at,
                    urgent = excluded.urgent, socially_vulnerable = excluded.socially_vulnerable, department = excluded.department,
                    claimed_by = excluded.claimed_by, lease_until = excluded.lease_until, retry = excluded.retry,
                    window_start = excluded.window_start, window_end = excluded.window_end, rank = excluded.rank
                """, p.Id, p.SociallyVulnerable, p.Department,
                dueCalls.Select(d => d.MilestoneId).ToArray(), dueCalls.Select(d => d.Milestone.ToString()).ToArray(),
                dueCalls.Select(d => d.DueAt.UtcDateTime).ToArray(), dueCalls.Select(d => d.Urgent).ToArray(),
                dueCalls.Select(d => d.ClaimedBy).ToArray(), dueCalls.Select(d => d.LeaseUntil?.UtcDateTime).ToArray(), dueCalls.Select(d => d.Retry).ToArray(),
                dueCalls.Select(d => d.WindowStart).ToArray(), dueCalls.Select(d => d.WindowEnd).ToArray()));
        if (publishedEvents < timeline.Count)
        {
            var events = timeline.Skip(publishedEvents).ToList();
            batch.BatchCommands.Add(Command("""
                INSERT INTO person_events (person_id, seq, at, event, actor, detail)
                SELECT $1, s, a, e, w, d FROM unnest($2::integer[], $3::timestamptz[], $4::text[], $5::text[], $6::text[]) AS t(s, a, e, w, d)
                ON CONFLICT (person_id, seq) DO NOTHING
                """, p.Id, Enumerable.Range(publishedEvents, events.Count).ToArray(), events.Select(e => e.At.UtcDateTime).ToArray(),
                events.Select(e => e.Event).ToArray(), events.Select(e => e.Actor).ToArray(), events.Select(e => e.Detail).ToArray()));
        }
        await batch.ExecuteNonQueryAsync();
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var c = new NpgsqlBatchCommand(sql);
        foreach (var v in values) c.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
        return c;
    }

    /// <summary>Records an SMS the operator took; returns a delivery report that arrived before this record, if any.</summary>
    public async Task<bool?> SaveSmsAsync(string messageId, Guid personId, string milestoneId, string? providerId, DateTimeOffset sentAt)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            INSERT INTO sms_messages (message_id, person_id, milestone_id, provider_id, sent_at) VALUES (@messageId, @personId, @milestoneId, @providerId, @sentAt)
            ON CONFLICT (message_id) DO UPDATE SET provider_id = excluded.provider_id
            """, new { messageId, personId, milestoneId, providerId, sentAt = sentAt.ToUniversalTime() });
        if (providerId is null) return null;
        var early = await conn.QuerySingleOrDefaultAsync<(string Status, bool Delivered)?>(
            "DELETE FROM pending_delivery_reports WHERE provider_id = @providerId RETURNING delivery_status, delivered", new { providerId });
        if (early is not { } e) return null;
        await conn.ExecuteAsync("UPDATE sms_messages SET delivery_status = @Status, delivered_at = CASE WHEN @Delivered THEN now() END WHERE message_id = @messageId",
            new { e.Status, e.Delivered, messageId });
        return e.Delivered;
    }

    public async Task<IReadOnlyList<Guid>> ActivePersonsByPhoneAsync(string phone)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<Guid>("SELECT id FROM persons WHERE phone = @phone AND status = 'active'", new { phone })).AsList();
    }

    /// <summary>
    /// Reserves the best due call for an operator: lowest rank (ARS priorities), then earliest due time; unclaimed or
    /// with an expired lease; optionally in the operator's departments. SKIP LOCKED: concurrent operators never wait
    /// on each other nor get the same row. The person grain then confirms (it is the arbiter). Preferred call windows
    /// (local time of <paramref name="zone"/>): a call whose window is still ahead today waits while anyone else is due;
    /// within a rank, persons inside their window come first; once a window has passed the call is served like any other.
    /// </summary>
    public async Task<(Guid PersonId, string MilestoneId)?> ReserveNextCallAsync(string operatorId, string[] departments, DateTimeOffset now, DateTimeOffset leaseUntil,
        string zone = "Europe/Paris")
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return await conn.QuerySingleOrDefaultAsync<(Guid, string)?>("""
            WITH pick AS (
                SELECT person_id, milestone_id FROM due_calls
                WHERE due_at <= @now AND (claimed_by IS NULL OR lease_until < @now)
                  AND (cardinality(@departments) = 0 OR department = ANY(@departments))
                ORDER BY (window_start IS NOT NULL AND (@now::timestamptz AT TIME ZONE @zone)::time < window_start), rank,
                         (window_start IS NOT NULL AND (@now::timestamptz AT TIME ZONE @zone)::time < window_end) DESC, due_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            UPDATE due_calls d SET claimed_by = @operatorId, lease_until = @leaseUntil
            FROM pick WHERE d.person_id = pick.person_id AND d.milestone_id = pick.milestone_id
            RETURNING d.person_id, d.milestone_id
            """, new { operatorId, departments, now = now.ToUniversalTime(), leaseUntil = leaseUntil.ToUniversalTime(), zone });
    }

    /// <summary>A due call this operator reserved and still holds (live lease): a claim its grain lost in a crash.</summary>
    public async Task<Guid?> OwnReservationAsync(string operatorId, DateTimeOffset now)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return await conn.QueryFirstOrDefaultAsync<Guid?>(
            "SELECT person_id FROM due_calls WHERE claimed_by = @operatorId AND lease_until >= @now ORDER BY rank, due_at LIMIT 1",
            new { operatorId, now = now.ToUniversalTime() });
    }

    /// <summary>Person events with from ≤ at &lt; to, ordered by person then sequence.</summary>
    public async Task<List<PersonEvent>> EventsAsync(DateTimeOffset from, DateTimeOffset to)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(Guid PersonId, int Seq, DateTime At, string Event, string Actor, string? Detail)>(
            "SELECT person_id, seq, at, event, actor, detail FROM person_events WHERE at >= @from AND at < @to ORDER BY person_id, seq",
            new { from = from.UtcDateTime, to = to.UtcDateTime });
        return rows.Select(r => new PersonEvent(r.PersonId, r.Seq, new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)), r.Event, r.Actor, r.Detail)).ToList();
    }

    /// <summary>Persons included before <paramref name="end"/> whose follow-up had not ended by then.</summary>
    public async Task<int> PersonsInFollowUpAsync(DateTimeOffset end)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<int>(
            "SELECT (count(*) FILTER (WHERE event = 'included') - count(*) FILTER (WHERE event = 'followUpEnded'))::int FROM person_events WHERE at < @end AND event IN ('included', 'followUpEnded')",
            new { end = end.UtcDateTime });
    }

    /// <summary>Milestones ahead between the two days, still open, with whether their call is certain (vulnerable person,
    /// no mobile, SMS opt-out).</summary>
    public async Task<List<ScheduledMilestone>> ScheduledMilestonesAsync(DateOnly from, DateOnly to)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(string Milestone, DateTime Due, bool Certain)>("""
            SELECT split_part(e.detail, ':', 1), split_part(e.detail, ':', 2)::date,
                   coalesce(p.socially_vulnerable, false)
                   OR EXISTS (SELECT 1 FROM person_events o WHERE o.person_id = e.person_id AND o.event = 'smsOptOut')
                   OR EXISTS (SELECT 1 FROM person_events c WHERE c.person_id = e.person_id AND c.event = 'callDue'
                                AND split_part(c.detail, ':', 1) = split_part(e.detail, ':', 1) AND split_part(c.detail, ':', 2) IN ('noMobile', 'smsOptOut'))
            FROM person_events e
            LEFT JOIN persons p ON p.id = e.person_id
            WHERE e.event = 'milestoneScheduled' AND split_part(e.detail, ':', 2)::date BETWEEN @from AND @to
              AND NOT EXISTS (SELECT 1 FROM person_events x WHERE x.person_id = e.person_id AND x.event = 'milestoneCancelled' AND x.detail = split_part(e.detail, ':', 1))
              AND NOT EXISTS (SELECT 1 FROM person_events y WHERE y.person_id = e.person_id AND y.event = 'followUpEnded')
            """, new { from = from.ToDateTime(TimeOnly.MinValue), to = to.ToDateTime(TimeOnly.MinValue) });
        return rows.Select(r => new ScheduledMilestone(r.Milestone.Split('-')[0], DateOnly.FromDateTime(r.Due), r.Certain)).ToList();
    }

    public async Task<DateOnly?> LastArchivedReportAsync()
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        var d = await conn.ExecuteScalarAsync<DateTime?>("SELECT max(date) FROM daily_reports");
        return d is { } v ? DateOnly.FromDateTime(v) : null;
    }

    public async Task ArchiveReportAsync(DateOnly date, string json)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("INSERT INTO daily_reports (date, report) VALUES (@date, @json::jsonb) ON CONFLICT (date) DO NOTHING",
            new { date = date.ToDateTime(TimeOnly.MinValue), json });
    }

    /// <summary>The "Informations complémentaires" the ARS selected (report_indicators, written by the web's Admin page).</summary>
    public async Task<List<string>> SelectedReportIndicatorsAsync()
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<string>("SELECT id FROM report_indicators")).ToList();
    }

    public async Task<List<(DateOnly Date, string Json)>> UnmailedReportsAsync()
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<(DateTime Date, string Json)>("SELECT date, report::text FROM daily_reports WHERE mailed_at IS NULL ORDER BY date"))
            .Select(r => (DateOnly.FromDateTime(r.Date), r.Json)).ToList();
    }

    public async Task MarkReportMailedAsync(DateOnly date)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("UPDATE daily_reports SET mailed_at = now() WHERE date = @d", new { d = date.ToDateTime(TimeOnly.MinValue) });
    }

    public async Task SaveSimulationClockAsync(DateTimeOffset now)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("INSERT INTO simulation_clock (id, now) VALUES (1, @now) ON CONFLICT (id) DO UPDATE SET now = GREATEST(simulation_clock.now, excluded.now)",
            new { now = now.UtcDateTime });
    }

    /// <summary>Calls waiting for an operator now (due, not in someone's hands), and calls still to make before the day's end.</summary>
    public async Task<(int Queue, int RemainingToday)> QueueAsync(DateTimeOffset now, DateTimeOffset endOfDay)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return await conn.QuerySingleAsync<(int, int)>("""
            SELECT count(*) FILTER (WHERE due_at <= @now AND (claimed_by IS NULL OR lease_until < @now))::int,
                   count(*)::int
            FROM due_calls WHERE due_at < @endOfDay
            """, new { now = now.UtcDateTime, endOfDay = endOfDay.UtcDateTime });
    }

    public async Task<string[]> OperatorDepartmentsAsync(string operatorId)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return await conn.QuerySingleOrDefaultAsync<string[]>("SELECT departments FROM users WHERE user_name = @operatorId", new { operatorId }) ?? [];
    }

    public async Task<CallPriorities> GetCallPrioritiesAsync()
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        var order = (await conn.QueryAsync<string>("SELECT milestone FROM call_priorities ORDER BY rank")).Select(Enum.Parse<CallType>).ToArray();
        var vulnerableFirst = await conn.QuerySingleAsync<bool>("SELECT vulnerable_first FROM queue_settings WHERE id = 1");
        return new CallPriorities(order, vulnerableFirst);
    }

    /// <summary>New ARS priorities: every due call is re-ranked in the same transaction, so the next "next" uses them.</summary>
    public async Task SetCallPrioritiesAsync(CallPriorities priorities)
    {
        priorities = priorities.WithRetry();
        await using var conn = await DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("DELETE FROM call_priorities", transaction: tx);
        for (var i = 0; i < priorities.Order.Length; i++)
            await conn.ExecuteAsync("INSERT INTO call_priorities (milestone, rank) VALUES (@m, @rank)", new { m = priorities.Order[i].ToString(), rank = i + 1 }, tx);
        await conn.ExecuteAsync("UPDATE queue_settings SET vulnerable_first = @VulnerableFirst WHERE id = 1", priorities, tx);
        await conn.ExecuteAsync("UPDATE due_calls SET rank = call_rank(milestone, urgent, socially_vulnerable, retry)", transaction: tx);
        await tx.CommitAsync();
    }

    public async Task SaveQuestionnaireTokenAsync(byte[] tokenHash, Guid personId, string milestoneId, MilestoneType milestone, DateTimeOffset expiresAt)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            INSERT INTO questionnaire_tokens (token_hash, person_id, milestone_id, milestone, expires_at)
            VALUES (@tokenHash, @personId, @milestoneId, @m, @expiresAt) ON CONFLICT DO NOTHING
            """, new { tokenHash, personId, milestoneId, m = milestone.ToString(), expiresAt = expiresAt.ToUniversalTime() });
    }

    public async Task<DateTimeOffset?> NextWakeAsync()
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        var next = await conn.ExecuteScalarAsync<DateTime?>("SELECT min(next_wake_at) FROM persons");
        return next is { } utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;
    }

    public async Task<IReadOnlyList<Guid>> PersonsDueAsync(DateTimeOffset at, int limit)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<Guid>("SELECT id FROM persons WHERE next_wake_at <= @at ORDER BY next_wake_at LIMIT @limit", new { at = at.ToUniversalTime(), limit })).AsList();
    }
}
