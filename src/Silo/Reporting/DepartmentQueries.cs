using Dapper;
using Npgsql;

namespace FollowUp.Silo.Reporting;

/// <summary>What the per-department report needs from the persons index.</summary>
public static class DepartmentQueries
{
    /// <summary>The department of each person with events in [from, to).</summary>
    public static async Task<Dictionary<Guid, string>> DepartmentsAsync(NpgsqlDataSource db, DateTimeOffset from, DateTimeOffset to)
    {
        await using var conn = await db.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(Guid Id, string Department)>(
            "SELECT p.id, p.department FROM persons p WHERE EXISTS (SELECT 1 FROM person_events e WHERE e.person_id = p.id AND e.at >= @from AND " +
                "e.at < @to)",
            new { from = from.UtcDateTime, to = to.UtcDateTime });
        return rows.ToDictionary(r => r.Id, r => r.Department);
    }

    /// <summary>Persons included before <paramref name="end"/> whose follow-up had not ended by then, by department.</summary>
    public static async Task<Dictionary<string, int>> PersonsInFollowUpAsync(NpgsqlDataSource db, DateTimeOffset end)
    {
        await using var conn = await db.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(string Department, int Count)>("""
            SELECT p.department, (count(*) FILTER (WHERE e.event = @included) - count(*) FILTER (WHERE e.event = @followUpEnded))::int
            FROM person_events e JOIN persons p ON p.id = e.person_id
            WHERE e.at < @end AND e.event IN (@included, @followUpEnded)
            GROUP BY p.department
            """, new { end = end.UtcDateTime, included = TimelineEvents.Included, followUpEnded = TimelineEvents.FollowUpEnded });
        return rows.ToDictionary(r => r.Department, r => r.Count);
    }
}
