using Dapper;
using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>
/// Owner of <c>sms_messages</c> in the silo: the record of each SMS the operator took (maps the operator's id to our
/// message for delivery reports), applying a delivery report that arrived before it (<c>pending_delivery_reports</c>).
/// </summary>
public sealed class SmsLedger(NpgsqlDataSource dataSource)
{
    /// <summary>Records an SMS the operator took; returns a delivery report that arrived before this record, if any.</summary>
    public async Task<bool?> SaveSmsAsync(string messageId, Guid personId, string milestoneId, string? providerId, DateTimeOffset sentAt)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            INSERT INTO sms_messages (message_id, person_id, milestone_id, provider_id, sent_at) VALUES (@messageId, @personId, @milestoneId,
                @providerId, @sentAt)
            ON CONFLICT (message_id) DO UPDATE SET provider_id = excluded.provider_id
            """, new { messageId, personId, milestoneId, providerId, sentAt = sentAt.ToUniversalTime() });
        if (providerId is null) return null;
        var early = await conn.QuerySingleOrDefaultAsync<(string Status, bool Delivered)?>(
            "DELETE FROM pending_delivery_reports WHERE provider_id = @providerId RETURNING delivery_status, delivered", new { providerId });
        if (early is not { } e) return null;
        await conn.ExecuteAsync("UPDATE sms_messages SET delivery_status = @Status, delivered_at = CASE WHEN @Delivered THEN now() END WHERE " +
            "message_id = @messageId",
            new { e.Status, e.Delivered, messageId });
        return e.Delivered;
    }
}
