using Dapper;
using FollowUp.Silo.Infrastructure;
using Npgsql;

namespace FollowUp.Tests.Infrastructure;

/// <summary>
/// An operator's "next" with nothing (or little) waiting does not read the calls due later: the wave's calls, due 4 hours
/// after their SMS, are never scanned by the queue's statements, also once the silo's pool has prepared them (Npgsql
/// prepares a statement after its second use on a connection; PostgreSQL may then run a plan made for any parameters:
/// the "anything waiting?" check did so, scanning the whole table at each empty ask). Counted by PostgreSQL's statistics
/// of the table and of ix_due_calls_free_at (db/0057), not by time.
/// </summary>
public sealed class CallQueueScanTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 11, 0, 0, TimeSpan.Zero);
    private NpgsqlDataSource _ds = null!;
    private CallQueueStore _db = null!;

    public async Task InitializeAsync()
    {
        // The silo's pool settings (automatic preparation), on one connection: every statement runs on the same session,
        // so it is prepared there and its statistics are flushed by the session that reads them.
        var cs = new NpgsqlConnectionStringBuilder(AutoPrepare.Apply(TestDatabase.Create("queuescan"))) { MaxPoolSize = 1 };
        _ds = NpgsqlDataSource.Create(cs.ConnectionString);
        _db = new CallQueueStore(_ds);
        await using var conn = await _ds.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            INSERT INTO due_calls (person_id, milestone_id, milestone, due_at, urgent, socially_vulnerable, department, rank)
            SELECT gen_random_uuid(), 'J2', 'J2', @later + (i % 900) * interval '1 second', false, i % 10 = 0, '13',
                   call_rank('J2', false, i % 10 = 0, false)
            FROM generate_series(1, 20000) i;
            INSERT INTO due_calls (person_id, milestone_id, milestone, due_at, urgent, socially_vulnerable, department, claimed_by, lease_until, rank)
            SELECT gen_random_uuid(), 'J2', 'J2', @earlier, false, false, '13', 'held-' || i, @leaseEnd, call_rank('J2', false, false, false)
            FROM generate_series(1, 100) i;
            ANALYZE due_calls;
            """, new { later = Noon.AddHours(4).UtcDateTime, earlier = Noon.AddHours(-1).UtcDateTime, leaseEnd = Noon.AddMinutes(10).UtcDateTime });
    }

    public async Task DisposeAsync() => await _ds.DisposeAsync();

    /// <summary>Sequential scans of due_calls and scans of ix_due_calls_free_at so far.</summary>
    private async Task<(long Sequential, long FreeAt)> ScansAsync()
    {
        await using var conn = await _ds.OpenConnectionAsync();
        await conn.ExecuteAsync("SELECT pg_stat_force_next_flush()"); // this session's counts are flushed as it goes idle
        return await conn.QuerySingleAsync<(long, long)>("""
            SELECT (SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'due_calls'),
                   (SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'ix_due_calls_free_at')
            """);
    }

    [Fact]
    public async Task An_empty_or_near_empty_next_reads_no_call_due_later_even_once_its_statement_is_prepared()
    {
        var before = await ScansAsync();
        for (var i = 0; i < 12; i++) // 20,000 calls due in 4 hours, 100 in operators' hands: nothing to do
            Assert.Null(await _db.ReserveNextCallAsync("op-scan", null, Noon, Noon.AddMinutes(20)));
        var empty = await ScansAsync();
        Assert.Equal(before.Sequential, empty.Sequential);
        Assert.True(empty.FreeAt >= before.FreeAt + 12, $"ix_due_calls_free_at scanned {empty.FreeAt - before.FreeAt} times for 12 asks");

        var waiting = Guid.NewGuid();
        var expired = Guid.NewGuid();
        await using (var conn = await _ds.OpenConnectionAsync())
            await conn.ExecuteAsync("""
                INSERT INTO due_calls (person_id, milestone_id, milestone, due_at, urgent, socially_vulnerable, department, claimed_by,
                    lease_until, rank)
                VALUES (@waiting, 'J2', 'J2', @due, false, false, '13', NULL, NULL, call_rank('J2', false, false, false)),
                       (@expired, 'J2', 'J2', @due - interval '1 hour', false, false, '13', 'op-gone', @due, call_rank('J2', false, false, false))
                """, new { waiting, expired, due = Noon.AddMinutes(-30).UtcDateTime });
        Assert.Equal(expired, (await _db.ReserveNextCallAsync("op-scan", null, Noon, Noon.AddMinutes(20)))?.PersonId);
        Assert.Equal(waiting, (await _db.ReserveNextCallAsync("op-scan", null, Noon, Noon.AddMinutes(20)))?.PersonId);
        for (var i = 0; i < 5; i++) Assert.Null(await _db.ReserveNextCallAsync("op-scan", null, Noon, Noon.AddMinutes(20)));
        Assert.Equal(before.Sequential, (await ScansAsync()).Sequential);
    }
}
