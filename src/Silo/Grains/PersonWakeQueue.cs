using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FollowUp.Silo.Grains;

/// <summary>
/// The per-silo queue between reminder ticks and wakes: a tick only queues the person and returns at once (a wave of
/// 250,000 ticks never times out), and a bounded number of workers wake the persons (FollowUp:Silo:WakeConcurrency),
/// so the database and OVH see steady pressure. A full queue drops the tick: the person's periodic reminder ticks again
/// within 5 minutes and the wake does what state says is due (every wake is idempotent). A person already waiting in
/// the queue is not queued again: in a wave slower than the reminders' 5-minute period, a person not yet woken ticks
/// again, and each extra entry was one more wake (idempotent, but an activation and a grain call each). A tick that comes
/// once its wake has started queues it again (the state may have changed meanwhile).
/// </summary>
public sealed class PersonWakeQueue(IGrainFactory grains, int concurrency, ILogger<PersonWakeQueue> logger) : BackgroundService
{
    public const int Capacity = 1_000_000;
    private readonly Channel<Guid> _queue =
        Channel.CreateBounded<Guid>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<Guid, byte> _waiting = new();
    private long _dropped;

    /// <summary>Queues the person's wake: false when it waits in the queue already, or the queue is full.</summary>
    public bool Enqueue(Guid personId)
    {
        if (!_waiting.TryAdd(personId, 0)) return false; // waiting already: its wake is still to come
        if (_queue.Writer.TryWrite(personId)) return true;
        _waiting.TryRemove(personId, out _);
        if (Interlocked.Increment(ref _dropped) % 1000 == 1) logger.LogWarning("Wake queue full: ticks dropped so far {Dropped} (their reminders " +
            "tick again)", _dropped);
        return false;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stop))
            {
                _waiting.TryRemove(id, out _); // a tick from now on queues a wake after this one
                try
                {
                    await grains.GetGrain<IPersonGrain>(id).Wake();
                }
                catch (Exception ex) when (!stop.IsCancellationRequested)
                {
                    logger.LogWarning("Wake of {PersonId} failed ({Error}); its reminder ticks again", id, ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }
}
