using FollowUp.Silo.Infrastructure;
using FollowUp.Silo.Protocol;
using FollowUp.Silo.Reporting;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace FollowUp.Silo.Grains;

/// <summary>
/// Reporting, one per cluster. The daily report is computed from the durable events (exact, recomputable). The live
/// figures start from today's events at activation and then follow the batches the silos' pre-aggregators send; each
/// change is pushed to every subscribed web node (grain observers), which forwards it to its browsers.
/// </summary>
public sealed class ReportingGrain(
    FollowUpDb db,
    [FromKeyedServices(SiloHosting.ClockKey)] TimeProvider clock,
    ProtocolSettings settings,
    ILogger<ReportingGrain> logger,
    Privacy.PrivacyDb privacy,
    ReportMailer? mailer = null) : Grain, IReportingGrain
{
    private readonly ObserverManager<IDashboardObserver> _observers = new(TimeSpan.FromMinutes(2), logger);
    private LiveFigures _live = new(default);
    private LiveDepartments? _departments;
    private readonly Dictionary<string, OperatorStatusView> _operators = [];
    private (int Queue, int RemainingToday) _queue;
    private DateTimeOffset Now => clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await ResetAsync(FollowUpProtocol.LocalDate(Now, settings));
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)) { KeepAlive = true });
    }

    public async Task<DailyReport> DailyReport(DateOnly day)
    {
        // A day before the purge's horizon is served as it was kept: its persons' data may be gone since.
        if (await privacy.ArchivedReportOfPurgedDayAsync(day) is { } kept) return System.Text.Json.JsonSerializer.Deserialize<DailyReport>(kept, ArchiveJson)!;
        var calendar = new PlatformCalendar(await GrainFactory.GetGrain<ICalendarGrain>(0).GetOpeningHours(), settings.Zone);
        var (start, end) = DailyReports.Bounds(day, settings.Zone);
        var events = await db.EventsAsync(start.AddDays(-30), end);
        var departments = await DepartmentQueries.DepartmentsAsync(db.DataSource, start.AddDays(-30), end);
        return DailyReports.ComputeByDepartment(day, events, departments, await DepartmentQueries.PersonsInFollowUpAsync(db.DataSource, end), calendar);
    }

    public async Task<DailyReport> DepartmentReport(DateOnly day, string department)
    {
        var calendar = new PlatformCalendar(await GrainFactory.GetGrain<ICalendarGrain>(0).GetOpeningHours(), settings.Zone);
        var (start, end) = DailyReports.Bounds(day, settings.Zone);
        var events = await db.EventsAsync(start.AddDays(-30), end);
        var departments = await DepartmentQueries.DepartmentsAsync(db.DataSource, start.AddDays(-30), end);
        return DailyReports.ForDepartment(day, events, departments, await DepartmentQueries.PersonsInFollowUpAsync(db.DataSource, end), department, calendar);
    }

    public Task<LiveSnapshot> Live() => Task.FromResult(Snapshot());

    /// <summary>The staffing forecast with last week's mean of inclusions (computed by the staffing grain).</summary>
    public Task<StaffingForecast> Forecast(DateOnly today) => GrainFactory.GetGrain<IStaffingGrain>(0).Forecast(today, null);

    public async Task Apply(List<PersonEvent> events, List<OperatorStatusView> operators)
    {
        var today = FollowUpProtocol.LocalDate(Now, settings);
        if (today != _live.Day) await ResetAsync(today);
        var (start, end) = DailyReports.Bounds(today, settings.Zone);
        var todays = events.Where(e => e.At >= start && e.At < end).ToList();
        foreach (var e in todays) _live.Add(e, settings.Zone);
        await _departments!.AddAsync(todays);
        foreach (var o in operators) _operators[o.OperatorId] = o;
        await NotifyAsync();
    }

    public Task Subscribe(IDashboardObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    private DateOnly? _archivedUpTo;
    private PlatformCalendar? _calendar;
    private DateTimeOffset _calendarAt;
    private static readonly System.Text.Json.JsonSerializerOptions ArchiveJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>Each day's report is generated once the day's closing has passed, and kept (daily_reports).</summary>
    private async Task ArchiveAsync()
    {
        var today = FollowUpProtocol.LocalDate(Now, settings);
        _archivedUpTo ??= await db.LastArchivedReportAsync() ?? today.AddDays(-8);
        if (_calendar is null || DateTimeOffset.UtcNow - _calendarAt > TimeSpan.FromMinutes(1)) // hours change rarely; a tick is every 2 s
        {
            _calendar = new PlatformCalendar(await GrainFactory.GetGrain<ICalendarGrain>(0).GetOpeningHours(), settings.Zone);
            _calendarAt = DateTimeOffset.UtcNow;
        }
        var calendar = _calendar;
        for (var day = _archivedUpTo.Value.AddDays(1); day <= today; day = day.AddDays(1))
        {
            var done = calendar.ClosingOf(day) ?? DailyReports.Bounds(day, settings.Zone).End;
            if (Now < done) break;
            await db.ArchiveReportAsync(day, System.Text.Json.JsonSerializer.Serialize(await DailyReport(day), ArchiveJson));
            _archivedUpTo = day;
        }
        await MailAsync();
    }

    private DateTimeOffset _lastMailAttempt;

    /// <summary>Kept reports not yet mailed go to the ARS list (FollowUp:Report:Mail); a failed send is tried again a minute later.</summary>
    private async Task MailAsync()
    {
        if (mailer is null || DateTimeOffset.UtcNow - _lastMailAttempt < TimeSpan.FromMinutes(1)) return;
        _lastMailAttempt = DateTimeOffset.UtcNow;
        foreach (var (date, json) in await db.UnmailedReportsAsync())
        {
            try
            {
                await mailer.SendAsync(System.Text.Json.JsonSerializer.Deserialize<DailyReport>(json, ArchiveJson)!);
                await db.MarkReportMailedAsync(date);
            }
            catch (Exception ex)
            {
                logger.LogWarning("Daily report {Date} not mailed ({Error}); will try again", date, ex.GetType().Name + ": " + ex.Message);
                return;
            }
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        await ArchiveAsync();
        var waiting = _departments!.Waiting;
        if (waiting) await _departments.AddAsync([]);
        if (!await _departments.RefreshQueueAsync(Now, DailyReports.Bounds(_live.Day, settings.Zone).End) && !waiting) return;
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
        var events = await db.EventsAsync(start, end);
        foreach (var e in events) _live.Add(e, settings.Zone);
        _departments = new LiveDepartments(day, db.DataSource, settings.Zone);
        await _departments.AddAsync(events);
        await _departments.RefreshQueueAsync(Now, end);
        _queue = _departments.QueueTotals;
    }

    private LiveSnapshot Snapshot() => _live.Snapshot(Now, _queue, _operators.Values.OrderBy(o => o.OperatorId).ToList()) with { ByDepartment = _departments?.Snapshots(Now) ?? [] };
}
