using FollowUp.Web.Application;
using FollowUp.Web.Application.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FollowUp.Web.Pages.Reports;

/// <summary>The daily ARS report: table (printable), CSV and XLSX downloads.</summary>
public sealed class IndexModel(IClusterClient cluster, PlatformClock clock, IStringLocalizer<SharedResource> t, FollowUp.Web.Application.Privacy.AccessJournal journal) : PageModel
{
    public DateOnly Day { get; private set; }
    public List<ReportExport.Row> Rows { get; private set; } = [];
    /// <summary>The department filter (null: every department).</summary>
    public string? Department { get; private set; }
    public List<ReportExport.DepartmentColumn> Departments { get; private set; } = [];
    /// <summary>The report shown (its figures feed the charts).</summary>
    public DailyReport Report { get; private set; } = null!;
    private string FileName => Department is null ? $"rapport-{Day:yyyy-MM-dd}" : $"rapport-{Day:yyyy-MM-dd}-{Department}";

    private async Task<DailyReport> LoadAsync(DateOnly? date, string? department)
    {
        Day = date ?? (await clock.TodayAsync()).AddDays(-1);
        var dep = department?.Trim().ToUpperInvariant();
        Department = string.IsNullOrEmpty(dep) || !Inclusion.IsDepartment(dep) ? null : dep;
        var grain = cluster.GetGrain<IReportingGrain>(0);
        var report = Department is null ? await grain.DailyReport(Day) : await grain.DepartmentReport(Day, Department);
        Rows = ReportExport.Rows(report, t);
        Departments = ReportExport.Departments(report);
        Report = report;
        return report;
    }

    public async Task OnGetAsync(DateOnly? date, string? department) => await LoadAsync(date, department);

    public async Task<IActionResult> OnGetCsvAsync(DateOnly? date, string? department)
    {
        await LoadAsync(date, department);
        await journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.ReportDownloaded, "report", Day.ToString("yyyy-MM-dd"), "csv");
        return File(ReportExport.Csv(Rows, Departments), "text/csv; charset=utf-8", FileName + ".csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(DateOnly? date, string? department)
    {
        await LoadAsync(date, department);
        await journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.ReportDownloaded, "report", Day.ToString("yyyy-MM-dd"), "xlsx");
        return File(ReportExport.Xlsx(Rows, Day.ToString("yyyy-MM-dd"), Departments), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName + ".xlsx");
    }
}
