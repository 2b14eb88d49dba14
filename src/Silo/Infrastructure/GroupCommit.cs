using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>
/// The silo's group-commit writer: grains submit their commands (<see cref="ExecuteAsync"/>), and a few writers send
/// many grains' commands in one Npgsql batch inside one transaction, so a wave of thousands of persons costs a few
/// hundred commits instead of thousands. A submission's commands run together, in order, in one transaction (all or
/// nothing). The window is natural: while a writer commits, the next submissions gather, and the next writer takes up to
/// <see cref="MaxBatch"/> of them at once (no timer, so a lone submission is not delayed). Each writer holds one
/// connection of the silo's pool (the connection budget: <see cref="Writers"/> ≤ a quarter of the pool). A batch that
/// fails is tried again one submission at a time, so only the submission at fault gets the error; the others commit.
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    /// <summary>Submissions per batch at most (one transaction).</summary>
    public const int MaxBatch = 256;
    /// <summary>Submissions waiting at most; more submitters wait for room (backpressure, not failure).</summary>
    public const int QueueCapacity = 16 * 1024;

    private readonly NpgsqlDataSource _db;
    private readonly ILogger<GroupCommit> _logger;
    private readonly Channel<Submission> _queue =
        Channel.CreateBounded<Submission>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
    private readonly Task[] _writers;
    private long _batches, _submissions;

    public GroupCommit(NpgsqlDataSource db, int writers, ILogger<GroupCommit> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        _db = db;
        _logger = logger;
        Writers = writers;
        _writers = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAsync))];
    }

    /// <summary>Writers (connections) committing at once.</summary>
    public int Writers { get; }

    /// <summary>Transactions committed so far (batches, and submissions tried again alone).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Submissions committed so far.</summary>
    public long Submissions => Interlocked.Read(ref _submissions);

    /// <summary>Writers for a silo whose pool for our tables holds <paramref name="poolSize"/> connections.</summary>
    public static int WritersFor(int poolSize) => Math.Max(1, poolSize / 4);

    /// <summary>
    /// Runs <paramref name="commands"/> in order in one transaction shared with other submissions; completes once that
    /// transaction has committed and answers each command's rows affected. Throws the error of this submission only.
    /// </summary>
    public async Task<int[]> ExecuteAsync(IReadOnlyList<NpgsqlBatchCommand> commands, CancellationToken ct = default)
    {
        if (commands.Count == 0) return [];
        var s = new Submission(commands);
        await _queue.Writer.WriteAsync(s, ct);
        return await s.Done.Task.WaitAsync(ct);
    }

    /// <summary>Runs one command (see <see cref="ExecuteAsync"/>); answers its rows affected.</summary>
    public async Task<int> ExecuteAsync(NpgsqlBatchCommand command, CancellationToken ct = default) => (await ExecuteAsync([command], ct))[0];

    private async Task WriteAsync()
    {
        var batch = new List<Submission>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var s)) batch.Add(s);
            if (batch.Count == 0) continue;
            try
            {
                await CommitAsync(batch);
                foreach (var s in batch) s.Complete();
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                _logger.LogWarning("Group commit of {Count} submissions failed ({Error}); trying them one at a time", batch.Count,
                    ex.GetType().Name);
                foreach (var s in batch) await CommitAloneAsync(s);
            }
            catch (Exception ex)
            {
                batch[0].Done.TrySetException(ex);
            }
        }
    }

    private async Task CommitAloneAsync(Submission s)
    {
        try
        {
            await CommitAsync([s]);
            s.Complete();
        }
        catch (Exception ex)
        {
            s.Done.TrySetException(ex);
        }
    }

    private async Task CommitAsync(List<Submission> batch)
    {
        await using var conn = await _db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using var npgsqlBatch = new NpgsqlBatch(conn, tx);
        var built = batch.Select(s => s.Build()).ToList(); // fresh commands: a submission tried again alone is built again
        foreach (var c in built.SelectMany(b => b)) npgsqlBatch.BatchCommands.Add(c);
        await npgsqlBatch.ExecuteNonQueryAsync();
        await tx.CommitAsync();
        for (var i = 0; i < batch.Count; i++) batch[i].Rows = [.. built[i].Select(c => c.RecordsAffected)];
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _submissions, batch.Count);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    /// <summary>One caller's commands, kept as text and values (a command object belongs to one batch only).</summary>
    private sealed class Submission(IReadOnlyList<NpgsqlBatchCommand> commands)
    {
        private readonly (string Sql, object?[] Values)[] _commands =
            [.. commands.Select(c => (c.CommandText, c.Parameters.Select(p => p.Value).ToArray()))];

        public TaskCompletionSource<int[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int[] Rows { get; set; } = [];

        public List<NpgsqlBatchCommand> Build() => [.. _commands.Select(c => BatchCommands.Command(c.Sql, c.Values))];

        public void Complete() => Done.TrySetResult(Rows);
    }
}
