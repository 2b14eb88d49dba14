using FollowUp.Silo.Protocol;
using FollowUp.Silo.Reporting;
using Orleans.Concurrency;

namespace FollowUp.Silo.Grains;

/// <summary>Reads the operators' status changes and hands them to the pure <see cref="StaffingActuals"/>.</summary>
[StatelessWorker]
public sealed class StaffingGrain(OperatorStatusLog log, [FromKeyedServices(SiloHosting.ClockKey)] TimeProvider clock, ProtocolSettings settings)
    : Grain, IStaffingGrain
{
    public async Task<StaffingActual> Actual(DateOnly from, DateOnly to)
    {
        var changes = await log.ReadAsync(Zones.ToInstant(from, TimeOnly.MinValue, settings.Zone), Zones.ToInstant(to, TimeOnly.MinValue, settings.Zone));
        return StaffingActuals.Compute(changes, from, to, clock.GetUtcNow(), settings.Zone);
    }
}
