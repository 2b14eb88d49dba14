using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace FollowUp.Silo.Infrastructure;

/// <summary>
/// Items written in groups, each caller awaiting its own item's result: a few writer loops each take up to
/// <c>maxBatch</c> waiting items and commit them together (one transaction, see the commit function). The window is
/// natural: while a writer commits, the next items gather (no timer, so a lone item is not delayed). A full queue makes
/// callers wait (backpressure, not failure). A group that fails is committed again one item at a time, so only the item
/// at fault gets the error. Used by <see cref="GroupCommit"/> and <see cref="GroupedReminderTable"/>.
/// </summary>
public sealed class GroupWriter<TItem, TResult> : IAsyncDisposable
{
    private readonly int _maxBatch;
    private readonly Func<IReadOnlyList<TItem>, Task<TResult[]>> _commit;
    private readonly ILogger _logger;
    private readonly string _what;
    private readonly Channel<Pending> _queue;
    private readonly Task[] _writers;
    private long _batches, _items;

    /// <param name="commit">Commits the items in one transaction and answers their results, in order; throws if it did not commit.</param>
    /// <param name="what">What an item is, for the log (e.g. "submissions").</param>
    public GroupWriter(int writers, int maxBatch, int capacity, Func<IReadOnlyList<TItem>, Task<TResult[]>> commit, ILogger logger,
        string what)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        (_maxBatch, _commit, _logger, _what) = (maxBatch, commit, logger, what);
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });
        _writers = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAsync))];
    }

    /// <summary>Transactions committed so far (groups, and items tried again alone).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Items committed so far.</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>Completes once <paramref name="item"/>'s group has committed; throws the error of this item only.</summary>
    public async Task<TResult> WriteAsync(TItem item, CancellationToken ct = default)
    {
        var pending = new Pending(item);
        await _queue.Writer.WriteAsync(pending, ct);
        return await pending.Done.Task.WaitAsync(ct);
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var p)) batch.Add(p);
            if (batch.Count == 0) continue;
            try
            {
                await CommitAsync(batch);
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                _logger.LogWarning("Group of {Count} {What} failed ({Error}); trying them one at a time", batch.Count, _what, ex.GetType().Name);
                foreach (var p in batch)
                {
                    try { await CommitAsync([p]); }
                    catch (Exception one) { p.Done.TrySetException(one); }
                }
            }
            catch (Exception ex)
            {
                batch[0].Done.TrySetException(ex);
            }
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        var results = await _commit([.. batch.Select(p => p.Item)]);
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _items, batch.Count);
        FollowUpMetrics.GroupCommits.Add(1, FollowUpMetrics.Tag("what", _what));
        FollowUpMetrics.GroupItems.Add(batch.Count, FollowUpMetrics.Tag("what", _what));
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed class Pending(TItem item)
    {
        public TItem Item { get; } = item;
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
