using Dapper;
using Npgsql;

namespace FollowUp.Web.Application.Privacy;

/// <summary>Read-only: the retention purge's runs (<c>privacy_purges</c>, written by the silo's PrivacyGrain).</summary>
public sealed class PurgeRuns(NpgsqlDataSource db)
{
    public sealed record Run(long Id, DateTime StartedAt, DateTime? FinishedAt, DateTime Horizon, string Counts, string? Error);

    /// <summary>The last run, or null before the first.</summary>
    public async Task<Run?> LastAsync()
    {
        await using var conn = await db.OpenConnectionAsync();
        var row = await conn.QuerySingleOrDefaultAsync<(long Id, DateTime StartedAt, DateTime? FinishedAt, DateTime Horizon, string Counts,
            string? Error)?>(
            "SELECT id, started_at, finished_at, horizon, counts::text, error FROM privacy_purges ORDER BY id DESC LIMIT 1");
        return row is { } r ? new Run(r.Id, r.StartedAt, r.FinishedAt, r.Horizon, r.Counts, r.Error) : null;
    }
}
