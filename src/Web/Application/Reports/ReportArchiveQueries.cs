using Dapper;
using Npgsql;

namespace FollowUp.Web.Application.Reports;

/// <summary>Read-only: the daily reports the silo kept (<c>daily_reports</c>, owned by the silo's ReportArchive).</summary>
public sealed class ReportArchiveQueries(NpgsqlDataSource db)
{
    /// <summary>A kept day and when its report was computed.</summary>
    public sealed record Entry(DateOnly Date, DateTimeOffset GeneratedAt);

    /// <summary>The kept days, newest first (at most 400).</summary>
    public async Task<List<Entry>> ListAsync()
    {
        await using var conn = await db.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(DateTime Date,
            DateTime GeneratedAt)>("SELECT date, generated_at FROM daily_reports ORDER BY date DESC LIMIT 400");
        return rows.Select(r => new Entry(DateOnly.FromDateTime(r.Date), new DateTimeOffset(DateTime.SpecifyKind(r.GeneratedAt, DateTimeKind.Utc))))
            .ToList();
    }

    /// <summary>The kept report of a day as stored (JSON), or null.</summary>
    public async Task<string?> JsonAsync(DateOnly day)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.QuerySingleOrDefaultAsync<string>("SELECT report::text FROM daily_reports WHERE date = @d",
            new { d = day.ToDateTime(TimeOnly.MinValue) });
    }
}
