using Dapper;
using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>Owner of <c>simulation_clock</c>: how far the virtual clock of simulation mode went (it resumes there).</summary>
public sealed class SimulationClock(NpgsqlDataSource dataSource)
{
    /// <summary>The saved time, or null before the first save (read once at start, before the silo runs).</summary>
    public DateTimeOffset? Saved()
    {
        using var conn = dataSource.OpenConnection();
        return conn.ExecuteScalar<DateTime?>("SELECT now FROM simulation_clock WHERE id = 1") is { } t
            ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
    }

    /// <summary>Saves the virtual time; it never goes back.</summary>
    public async Task SaveSimulationClockAsync(DateTimeOffset now)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("INSERT INTO simulation_clock (id, now) VALUES (1, @now) ON CONFLICT (id) DO UPDATE SET now = " +
            "GREATEST(simulation_clock.now, excluded.now)",
            new { now = now.UtcDateTime });
    }
}
