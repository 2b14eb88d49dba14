using Dapper;
using FollowUp.Web.Application;
using FollowUp.Web.Application.Security;
using Npgsql;

namespace FollowUp.Web.Api;

/// <summary>/api/reports: daily report, archive, forecast.</summary>
public static class ReportsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/reports/daily", async (string? date, string? format, string? department, IClusterClient cluster, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t,
            HttpContext http, FollowUp.Web.Application.Privacy.AccessJournal journal, Application.Reports.ReportIndicators indicators) =>
        {
            var dep = department?.Trim().ToUpperInvariant();
            if (!string.IsNullOrEmpty(dep) && !Inclusion.IsDepartment(dep))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["department"] = [$"'{department}' is not a French department code (13, 2A, 974)"] });
            if (string.IsNullOrWhiteSpace(date)) return Results.ValidationProblem(new Dictionary<string, string[]> { ["date"] = ["required (YYYY-MM-DD)"] });
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["date"] = [$"'{date}' is not a date (YYYY-MM-DD)"] });
            var grain = cluster.GetGrain<IReportingGrain>(0);
            var report = string.IsNullOrEmpty(dep) ? await grain.DailyReport(day) : await grain.DepartmentReport(day, dep);
            report = Application.Reports.ReportIndicators.Present(report, await indicators.SelectedAsync(), t);
            var name = string.IsNullOrEmpty(dep) ? $"rapport-{day:yyyy-MM-dd}" : $"rapport-{day:yyyy-MM-dd}-{dep}";
            var departments = Application.Reports.ReportExport.Departments(report);
            if (format is "csv" or "xlsx") await journal.Record(http, FollowUp.Web.Application.Privacy.AccessActions.ReportDownloaded, "report", string.IsNullOrEmpty(dep) ? day.ToString("yyyy-MM-dd") : $"{day:yyyy-MM-dd}/{dep}", format);
            return format switch
            {
                null or "" or "json" => Results.Ok(report),
                "csv" => Results.File(Application.Reports.ReportExport.Csv(Application.Reports.ReportExport.RowsWithAdditional(report, t), departments), "text/csv; charset=utf-8", name + ".csv"),
                "xlsx" => Results.File(Application.Reports.ReportExport.Xlsx(Application.Reports.ReportExport.RowsWithAdditional(report, t), day.ToString("yyyy-MM-dd"), departments),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx"),
                _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"'{format}' is not one of json, csv, xlsx"] }),
            };
        }).RequireScope(ApiScopes.ReportsRead);

        api.MapGet("/reports/archive", async (NpgsqlDataSource db) =>
        {
            await using var conn = await db.OpenConnectionAsync();
            var rows = await conn.QueryAsync<(DateTime Date, DateTime GeneratedAt)>("SELECT date, generated_at FROM daily_reports ORDER BY date DESC LIMIT 400");
            return Results.Ok(rows.Select(r => new { date = DateOnly.FromDateTime(r.Date), generatedAt = new DateTimeOffset(DateTime.SpecifyKind(r.GeneratedAt, DateTimeKind.Utc)) }));
        }).RequireScope(ApiScopes.ReportsRead);
        api.MapGet("/reports/archive/{date}", async (string date, NpgsqlDataSource db) =>
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out var day)) return Results.ValidationProblem(new Dictionary<string, string[]> { ["date"] = [$"'{date}' is not a date (YYYY-MM-DD)"] });
            await using var conn = await db.OpenConnectionAsync();
            var json = await conn.QuerySingleOrDefaultAsync<string>("SELECT report::text FROM daily_reports WHERE date = @d", new { d = day.ToDateTime(TimeOnly.MinValue) });
            return json is null ? Results.NotFound() : Results.Text(json, "application/json");
        }).RequireScope(ApiScopes.ReportsRead);
        api.MapGet("/reports/forecast", async (IClusterClient cluster, PlatformClock clock) =>
            Results.Ok(await cluster.GetGrain<IReportingGrain>(0).Forecast(await clock.TodayAsync()))).RequireScope(ApiScopes.ReportsRead);
    }
}
