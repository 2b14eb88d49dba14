using System.Diagnostics;
using FollowUp.Silo.Infrastructure;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace FollowUp.Silo.Grains;

/// <summary>
/// The precise wakes: one share of the persons (<see cref="PersonIndex.DueInShardAsync"/>), read from the due-time index
/// (persons.next_wake_at, published with every state) once a second, in due order, and handed to its silo's
/// <see cref="PersonWakeQueue"/> no faster than the queue wakes them (at most <see cref="PersonWakeQueue.Concurrency"/> of
/// this shard's wakes in it at once). So a wave of 250,000 persons due at the SMS hour costs a few index reads a second and
/// a steady stream of wakes, not 250,000 reminder ticks at once. A pass reads its share from the start to the persons due
/// now, following (next_wake_at, id) from page to page, and waits for its wakes before the next pass starts, so a person
/// is never queued twice by its shard; a person still due after its wake (the wake failed: the database away, its silo
/// killed) is woken again by a later pass, after 10 s, then 20 s… up to 5 minutes while it keeps failing. Each person's
/// own reminder stays registered (<see cref="PersonGrain"/>) as the safety net, an hour after its due time.
/// The shards are kept active by every silo (<see cref="WakeShardKeeper"/>): a shard lost with its silo is activated
/// again on another within seconds. In simulation mode the shards do not poll: the simulation's step asks each for one
/// pass at its virtual now (<see cref="WakeDue"/>), the same path.
/// </summary>
[Reentrant]
public sealed class WakeShardGrain(
    PersonIndex index,
    PersonWakeQueue wakes,
    [FromKeyedServices(SiloHosting.ClockKey)] TimeProvider clock,
    SiloOptions silo,
    SimulationOptions simulation,
    ILogger<WakeShardGrain> logger) : Grain, IWakeShardGrain
{
    /// <summary>Persons read per index page.</summary>
    internal const int Page = 1000;
    internal static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LastBackoff = TimeSpan.FromMinutes(5);

    /// <summary>The pass running (one at a time; the grain's turns interleave, on one thread).</summary>
    private Task? _running;
    /// <summary>Persons still due after their wake, by id: the due instant they had then, when to try again, the delay.</summary>
    private readonly Dictionary<Guid, (DateTime At, long NotBefore, TimeSpan Backoff)> _again = [];
    private int Shard => (int)this.GetPrimaryKeyLong();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!simulation.Enabled)
            this.RegisterGrainTimer(async _ => await PassAsync(clock.GetUtcNow()),
                new GrainTimerCreationOptions(Poll, Poll) { KeepAlive = true, Interleave = true });
        return Task.CompletedTask;
    }

    public Task Keep() => Task.CompletedTask;

    public Task<int> WakeDue(DateTimeOffset now) => PassAsync(now);

    private async Task<int> PassAsync(DateTimeOffset now)
    {
        while (_running is { } running)
        {
            try
            {
                await running;
            }
            catch (Exception)
            {
                // that pass's own caller got its failure; this one starts over
            }
        }
        var pass = SafePassAsync(now);
        _running = pass;
        try
        {
            return await pass;
        }
        finally
        {
            _running = null;
        }
    }

    private async Task<int> SafePassAsync(DateTimeOffset now)
    {
        try
        {
            return await WakeDueAsync(now);
        }
        catch (Exception ex) when (!simulation.Enabled)
        {
            logger.LogWarning("Wake shard {Shard}: pass failed ({Error}); the next pass starts over", Shard, ex.GetType().Name + ": " + ex.Message);
            return 0;
        }
    }

    private async Task<int> WakeDueAsync(DateTimeOffset now)
    {
        var window = wakes.Concurrency;
        using var slots = new SemaphoreSlim(window);
        var seen = new HashSet<Guid>();
        var woken = 0;
        var after = DueWake.First;
        try
        {
            while (true)
            {
                var page = await index.DueInShardAsync(Shard, silo.WakeShards, now, after, Page);
                foreach (var due in page)
                {
                    after = due;
                    seen.Add(due.Id);
                    if (!simulation.Enabled && _again.TryGetValue(due.Id, out var again) && again.At == due.At
                        && Stopwatch.GetTimestamp() < again.NotBefore) continue;
                    await slots.WaitAsync();
                    _ = WakeAsync(due, slots);
                    woken++;
                }
                if (page.Count < Page) break;
            }
        }
        finally
        {
            for (var i = 0; i < window; i++) await slots.WaitAsync(); // every wake of the pass has returned
        }
        foreach (var id in _again.Keys.Where(id => !seen.Contains(id)).ToList()) _again.Remove(id); // woken, or not due any more
        if (woken > 0) FollowUpMetrics.ShardWakes.Add(woken);
        return woken;
    }

    /// <summary>Wakes one person through the queue; a person found due again by a later pass with the same due instant is
    /// tried again only after its delay (doubling from 10 s to 5 min).</summary>
    private async Task WakeAsync(DueWake due, SemaphoreSlim slots)
    {
        try
        {
            await wakes.WakeAsync(due.Id);
        }
        finally
        {
            var backoff = _again.TryGetValue(due.Id, out var before) && before.At == due.At
                ? TimeSpan.FromTicks(Math.Min(before.Backoff.Ticks * 2, LastBackoff.Ticks))
                : FirstBackoff;
            _again[due.Id] = (due.At, Stopwatch.GetTimestamp() + (long)(backoff.TotalSeconds * Stopwatch.Frequency), backoff);
            slots.Release();
        }
    }
}
