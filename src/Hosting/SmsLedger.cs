using Dapper;
using Npgsql;

namespace FollowUp;

/// <summary>
/// Owner of <c>sms_messages</c> and <c>pending_delivery_reports</c>, used by both processes: the silo records each SMS
/// the operator took (maps the operator's id to our message), the web records OVH's delivery reports on it (a report
/// that comes before our record is kept pending and applied once the record exists). Statements only: the callers
/// decide when to retry (the web's <c>DeliveryReportWriter</c> groups reports and retries a group with backoff).
/// </summary>
public sealed class SmsLedger(NpgsqlDataSource dataSource)
{
    /// <summary>Commands of <see cref="SaveCommands"/>: read their rows affected with <see cref="EarlyReport"/>.</summary>
    public const int CommandCount = 3;

    /// <summary>Records an SMS the operator took; returns a delivery report that arrived before this record, if any.</summary>
    public async Task<bool?> SaveSmsAsync(string messageId, Guid personId, string milestoneId, string? providerId, DateTimeOffset sentAt)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(conn);
        var commands = SaveCommands(messageId, personId, milestoneId, providerId, sentAt);
        foreach (var c in commands) batch.BatchCommands.Add(c);
        await batch.ExecuteNonQueryAsync();
        return EarlyReport([.. commands.Select(c => c.RecordsAffected)]);
    }

    /// <summary>
    /// The record of an SMS the operator took, then a delivery report that came before it applied and removed (one
    /// command for a delivered report, one for a failed one: their rows affected say which, see <see cref="EarlyReport"/>).
    /// Run together in one transaction (a batch, or a silo's group-commit submission).
    /// </summary>
    public static NpgsqlBatchCommand[] SaveCommands(string messageId, Guid personId, string milestoneId, string? providerId,
        DateTimeOffset sentAt) =>
    [
        BatchCommands.Command("""
            INSERT INTO sms_messages (message_id, person_id, milestone_id, provider_id, sent_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (message_id) DO UPDATE SET provider_id = excluded.provider_id
            """, messageId, personId, milestoneId, providerId, sentAt.UtcDateTime),
        EarlyCommand(messageId, providerId, delivered: true),
        EarlyCommand(messageId, providerId, delivered: false),
    ];

    /// <summary>The delivery report that came before the record (true delivered, false failed), from the rows affected by
    /// the <see cref="SaveCommands"/> (at <paramref name="offset"/> in <paramref name="rows"/>).</summary>
    public static bool? EarlyReport(IReadOnlyList<int> rows, int offset = 0) =>
        rows[offset + 1] > 0 ? true : rows[offset + 2] > 0 ? false : null;

    private static NpgsqlBatchCommand EarlyCommand(string messageId, string? providerId, bool delivered) => BatchCommands.Command("""
        WITH early AS (DELETE FROM pending_delivery_reports WHERE provider_id = $1 AND delivered = $3 RETURNING delivery_status, delivered)
        UPDATE sms_messages s SET delivery_status = early.delivery_status, delivered_at = CASE WHEN early.delivered THEN now() END
        FROM early WHERE s.message_id = $2
        """, providerId, messageId, delivered);

    /// <summary>
    /// Records a group of delivery reports with one statement: each on its message, or kept pending when our record of
    /// the SMS is not written yet (only reports that say delivered or not). Returns the messages whose report says
    /// delivered or not (each once), for their person to hear of it.
    /// </summary>
    public async Task<List<(Guid PersonId, string MilestoneId, bool Delivered)>> RecordDeliveryReportsAsync(
        IReadOnlyList<DeliveryReport> reports, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            WITH r AS (SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[]) AS r(id, dlr, delivered)),
            u AS (UPDATE sms_messages s SET delivery_status = r.dlr,
                         delivered_at = CASE WHEN r.delivered THEN now() ELSE s.delivered_at END
                  FROM r WHERE s.provider_id = r.id
                  RETURNING s.provider_id, s.person_id, s.milestone_id),
            p AS (INSERT INTO pending_delivery_reports (provider_id, delivery_status, delivered)
                  SELECT r.id, r.dlr, r.delivered FROM r
                  WHERE r.delivered IS NOT NULL AND NOT EXISTS (SELECT 1 FROM u WHERE u.provider_id = r.id)
                  ON CONFLICT DO NOTHING)
            SELECT u.person_id, u.milestone_id, r.delivered FROM u JOIN r ON r.id = u.provider_id WHERE r.delivered IS NOT NULL
            """, conn) { CommandTimeout = 120 };
        cmd.Parameters.Add(new NpgsqlParameter { Value = reports.Select(r => r.ProviderId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = reports.Select(r => r.Status).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = reports.Select(r => r.Delivered).ToArray() });
        return (await ReadAsync(cmd, ct)).Distinct().ToList();
    }

    /// <summary>
    /// Reports kept as pending because our record of the SMS was not visible yet, whose record now exists: applied to the
    /// message (a report and the record committing at the same moment could otherwise leave one pending for good).
    /// Returns the messages they were applied to.
    /// </summary>
    public async Task<List<(Guid PersonId, string MilestoneId, bool Delivered)>> ApplyPendingDeliveryReportsAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            WITH p AS (DELETE FROM pending_delivery_reports d USING sms_messages s WHERE s.provider_id = d.provider_id
                       RETURNING d.provider_id, d.delivery_status, d.delivered)
            UPDATE sms_messages s SET delivery_status = p.delivery_status,
                   delivered_at = CASE WHEN p.delivered THEN coalesce(s.delivered_at, now()) ELSE s.delivered_at END
            FROM p WHERE s.provider_id = p.provider_id
            RETURNING s.person_id, s.milestone_id, p.delivered
            """, conn);
        return await ReadAsync(cmd, ct);
    }

    /// <summary>The delivery reports recorded for these milestones of the person's SMS: (milestone, delivered).</summary>
    public async Task<List<(string MilestoneId, bool Delivered)>> DeliveryReportsAsync(Guid personId, IReadOnlyCollection<string> milestoneIds)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT milestone_id, bool_or(delivered_at IS NOT NULL) FROM sms_messages
            WHERE person_id = $1 AND milestone_id = ANY($2) AND delivery_status IS NOT NULL GROUP BY milestone_id
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = personId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = milestoneIds.ToArray() });
        var rows = new List<(string, bool)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetBoolean(1)));
        return rows;
    }

    private static async Task<List<(Guid, string, bool)>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var rows = new List<(Guid, string, bool)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetBoolean(2)));
        return rows;
    }
}
