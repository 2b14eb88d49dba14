using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FollowUp.Silo.Grains;

/// <summary>
/// The per-silo queue of wakes, fed by the wake shards (<see cref="WakeShardGrain"/>: the precise wakes, read from the
/// due-time index) and by reminder ticks (the coarse safety net): a bounded number of workers wake the persons
/// (FollowUp:Silo:WakeConcurrency), so the database and OVH see steady pressure whatever the wave. A shard awaits its
/// wakes (<see cref="WakeAsync"/>) and feeds the queue only as fast as it drains. A tick only queues the person and returns
/// at once; a full queue drops it (the person's periodic reminder ticks again and every wake is idempotent), and a person
/// whose tick already waits in the queue is not queued again by another tick. A tick that comes once its wake has started
/// queues it again (the state may have changed meanwhile).
/// </summary>
public sealed class PersonWakeQueue(IGrainFactory grains, int concurrency, ILogger<PersonWakeQueue> logger) : BackgroundService
{
    public const int Capacity = 1_000_000;
    private readonly Channel<(Guid Id, TaskCompletionSource<bool>? Done)> _queue = Channel.CreateBounded<(Guid, TaskCompletionSource<bool>?)>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<Guid, byte> _waiting = new();
    private long _dropped;

    /// <summary>The persons woken at once by this silo.</summary>
    public int Concurrency => concurrency;

    /// <summary>A reminder tick: queues the person's wake; false when its tick waits in the queue already, or the queue is full.</summary>
    public bool Enqueue(Guid personId)
    {
        if (!_waiting.TryAdd(personId, 0)) return false; // waiting already: its wake is still to come
        if (_queue.Writer.TryWrite((personId, null))) return true;
        _waiting.TryRemove(personId, out _);
        Dropped();
        return false;
    }

    /// <summary>A shard's wake: done once the person's wake has returned; true when it succeeded.</summary>
    public Task<bool> WakeAsync(Guid personId)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_queue.Writer.TryWrite((personId, done))) return done.Task;
        Dropped();
        return Task.FromResult(false);
    }

    private void Dropped()
    {
        if (Interlocked.Increment(ref _dropped) % 1000 == 1) logger.LogWarning("Wake queue full: wakes dropped so far {Dropped} (their persons " +
            "are woken again later)", _dropped);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var (id, done) in _queue.Reader.ReadAllAsync(stop))
            {
                if (done is null) _waiting.TryRemove(id, out _); // a tick from now on queues a wake after this one
                try
                {
                    await grains.GetGrain<IPersonGrain>(id).Wake();
                    done?.TrySetResult(true);
                }
                catch (Exception ex)
                {
                    done?.TrySetResult(false);
                    if (!stop.IsCancellationRequested)
                        logger.LogWarning("Wake of {PersonId} failed ({Error}); it is woken again later", id, ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        finally
        {
            while (_queue.Reader.TryRead(out var left)) left.Done?.TrySetResult(false);
        }
    }
}
