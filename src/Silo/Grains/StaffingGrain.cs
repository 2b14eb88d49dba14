using FollowUp.Silo.Infrastructure;
using FollowUp.Silo.Protocol;
using FollowUp.Silo.Reporting;
using Orleans.Concurrency;

namespace FollowUp.Silo.Grains;

/// <summary>Reads what the staffing figures need (operators' status changes, last week's events, the scheduled
/// milestones, the calendar and priorities) and hands it to the pure <see cref="StaffingActuals"/>,
/// <see cref="StaffingForecasts"/> and <see cref="StaffingWhatIfs"/>.</summary>
[StatelessWorker]
public sealed class StaffingGrain(OperatorStatusLog log, [FromKeyedServices(SiloHosting.ClockKey)] TimeProvider clock, ProtocolSettings settings,
    PersonEventLog eventLog, StaffingOptions options)
    : Grain, IStaffingGrain
{
    public async Task<StaffingActual> Actual(DateOnly from, DateOnly to)
    {
        var changes = await log.ReadAsync(Zones.ToInstant(from, TimeOnly.MinValue, settings.Zone),
            Zones.ToInstant(to, TimeOnly.MinValue, settings.Zone));
        return StaffingActuals.Compute(changes, from, to, clock.GetUtcNow(), settings.Zone);
    }

    public async Task<StaffingForecast> Forecast(DateOnly today, double? inclusionsPerDay) =>
        StaffingForecasts.Compute(await InputsAsync(today), inclusionsPerDay);

    public async Task<StaffingWhatIf> WhatIf(DateOnly today, WhatIfRequest request)
    {
        var inputs = InputsAsync(today);
        var priorities = GrainFactory.GetGrain<ICallQueueGrain>(0).GetPriorities();
        var lastWeek = Actual(today.AddDays(-7), today);
        var order = (await priorities).Order.Where(t => t != CallType.Retry).Select(t => t.ToString()).ToList();
        return StaffingWhatIfs.Compute(await inputs, request, order, StaffingWhatIfs.MeanOperators(await lastWeek));
    }

    /// <summary>Last week's daily reports and inclusions, the next 7 days' scheduled milestones, the calendar.</summary>
    private async Task<ForecastInputs> InputsAsync(DateOnly today)
    {
        var calendar = new PlatformCalendar(await GrainFactory.GetGrain<ICalendarGrain>(0).GetOpeningHours(), settings.Zone);
        var (weekStart, _) = DailyReports.Bounds(today.AddDays(-7), settings.Zone);
        var (_, weekEnd) = DailyReports.Bounds(today.AddDays(-1), settings.Zone);
        var events = await eventLog.EventsAsync(weekStart.AddDays(-30), weekEnd);
        var past = Enumerable.Range(1, 7).Select(i => DailyReports.Compute(today.AddDays(-i), events, 0, calendar)).ToList();
        var scheduled = await eventLog.ScheduledMilestonesAsync(today.AddDays(1), today.AddDays(7));
        return new ForecastInputs(today, past, scheduled, InclusionMix.From(events, weekStart, weekEnd, settings.Zone), calendar, settings, options);
    }
}
