using FollowUp.Silo.Infrastructure;
using FollowUp.Silo.Protocol;
using FollowUp.Silo.Reporting;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace FollowUp.Silo.Grains;

/// <summary>
/// Reporting, one per cluster, a thin shell over its jobs: the reports and the forecast (<see cref="ReportCalculator"/>,
/// from the durable events), the archive and its mail (<see cref="ReportArchiver"/>), the live counters
/// (<see cref="LiveFigures"/>, <see cref="LiveDepartments"/>). The live figures start from today's events at activation
/// and then follow the batches the silos' pre-aggregators send; the call queue (due_calls) is read here once for the
/// whole cluster (<see cref="CallQueueStore"/>). Changes are pushed to every subscribed web node (grain observers), which
/// forwards them to its browsers: coalesced, at most two pushes a second, whatever the number of web nodes, and no web
/// node reads these figures from the database. The persons whose record changed are passed on the same way, at once.
/// </summary>
public sealed class ReportingGrain(
    PersonEventLog eventLog,
    ReportCalculator calculator,
    ReportArchive archive,
    CallQueueStore callQueue,
    Npgsql.NpgsqlDataSource dataSource,
    [FromKeyedServices(SiloHosting.ClockKey)] TimeProvider clock,
    ProtocolSettings settings,
    ILogger<ReportingGrain> logger,
    ReportMailer? mailer = null) : Grain, IReportingGrain
{
    private readonly ObserverManager<IDashboardObserver> _observers = new(TimeSpan.FromMinutes(1), logger); // web nodes renew every 10 s
    private LiveFigures _live = new(default);
    private LiveDepartments? _departments;
    private readonly Dictionary<string, OperatorStatusView> _operators = [];
    private (int Queue, int RemainingToday) _queue;
    private bool _changed;
    private DateTimeOffset _queueReadAt;
    private DateTimeOffset Now => clock.GetUtcNow();
    private readonly ReportArchiver _archiver = new(archive, settings, logger, mailer);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ResetAsync(FollowUpProtocol.LocalDate(Now, settings));
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1),
            TimeSpan.FromMilliseconds(500))
        { KeepAlive = true });
    }

    public async Task<DailyReport> DailyReport(DateOnly day) => await calculator.DailyReportAsync(day, await CalendarAsync());

    public async Task<DailyReport> DepartmentReport(DateOnly day, string department) =>
        await calculator.DepartmentReportAsync(day, department, await CalendarAsync());

    public Task<LiveSnapshot> Live() => Task.FromResult(Snapshot());

    /// <summary>The staffing forecast with last week's mean of inclusions (computed by the staffing grain).</summary>
    public Task<StaffingForecast> Forecast(DateOnly today) => GrainFactory.GetGrain<IStaffingGrain>(0).Forecast(today, null);

    private async Task<PlatformCalendar> CalendarAsync() =>
        new(await GrainFactory.GetGrain<ICalendarGrain>(0).GetOpeningHours(), settings.Zone);

    public async Task Apply(List<PersonEvent> events, List<OperatorStatusView> operators)
    {
        var today = FollowUpProtocol.LocalDate(Now, settings);
        if (today != _live.Day) await ResetAsync(today);
        var (start, end) = DailyReports.Bounds(today, settings.Zone);
        var todays = events.Where(e => e.At >= start && e.At < end && LiveFigures.Counted.Contains(e.Event)).ToList();
        foreach (var e in todays) _live.Add(e, settings.Zone);
        await _departments!.AddAsync(todays);
        foreach (var o in operators) _operators[o.OperatorId] = o;
        _changed = true; // pushed by the next tick (coalesced), with the queue read again: a claim or an outcome moves it
    }

    public Task Subscribe(IDashboardObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task PersonsChanged(List<Guid> personIds) => _observers.Notify(o => o.PersonsChanged(personIds));

    private PlatformCalendar? _calendar;
    private DateTimeOffset _calendarAt;

    /// <summary>Each day's report is generated once the day's closing has passed, and kept (daily_reports), then mailed.</summary>
    private async Task ArchiveAsync()
    {
        if (_calendar is null || DateTimeOffset.UtcNow - _calendarAt > TimeSpan.FromMinutes(1)) // hours change rarely; a tick is every 500 ms
        {
            _calendar = await CalendarAsync();
            _calendarAt = DateTimeOffset.UtcNow;
        }
        await _archiver.ArchiveAsync(Now, _calendar, DailyReport);
    }

    /// <summary>
    /// Every 500 ms: the queue is read again after a change (events, operator statuses) or once a second anyway (calls
    /// fall due as time passes), and the snapshot pushed when something moved.
    /// </summary>
    private async Task TickAsync(CancellationToken ct)
    {
        await ArchiveAsync();
        var waiting = _departments!.Waiting;
        if (waiting) await _departments.AddAsync([]);
        var changed = _changed || waiting;
        if (changed || DateTimeOffset.UtcNow - _queueReadAt >= TimeSpan.FromSeconds(1))
        {
            _queueReadAt = DateTimeOffset.UtcNow;
            changed |= await _departments.RefreshQueueAsync(Now, DailyReports.Bounds(_live.Day, settings.Zone).End);
        }
        if (!changed) return;
        _changed = false;
        _queue = _departments.QueueTotals;
        await NotifyAsync();
    }

    private Task NotifyAsync()
    {
        var snapshot = Snapshot();
        return _observers.Notify(o => o.Update(snapshot));
    }

    private async Task ResetAsync(DateOnly day)
    {
        _live = new LiveFigures(day);
        var (start, end) = DailyReports.Bounds(day, settings.Zone);
        var events = await eventLog.EventsAsync(start, end, LiveFigures.Counted);
        foreach (var e in events) _live.Add(e, settings.Zone);
        _departments = new LiveDepartments(day, dataSource, callQueue, settings.Zone);
        await _departments.AddAsync(events);
        await _departments.RefreshQueueAsync(Now, end);
        _queue = _departments.QueueTotals;
    }

    private LiveSnapshot Snapshot() => _live.Snapshot(Now, _queue, _operators.Values.OrderBy(o => o.OperatorId).ToList()) with
    {
        ByDepartment = _departments?.Snapshots(Now) ?? [],
        QueueByType = _departments?.QueueByType ?? [],
    };
}
