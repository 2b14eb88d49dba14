namespace FollowUp.Web.Application;

/// <summary>"Now" as the cluster sees it: the virtual clock in simulation mode, real time otherwise.</summary>
public sealed class PlatformClock(IClusterClient cluster, IConfiguration config)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public bool Simulation { get; } = FollowUpConfig.SimulationEnabled(config);

    public async Task<DateTimeOffset> NowAsync() => Simulation ? await cluster.GetGrain<ISimulationGrain>(0).Now() : DateTimeOffset.UtcNow;

    public async Task<DateOnly> TodayAsync() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(await NowAsync(), Paris).DateTime);
}
