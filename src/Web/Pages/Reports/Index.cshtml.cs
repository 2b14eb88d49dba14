using FollowUp.Web.Application;
using FollowUp.Web.Application.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FollowUp.Web.Pages.Reports;

/// <summary>The daily ARS report: table (printable), CSV and XLSX downloads.</summary>
public sealed class IndexModel(IClusterClient cluster, PlatformClock clock, IStringLocalizer<SharedResource> t,
    FollowUp.Web.Application.Privacy.AccessJournal journal,
    FollowUp.Web.Application.Security.DepartmentAccess access, ReportIndicators indicators) : PageModel
{
    public DateOnly Day { get; private set; }
    public List<ReportExport.Row> Rows { get; private set; } = [];
    /// <summary>The department filter (null: every department).</summary>
    public string? Department { get; private set; }
    public List<ReportExport.DepartmentColumn> Departments { get; private set; } = [];
    /// <summary>The report shown (its figures feed the charts).</summary>
    public DailyReport Report { get; private set; } = null!;
    private string FileName => Department is null ? $"rapport-{Day:yyyy-MM-dd}" : $"rapport-{Day:yyyy-MM-dd}-{Department}";

    /// <summary>Loads the report; false when the user is limited to departments and asked for another one (403).</summary>
    private async Task<bool> LoadAsync(DateOnly? date, string? department)
    {
        Day = date ?? (await clock.TodayAsync()).AddDays(-1);
        var dep = department?.Trim().ToUpperInvariant();
        Department = string.IsNullOrEmpty(dep) || !Inclusion.IsDepartment(dep) ? null : dep;
        // A Supervisor limited to departments gets the report of one of them (the first by default), never the whole region.
        var limits = await access.LimitsAsync(User);
        if (limits.Length > 0)
        {
            if (Department is null) Department = limits[0];
            else if (!limits.Contains(Department, StringComparer.OrdinalIgnoreCase)) return false;
        }
        var grain = cluster.GetGrain<IReportingGrain>(0);
        var report = Department is null ? await grain.DailyReport(Day) : await grain.DepartmentReport(Day, Department);
        report = ReportIndicators.Present(report, await indicators.SelectedAsync(), t);
        Rows = ReportExport.RowsWithAdditional(report, t);
        Departments = ReportExport.Departments(report);
        Report = report;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(DateOnly? date, string? department) => await LoadAsync(date, department) ? Page() : StatusCode(403);

    public async Task<IActionResult> OnGetCsvAsync(DateOnly? date, string? department)
    {
        if (!await LoadAsync(date, department)) return StatusCode(403);
        await journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.ReportDownloaded, "report", Day.ToString("yyyy-MM-dd"),
            "csv");
        return File(ReportExport.Csv(Rows, Departments), "text/csv; charset=utf-8", FileName + ".csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(DateOnly? date, string? department)
    {
        if (!await LoadAsync(date, department)) return StatusCode(403);
        await journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.ReportDownloaded, "report", Day.ToString("yyyy-MM-dd"),
            "xlsx");
        return File(ReportExport.Xlsx(Rows, Day.ToString("yyyy-MM-dd"), Departments),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName + ".xlsx");
    }
}
