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

    private async Task<DailyReport> LoadAsync(DateOnly? date)
    {
        Day = date ?? (await clock.TodayAsync()).AddDays(-1);
        var report = await cluster.GetGrain<IReportingGrain>(0).DailyReport(Day);
        Rows = ReportExport.Rows(report, t);
        return report;
    }

    public async Task OnGetAsync(DateOnly? date) => await LoadAsync(date);

    public async Task<IActionResult> OnGetCsvAsync(DateOnly? date)
    {
        await LoadAsync(date);
        await journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.ReportDownloaded, "report", Day.ToString("yyyy-MM-dd"), "csv");
        return File(ReportExport.Csv(Rows), "text/csv; charset=utf-8", $"rapport-{Day:yyyy-MM-dd}.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(DateOnly? date)
    {
        await LoadAsync(date);
        await journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.ReportDownloaded, "report", Day.ToString("yyyy-MM-dd"), "xlsx");
        return File(ReportExport.Xlsx(Rows, Day.ToString("yyyy-MM-dd")), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"rapport-{Day:yyyy-MM-dd}.xlsx");
    }
}
