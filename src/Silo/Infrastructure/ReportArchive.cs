using Dapper;
using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>Owner of <c>daily_reports</c>: each day's report kept as computed (JSON), and whether it was mailed.</summary>
public sealed class ReportArchive(NpgsqlDataSource dataSource)
{
    public async Task<DateOnly?> LastArchivedReportAsync()
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        var d = await conn.ExecuteScalarAsync<DateTime?>("SELECT max(date) FROM daily_reports");
        return d is { } v ? DateOnly.FromDateTime(v) : null;
    }

    public async Task<bool> ArchivedAsync(DateOnly day)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM daily_reports WHERE date = @d)",
            new { d = day.ToDateTime(TimeOnly.MinValue) });
    }

    /// <summary>Keeps a day's report; a day already kept keeps its first report.</summary>
    public async Task ArchiveReportAsync(DateOnly date, string json)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("INSERT INTO daily_reports (date, report) VALUES (@date, @json::jsonb) ON CONFLICT (date) DO NOTHING",
            new { date = date.ToDateTime(TimeOnly.MinValue), json });
    }

    /// <summary>The kept report of a day whose persons may be purged (before the last purge's horizon); null otherwise.</summary>
    public async Task<string?> ArchivedReportOfPurgedDayAsync(DateOnly day)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        return await conn.QuerySingleOrDefaultAsync<string>("""
            SELECT report::text FROM daily_reports
            WHERE date = @d AND @d < (SELECT max(horizon) FROM privacy_purges)
            """, new { d = day.ToDateTime(TimeOnly.MinValue) });
    }

    /// <summary>The "Informations complémentaires" the ARS selected (report_indicators, written by the web's Admin page).</summary>
    public async Task<List<string>> SelectedReportIndicatorsAsync()
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<string>("SELECT id FROM report_indicators")).ToList();
    }

    public async Task<List<(DateOnly Date, string Json)>> UnmailedReportsAsync()
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<(DateTime Date,
            string Json)>("SELECT date, report::text FROM daily_reports WHERE mailed_at IS NULL ORDER BY date"))
            .Select(r => (DateOnly.FromDateTime(r.Date), r.Json)).ToList();
    }

    public async Task MarkReportMailedAsync(DateOnly date)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("UPDATE daily_reports SET mailed_at = now() WHERE date = @d", new { d = date.ToDateTime(TimeOnly.MinValue) });
    }
}
