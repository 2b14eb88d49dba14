using FollowUp.Web.Application;
using FollowUp.Web.Application.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FollowUp.Web.Pages.Reports;

/// <summary>Seven daily reports side by side with trend charts, for the weekly ARS meeting; and the staffing forecast.</summary>
public sealed class WeekModel(IClusterClient cluster, PlatformClock clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public DateOnly Start { get; private set; }
    public List<DailyReport> Reports { get; private set; } = [];
    public List<List<ReportExport.Row>> Rows { get; private set; } = [];
    public StaffingForecast Forecast { get; private set; } = null!;
    /// <summary>Staffing as it was over the week shown, per day and hour (issue 16 §7).</summary>
    public StaffingActual Actual { get; private set; } = null!;

    public async Task OnGetAsync(DateOnly? start)
    {
        var today = await clock.TodayAsync();
        Start = start ?? today.AddDays(-7);
        var reporting = cluster.GetGrain<IReportingGrain>(0);
        Reports = (await Task.WhenAll(Enumerable.Range(0, 7).Select(i => reporting.DailyReport(Start.AddDays(i))))).ToList();
        Rows = Reports.Select(r => ReportExport.Rows(r, t)).ToList();
        Forecast = await reporting.Forecast(today);
        Actual = await cluster.GetGrain<IStaffingGrain>(0).Actual(Start, Start.AddDays(7));
    }

    /// <summary>The staffing (actual, forecast, what-if) as CSV.</summary>
    public async Task<IActionResult> OnGetStaffingCsvAsync(DateOnly? start)
    {
        await OnGetAsync(start);
        return File(StaffingCsv.Build(Actual, Forecast), "text/csv; charset=utf-8", $"effectifs-{Start:yyyy-MM-dd}.csv");
    }
}
