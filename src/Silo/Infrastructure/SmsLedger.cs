using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>
/// Owner of <c>sms_messages</c> in the silo: the record of each SMS the operator took (maps the operator's id to our
/// message for delivery reports), applying a delivery report that arrived before it (<c>pending_delivery_reports</c>).
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
    /// Run together in one transaction (a batch, or a <see cref="GroupCommit"/> submission).
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
}
