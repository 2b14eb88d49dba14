namespace FollowUp.Silo.Infrastructure;

/// <summary>The clock of simulation mode: it only moves when told (never backwards).</summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void SetUtcNow(DateTimeOffset value)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _utcTicks);
            if (value.UtcTicks <= current) return;
        } while (Interlocked.CompareExchange(ref _utcTicks, value.UtcTicks, current) != current);
    }
}
