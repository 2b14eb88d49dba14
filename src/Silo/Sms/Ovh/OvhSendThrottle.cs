using System.Threading.RateLimiting;

namespace FollowUp.Silo.Sms.Ovh;

/// <summary>
/// What OVH allows us: at most <see cref="OvhOptions.MaxParallel"/> calls in flight and, when set,
/// <see cref="OvhOptions.MaxPerSecond"/> calls a second (FollowUp:Sms:Ovh:MaxPerSecond; unset = no ceiling). A 429's
/// Retry-After pauses every sender of this silo, not only the one that got it. Callers wait their turn (backpressure).
/// </summary>
public sealed class OvhSendThrottle : IDisposable
{
    private readonly SemaphoreSlim _inFlight;
    private readonly TokenBucketRateLimiter? _rate;
    private long _pausedUntilTicks;

    public OvhSendThrottle(OvhOptions options)
    {
        _inFlight = new SemaphoreSlim(options.MaxParallel);
        if (options.MaxPerSecond is { } perSecond)
            _rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, perSecond),
                TokensPerPeriod = Math.Max(1, perSecond),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
    }

    /// <summary>Waits for a slot (and a token), runs the call, frees the slot.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        await _inFlight.WaitAsync(ct);
        try
        {
            var pause = new DateTime(Interlocked.Read(ref _pausedUntilTicks), DateTimeKind.Utc) - DateTime.UtcNow;
            if (pause > TimeSpan.Zero) await Task.Delay(pause, ct);
            if (_rate is not null)
            {
                using var lease = await _rate.AcquireAsync(1, ct);
                if (!lease.IsAcquired) throw new InvalidOperationException("OVH rate limiter refused a lease");
            }
            return await call();
        }
        finally
        {
            _inFlight.Release();
        }
    }

    /// <summary>OVH said 429: no call from this silo before <paramref name="retryAfter"/> from now.</summary>
    public void PauseFor(TimeSpan retryAfter)
    {
        var until = (DateTime.UtcNow + retryAfter).Ticks;
        long seen;
        while ((seen = Interlocked.Read(ref _pausedUntilTicks)) < until
            && Interlocked.CompareExchange(ref _pausedUntilTicks, until, seen) != seen) { }
    }

    public void Dispose()
    {
        _inFlight.Dispose();
        _rate?.Dispose();
    }
}
