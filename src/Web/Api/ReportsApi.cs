using FollowUp.Web.Application;
using FollowUp.Web.Application.Security;

namespace FollowUp.Web.Api;

/// <summary>/api/reports: daily report, archive, forecast.</summary>
public static class ReportsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/reports/daily", async (string? date, string? format, string? department, IClusterClient cluster,
            Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t,
            HttpContext http, FollowUp.Web.Application.Privacy.AccessJournal journal, Application.Reports.ReportIndicators indicators) =>
        {
            var dep = department?.Trim().ToUpperInvariant();
            if (!string.IsNullOrEmpty(dep) && !Inclusion.IsDepartment(dep))
                return Results.ValidationProblem(new Dictionary<string,
                    string[]>
                { ["department"] = [$"'{department}' is not a French department code (13, 2A, 974)"] });
            if (string.IsNullOrWhiteSpace(date)) return Results.ValidationProblem(new Dictionary<string,
                string[]>
            { ["date"] = ["required (YYYY-MM-DD)"] });
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var day))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["date"] = [$"'{date}' is not a date (YYYY-MM-DD)"] });
            var grain = cluster.GetGrain<IReportingGrain>(0);
            var report = string.IsNullOrEmpty(dep) ? await grain.DailyReport(day) : await grain.DepartmentReport(day, dep);
            report = Application.Reports.ReportIndicators.Present(report, await indicators.SelectedAsync(), t);
            var name = string.IsNullOrEmpty(dep) ? $"rapport-{day:yyyy-MM-dd}" : $"rapport-{day:yyyy-MM-dd}-{dep}";
            var departments = Application.Reports.ReportExport.Departments(report);
            if (format is "csv" or "xlsx") await journal.Record(http, FollowUp.Web.Application.Privacy.AccessActions.ReportDownloaded, "report",
                string.IsNullOrEmpty(dep) ? day.ToString("yyyy-MM-dd") : $"{day:yyyy-MM-dd}/{dep}", format);
            return format switch
            {
                null or "" or "json" => Results.Ok(report),
                "csv" => Results.File(Application.Reports.ReportExport.Csv(Application.Reports.ReportExport.RowsWithAdditional(report, t),
                    departments), "text/csv; charset=utf-8", name + ".csv"),
                "xlsx" => Results.File(Application.Reports.ReportExport.Xlsx(Application.Reports.ReportExport.RowsWithAdditional(report, t),
                    day.ToString("yyyy-MM-dd"), departments),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
                _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"'{format}' is not one of json, csv, xlsx"] }),
            };
        }).RequireScope(ApiScopes.ReportsRead);

        api.MapGet("/reports/archive", async (Application.Reports.ReportArchiveQueries archive) =>
            Results.Ok((await archive.ListAsync()).Select(r => new { date = r.Date, generatedAt = r.GeneratedAt })))
                .RequireScope(ApiScopes.ReportsRead);
        api.MapGet("/reports/archive/{date}", async (string date, Application.Reports.ReportArchiveQueries archive) =>
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out var day)) return Results.ValidationProblem(new Dictionary<string,
                string[]>
            { ["date"] = [$"'{date}' is not a date (YYYY-MM-DD)"] });
            var json = await archive.JsonAsync(day);
            return json is null ? Results.NotFound() : Results.Text(json, "application/json");
        }).RequireScope(ApiScopes.ReportsRead);
        api.MapGet("/reports/forecast", async (IClusterClient cluster, PlatformClock clock) =>
            Results.Ok(await cluster.GetGrain<IReportingGrain>(0).Forecast(await clock.TodayAsync()))).RequireScope(ApiScopes.ReportsRead);
    }
}
