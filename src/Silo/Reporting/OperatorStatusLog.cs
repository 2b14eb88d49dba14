using Dapper;
using Npgsql;

namespace FollowUp.Silo.Reporting;

/// <summary>operator_status_events: written at each status change of an operator, read for the staffing "actual".</summary>
public sealed class OperatorStatusLog(NpgsqlDataSource db)
{
    public async Task RecordAsync(string operatorId, OperatorStatus status, string? pauseReason, DateTimeOffset at)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("INSERT INTO operator_status_events (operator_id, at, status, pause_reason) VALUES (@operatorId, @at, @status, " +
            "@pauseReason)",
            new { operatorId, at = at.UtcDateTime, status = status.ToString(), pauseReason });
    }

    /// <summary>The changes in [from, to) and, per operator, the last one before <paramref name="from"/>.</summary>
    public async Task<IReadOnlyList<OperatorStatusChange>> ReadAsync(DateTimeOffset from, DateTimeOffset to)
    {
        await using var conn = await db.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(string OperatorId, DateTime At, string Status)>("""
            SELECT operator_id, at, status FROM operator_status_events WHERE at >= @from AND at < @to
            UNION ALL
            SELECT DISTINCT ON (operator_id) operator_id, at, status FROM operator_status_events WHERE at < @from
            ORDER BY 1, 2
            """, new { from = from.UtcDateTime, to = to.UtcDateTime });
        return rows.Select(r => new OperatorStatusChange(r.OperatorId, new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)),
            Enum.Parse<OperatorStatus>(r.Status))).ToList();
    }
}
