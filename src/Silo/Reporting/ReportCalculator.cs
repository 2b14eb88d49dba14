using FollowUp.Silo.Infrastructure;
using FollowUp.Silo.Protocol;
using Npgsql;

namespace FollowUp.Silo.Reporting;

/// <summary>
/// Computes the daily report, a department's report and the staffing forecast from the durable person events (exact,
/// recomputable). A day before the purge's horizon is served as it was kept: its persons' data may be gone since.
/// </summary>
public sealed class ReportCalculator(PersonEventLog eventLog, ReportArchive archive, NpgsqlDataSource dataSource, ProtocolSettings settings)
{
    public static readonly System.Text.Json.JsonSerializerOptions ArchiveJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    public async Task<DailyReport> DailyReportAsync(DateOnly day, PlatformCalendar calendar)
    {
        if (await archive.ArchivedReportOfPurgedDayAsync(day) is { } kept)
            return System.Text.Json.JsonSerializer.Deserialize<DailyReport>(kept, ArchiveJson)!;
        var (start, end) = DailyReports.Bounds(day, settings.Zone);
        var events = await eventLog.EventsAsync(start.AddDays(-30), end);
        var departments = await DepartmentQueries.DepartmentsAsync(dataSource, start.AddDays(-30), end);
        return DailyReports.ComputeByDepartment(day, events, departments, await DepartmentQueries.PersonsInFollowUpAsync(dataSource, end), calendar);
    }

    public async Task<DailyReport> DepartmentReportAsync(DateOnly day, string department, PlatformCalendar calendar)
    {
        var (start, end) = DailyReports.Bounds(day, settings.Zone);
        var events = await eventLog.EventsAsync(start.AddDays(-30), end);
        var departments = await DepartmentQueries.DepartmentsAsync(dataSource, start.AddDays(-30), end);
        var inFollowUp = await DepartmentQueries.PersonsInFollowUpAsync(dataSource, end);
        return DailyReports.ForDepartment(day, events, departments, inFollowUp, department, calendar);
    }
}
