namespace FollowUp.Silo.Infrastructure;

/// <summary>The clock of simulation mode: it only moves when told (never backwards), and resumes after a restart.</summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>The configured start, or the time the simulation had reached when the silo stopped (simulation_clock).</summary>
    public static VirtualClock Restore(DateTimeOffset start, SimulationClock saved) =>
        new(saved.Saved() is { } at && at > start ? at : start);

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
