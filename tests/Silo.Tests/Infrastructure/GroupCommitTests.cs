using Dapper;
using FollowUp.Silo.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FollowUp.Tests.Infrastructure;

/// <summary>
/// The silo's group-commit writer on a real PostgreSQL. To make submissions meet in one batch without timing, the table
/// is locked by another connection: the writer's first batch waits on the lock while the next submissions queue up, and
/// they all go in the writer's next batch once the lock is released.
/// </summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private NpgsqlDataSource _ds = null!;

    public async Task InitializeAsync()
    {
        _ds = NpgsqlDataSource.Create(TestDatabase.Create("groupcommit"));
        await using var conn = await _ds.OpenConnectionAsync();
        await conn.ExecuteAsync("CREATE TABLE gc (id integer PRIMARY KEY, v text NOT NULL CHECK (v <> 'bad'))");
    }

    public async Task DisposeAsync() => await _ds.DisposeAsync();

    private static NpgsqlBatchCommand Insert(int id, string v) => BatchCommands.Command("INSERT INTO gc (id, v) VALUES ($1, $2)", id, v);

    [Fact]
    public async Task Many_callers_writes_share_one_transaction_and_are_all_durable()
    {
        await using var writer = new GroupCommit(_ds, 1, NullLogger<GroupCommit>.Instance);
        var submissions = Enumerable.Range(1, 50).Select(i => (IReadOnlyList<NpgsqlBatchCommand>)
            [Insert(i, $"person {i}"), BatchCommands.Command("UPDATE gc SET v = v || ' updated' WHERE id = $1", i)]).ToList();
        var (first, queued) = await WhileLockedAsync(writer, submissions);

        await first;
        var rows = await Task.WhenAll(queued);

        Assert.All(rows, r => Assert.Equal(new[] { 1, 1 }, r)); // each caller gets its own commands' rows affected
        Assert.Equal(2, writer.Batches); // the lone first submission, then the 50 queued behind it in one transaction
        Assert.Equal(51, writer.Submissions);
        await using var conn = await _ds.OpenConnectionAsync();
        Assert.Equal(51, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM gc"));
        Assert.Equal(50, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM gc WHERE v LIKE '% updated'"));
    }

    [Fact]
    public async Task A_failing_submission_fails_only_its_own_caller_and_none_of_its_commands_apply()
    {
        await using var writer = new GroupCommit(_ds, 1, NullLogger<GroupCommit>.Instance);
        var submissions = Enumerable.Range(1, 10).Select(i => (IReadOnlyList<NpgsqlBatchCommand>)(i == 5
            ? [Insert(105, "guilty's first command"), Insert(5, "bad")] // the CHECK fails: the whole submission is refused
            : [Insert(i, $"innocent {i}")])).ToList();
        var (first, queued) = await WhileLockedAsync(writer, submissions);

        await first;
        var guilty = await Assert.ThrowsAsync<PostgresException>(() => queued[4]);
        Assert.Equal(PostgresErrorCodes.CheckViolation, guilty.SqlState);
        foreach (var (task, i) in queued.Select((t, i) => (t, i)).Where(x => x.i != 4)) Assert.Equal(new[] { 1 }, await task);

        await using var conn = await _ds.OpenConnectionAsync();
        var ids = (await conn.QueryAsync<int>("SELECT id FROM gc ORDER BY id")).ToArray();
        Assert.Equal(new[] { 1, 2, 3, 4, 6, 7, 8, 9, 10, 1000 }, ids);
    }

    [Fact]
    public async Task Rows_affected_tell_a_write_that_changed_nothing()
    {
        await using var writer = new GroupCommit(_ds, 2, NullLogger<GroupCommit>.Instance);
        Assert.Equal(1, await writer.ExecuteAsync(Insert(7, "seven")));
        Assert.Equal(new[] { 0, 1 }, await writer.ExecuteAsync([
            BatchCommands.Command("UPDATE gc SET v = 'x' WHERE id = $1", 8),
            BatchCommands.Command("UPDATE gc SET v = 'y' WHERE id = $1", 7)]));
        Assert.Empty(await writer.ExecuteAsync([]));
    }

    /// <summary>
    /// Locks the table, submits one row (id 1000) and waits until the writer is blocked on the lock with it, then submits
    /// <paramref name="submissions"/> (queued behind it) and releases the lock.
    /// </summary>
    private async Task<(Task<int> First, List<Task<int[]>> Queued)> WhileLockedAsync(GroupCommit writer,
        List<IReadOnlyList<NpgsqlBatchCommand>> submissions)
    {
        await using var locker = await _ds.OpenConnectionAsync();
        await using var tx = await locker.BeginTransactionAsync();
        await locker.ExecuteAsync("LOCK TABLE gc IN ACCESS EXCLUSIVE MODE", transaction: tx);
        var first = writer.ExecuteAsync(Insert(1000, "first"));
        await using (var watch = await _ds.OpenConnectionAsync())
            while (await watch.ExecuteScalarAsync<int>("SELECT count(*)::int FROM pg_stat_activity WHERE wait_event_type = 'Lock' " +
                "AND datname = current_database()") == 0)
                await Task.Delay(20);
        var queued = submissions.Select(s => writer.ExecuteAsync(s)).ToList();
        await tx.RollbackAsync();
        return (first, queued);
    }
}
