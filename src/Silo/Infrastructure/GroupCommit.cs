using Microsoft.Extensions.Logging;
using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>
/// The silo's group-commit writer: grains submit their commands (<see cref="ExecuteAsync"/>), and a few writers send
/// many grains' commands in one Npgsql batch inside one transaction, so a wave of thousands of persons costs a few
/// hundred commits instead of thousands. A submission's commands run together, in order, in one transaction (all or
/// nothing). The window is natural: while a writer commits, the next submissions gather, and the next writer takes up to
/// <see cref="MaxBatch"/> of them at once (no timer, so a lone submission is not delayed; <see cref="GroupWriter{TItem,TResult}"/>).
/// Each writer holds one connection of the silo's pool (the connection budget: <see cref="Writers"/> ≤ a quarter of the
/// pool). A batch that fails is tried again one submission at a time, so only the submission at fault gets the error.
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    /// <summary>Submissions per batch at most (one transaction).</summary>
    public const int MaxBatch = 256;
    /// <summary>Submissions waiting at most; more submitters wait for room (backpressure, not failure).</summary>
    public const int QueueCapacity = 16 * 1024;

    private readonly NpgsqlDataSource _db;
    private readonly GroupWriter<Submission, int[]> _writer;

    public GroupCommit(NpgsqlDataSource db, int writers, ILogger<GroupCommit> logger)
    {
        _db = db;
        Writers = writers;
        _writer = new GroupWriter<Submission, int[]>(writers, MaxBatch, QueueCapacity, CommitAsync, logger, "submissions");
    }

    /// <summary>Writers (connections) committing at once.</summary>
    public int Writers { get; }

    /// <summary>Transactions committed so far (batches, and submissions tried again alone).</summary>
    public long Batches => _writer.Batches;

    /// <summary>Submissions committed so far.</summary>
    public long Submissions => _writer.Items;

    /// <summary>Writers for a silo whose pool for our tables holds <paramref name="poolSize"/> connections.</summary>
    public static int WritersFor(int poolSize) => Math.Max(1, poolSize / 4);

    /// <summary>
    /// Runs <paramref name="commands"/> in order in one transaction shared with other submissions; completes once that
    /// transaction has committed and answers each command's rows affected. Throws the error of this submission only.
    /// </summary>
    public async Task<int[]> ExecuteAsync(IReadOnlyList<NpgsqlBatchCommand> commands, CancellationToken ct = default) =>
        commands.Count == 0 ? [] : await _writer.WriteAsync(new Submission(commands), ct);

    /// <summary>Runs one command (see <see cref="ExecuteAsync"/>); answers its rows affected.</summary>
    public async Task<int> ExecuteAsync(NpgsqlBatchCommand command, CancellationToken ct = default) => (await ExecuteAsync([command], ct))[0];

    private async Task<int[][]> CommitAsync(IReadOnlyList<Submission> batch)
    {
        await using var conn = await _db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using var npgsqlBatch = new NpgsqlBatch(conn, tx);
        var built = batch.Select(s => s.Build()).ToList(); // fresh commands: a submission tried again alone is built again
        foreach (var c in built.SelectMany(b => b)) npgsqlBatch.BatchCommands.Add(c);
        await npgsqlBatch.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        return [.. built.Select(b => b.Select(c => c.RecordsAffected).ToArray())];
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>One caller's commands, kept as text and values (a command object belongs to one batch only).</summary>
    private sealed class Submission(IReadOnlyList<NpgsqlBatchCommand> commands)
    {
        private readonly (string Sql, object?[] Values)[] _commands =
            [.. commands.Select(c => (c.CommandText, c.Parameters.Select(p => p.Value).ToArray()))];

        public List<NpgsqlBatchCommand> Build() => [.. _commands.Select(c => BatchCommands.Command(c.Sql, c.Values))];
    }
}
