namespace FollowUp.Web.Application.Platform;

/// <summary>"Now" as the cluster sees it: the virtual clock in simulation mode, real time otherwise.</summary>
public sealed class PlatformClock(IClusterClient cluster, SimulationOptions simulation)
{
    /// <summary>The platform's local time zone (the agency's): every time shown or typed in the web is Paris time.</summary>
    public static TimeZoneInfo Paris => Zones.Paris;

    public static DateTime ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Paris).DateTime;

    /// <summary>A wall-clock time typed in Paris (e.g. a datetime-local field) as an instant.</summary>
    public static DateTimeOffset FromLocal(DateTime local) => new(local, Paris.GetUtcOffset(local));

    public bool Simulation { get; } = simulation.Enabled;

    public async Task<DateTimeOffset> NowAsync() => Simulation ? await cluster.GetGrain<ISimulationGrain>(0).Now() : DateTimeOffset.UtcNow;

    public async Task<DateOnly> TodayAsync() => DateOnly.FromDateTime(ToLocal(await NowAsync()));
}
