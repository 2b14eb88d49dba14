using FollowUp.Web.Application;
using FollowUp.Web.Application.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FollowUp.Web.Pages.Reports;

/// <summary>Seven daily reports side by side with trend charts, for the weekly ARS meeting; and the staffing: actual,
/// forecast and what-if (issue 16 §7), whose inputs come from the query string (<see cref="WhatIfQuery"/>).</summary>
public sealed class WeekModel(IClusterClient cluster, PlatformClock clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public DateOnly Start { get; private set; }
    public List<DailyReport> Reports { get; private set; } = [];
    public List<List<ReportExport.Row>> Rows { get; private set; } = [];
    public StaffingForecast Forecast { get; private set; } = null!;
    /// <summary>Staffing as it was over the week shown, per day and hour (issue 16 §7).</summary>
    public StaffingActual Actual { get; private set; } = null!;
    /// <summary>The projected backlog of the next 7 days under the page's what-if inputs.</summary>
    public StaffingWhatIf WhatIf { get; private set; } = null!;
    public WhatIfQuery Inputs { get; private set; } = null!;

    public async Task OnGetAsync(DateOnly? start)
    {
        var today = await clock.TodayAsync();
        Start = start ?? today.AddDays(-7);
        var reporting = cluster.GetGrain<IReportingGrain>(0);
        Reports = (await Task.WhenAll(Enumerable.Range(0, 7).Select(i => reporting.DailyReport(Start.AddDays(i))))).ToList();
        Rows = Reports.Select(r => ReportExport.Rows(r, t)).ToList();
        Actual = await cluster.GetGrain<IStaffingGrain>(0).Actual(Start, Start.AddDays(7));
        await PlanAsync(today);
    }

    /// <summary>The staffing (actual, forecast, what-if) as CSV.</summary>
    public async Task<IActionResult> OnGetStaffingCsvAsync(DateOnly? start)
    {
        await OnGetAsync(start);
        return File(StaffingCsv.Build(Actual, Forecast), "text/csv; charset=utf-8", $"effectifs-{Start:yyyy-MM-dd}.csv");
    }

    /// <summary>The forecast of the next 7 days (with the page's inclusions override) as CSV.</summary>
    public async Task<IActionResult> OnGetForecastCsvAsync()
    {
        var today = await clock.TodayAsync();
        if (!await PlanAsync(today)) return Invalid();
        return File(ForecastCsv.Build(Forecast, t), "text/csv; charset=utf-8", $"prevision-effectifs-{today.AddDays(1):yyyy-MM-dd}.csv");
    }

    /// <summary>The what-if of the next 7 days (the page's inputs) as CSV.</summary>
    public async Task<IActionResult> OnGetWhatIfCsvAsync()
    {
        var today = await clock.TodayAsync();
        if (!await PlanAsync(today)) return Invalid();
        return File(WhatIfCsv.Build(WhatIf, t), "text/csv; charset=utf-8", $"simulation-effectifs-{today.AddDays(1):yyyy-MM-dd}.csv");
    }

    /// <summary>Forecast and what-if from the query's inputs; with a bad input, from the defaults (false).</summary>
    private async Task<bool> PlanAsync(DateOnly today)
    {
        Inputs = WhatIfQuery.Read(Request.Query, t);
        var request = Inputs.IsValid ? Inputs.Request : new WhatIfRequest();
        var staffing = cluster.GetGrain<IStaffingGrain>(0);
        var (forecast, whatIf) = (staffing.Forecast(today, request.InclusionsPerDay), staffing.WhatIf(today, request));
        (Forecast, WhatIf) = (await forecast, await whatIf);
        return Inputs.IsValid;
    }

    private BadRequestObjectResult Invalid() =>
        BadRequest(new ValidationProblemDetails(Inputs.Errors.ToDictionary(e => e.Key, e => new[] { e.Value })));
}
