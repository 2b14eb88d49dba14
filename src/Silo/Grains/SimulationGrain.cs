using FollowUp.Silo.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Silo.Grains;

/// <summary>Drives the virtual clock of simulation mode: jumps to the next due wake, has the wake shards wake those persons
/// (<see cref="IWakeShardGrain.WakeDue"/>, the production path at the virtual now), repeats.</summary>
public sealed class SimulationGrain(IServiceProvider services, PersonIndex db, SimulationClock simulationClock, SiloOptions silo)
    : Grain, ISimulationGrain
{
    private VirtualClock Clock => services.GetService<VirtualClock>()
        ?? throw new InvalidOperationException("Simulation mode is off (FollowUp:Simulation:Enabled).");

    private async Task MoveAsync(DateTimeOffset to)
    {
        Clock.SetUtcNow(to);
        await simulationClock.SaveSimulationClockAsync(Clock.GetUtcNow());
    }

    public Task<DateTimeOffset> Now() => Task.FromResult(Clock.GetUtcNow());

    public async Task<bool> AdvanceStep(DateTimeOffset to)
    {
        var now = Clock.GetUtcNow();
        var next = await db.NextWakeAsync();
        if (next is null || next > to)
        {
            if (to > now) await MoveAsync(to);
            await GrainFactory.GetGrain<IPrivacyGrain>(0).Tick(); // the daily purge on the virtual clock (its reminder keeps real time)
            return true;
        }
        if (next > now) await MoveAsync(next.Value);
        now = Clock.GetUtcNow();
        await Task.WhenAll(Enumerable.Range(0, silo.WakeShards).Select(i => GrainFactory.GetGrain<IWakeShardGrain>(i).WakeDue(now)));
        return false;
    }
}
