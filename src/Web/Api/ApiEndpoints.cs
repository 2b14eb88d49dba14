using System.Text.Json.Serialization;
using Dapper;
using FollowUp.Web.Application;
using FollowUp.Web.Application.Imports;
using Npgsql;

namespace FollowUp.Web.Api;

/// <summary>The JSON API under /api (API key). Names are read by integrations: keep them.</summary>
public static class ApiEndpoints
{
    public const string Policy = "Api";

    public static void MapFollowUpApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Policy);

        api.MapPost("/users", async (UserInput input, StaffUsers users) =>
        {
            var errors = StaffUsers.Validate(input.UserName, input.DisplayName, input.Role, input.Password, input.Departments);
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            return await users.CreateAsync(input.UserName!, input.DisplayName!, input.Role!, input.Password!, input.Departments)
                ? Results.Created($"/api/users/{input.UserName}", new { userName = input.UserName, input.DisplayName, input.Role })
                : Results.Conflict(new { error = $"userName '{input.UserName}' already exists" });
        });

        api.MapPost("/persons", async (PersonInput input, IClusterClient cluster, PlatformClock clock) =>
        {
            var (request, errors) = Inclusion.Validate(input, Actors.System, await clock.TodayAsync());
            if (request is null) return Results.ValidationProblem(errors);
            var result = await cluster.GetGrain<IPersonGrain>(PersonIds.FromExternalId(request.ExternalId)).Include(request);
            return result.Created ? Results.Created($"/api/persons/{result.Id}", new { id = result.Id }) : Results.Ok(new { id = result.Id });
        });

        api.MapGet("/persons/{id:guid}", async (Guid id, IClusterClient cluster) =>
            await cluster.GetGrain<IPersonGrain>(id).Get() is { } person ? Results.Ok(person) : Results.NotFound());

        api.MapGet("/settings/opening-hours", async (IClusterClient cluster) => Results.Ok(await cluster.GetGrain<ICalendarGrain>(0).GetOpeningHours()));
        api.MapPut("/settings/opening-hours", async (OpeningHours hours, IClusterClient cluster) =>
        {
            if (hours.Days.Count != 7) return Results.ValidationProblem(new Dictionary<string, string[]> { ["days"] = ["7 entries, Sunday first"] });
            var bad = hours.Days.Select((d, i) => (d, i)).Where(x => x.d is { } h && h.Open >= h.Close).Select(x => $"day {x.i}: open must be before close").ToArray();
            if (bad.Length > 0) return Results.ValidationProblem(new Dictionary<string, string[]> { ["days"] = bad });
            await cluster.GetGrain<ICalendarGrain>(0).SetOpeningHours(hours);
            return Results.Ok(hours);
        });

        api.MapPost("/operators/{id}/next", async (string id, IClusterClient cluster) =>
            await cluster.GetGrain<IOperatorGrain>(id).Next() is { } call ? Results.Ok(call) : Results.NoContent());
        api.MapGet("/operators/{id}", async (string id, IClusterClient cluster) => Results.Ok(await cluster.GetGrain<IOperatorGrain>(id).Get()));
        api.MapPost("/calls/{callId}/start", async (string callId, CallOutcomes calls) =>
            CallOutcomes.ToHttp(await calls.StartAsync(callId, null), new { callId, status = "started" }));
        api.MapPost("/calls/{callId}/outcome", async (string callId, System.Text.Json.JsonElement body, CallOutcomes calls) =>
        {
            var (request, errors) = CallOutcomes.Read(body);
            if (request is null) return Results.ValidationProblem(errors);
            return CallOutcomes.ToHttp(await calls.RecordAsync(callId, null, request), new { callId, outcome = body.GetProperty("outcome").GetString() });
        });
        api.MapGet("/settings/call-priorities", async (IClusterClient cluster) => Results.Ok(await cluster.GetGrain<ICallQueueGrain>(0).GetPriorities()));
        api.MapPut("/settings/call-priorities", async (PrioritiesInput input, IClusterClient cluster) =>
        {
            var order = new List<MilestoneType>();
            foreach (var t in input.Order ?? [])
                if (Enum.TryParse<MilestoneType>(t, out var m) && Enum.IsDefined(m)) order.Add(m);
                else return Results.ValidationProblem(new Dictionary<string, string[]> { ["order"] = [$"'{t}' is not a call type (J2, J4, J7, J7TestFollowUp, J9)"] });
            if (order.Distinct().Count() != Enum.GetValues<MilestoneType>().Length || order.Count != order.Distinct().Count())
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["order"] = ["every call type exactly once"] });
            var priorities = new CallPriorities([.. order], input.VulnerableFirst ?? true);
            await cluster.GetGrain<ICallQueueGrain>(0).SetPriorities(priorities);
            return Results.Ok(priorities);
        });

        api.MapPost("/imports", async (HttpContext http, ImportRunner runner) =>
        {
            var (bytes, fileName, error) = await ImportUpload.ReadAsync(http, runner.MaxBytes);
            if (error is not null) return error;
            var result = await runner.StartAsync(bytes!, fileName!, "api", answerSmallFilesAtOnce: true);
            return result.Status switch
            {
                "failed" => Results.Json(result, statusCode: 400),
                "running" => Results.Accepted($"/api/imports/{result.ImportId}", result),
                _ => Results.Ok(result),
            };
        });
        api.MapGet("/imports/{id:guid}", async (Guid id, ImportRunner runner) => await runner.GetAsync(id) is { } r ? Results.Ok(r) : Results.NotFound());
        api.MapGet("/imports/{id:guid}/rejects", async (Guid id, ImportRunner runner) =>
            await runner.RejectsCsvAsync(id) is { } csv ? ImportUpload.Csv(csv, $"rejets-{id:N}.csv") : Results.NotFound());
        api.MapGet("/persons", async (string? q, PersonSearch search) => Results.Ok(await search.FindAsync(q ?? "")));

        api.MapGet("/reports/daily", async (string? date, string? format, IClusterClient cluster, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) =>
        {
            if (string.IsNullOrWhiteSpace(date)) return Results.ValidationProblem(new Dictionary<string, string[]> { ["date"] = ["required (YYYY-MM-DD)"] });
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["date"] = [$"'{date}' is not a date (YYYY-MM-DD)"] });
            var report = await cluster.GetGrain<IReportingGrain>(0).DailyReport(day);
            return format switch
            {
                null or "" or "json" => Results.Ok(report),
                "csv" => Results.File(Application.Reports.ReportExport.Csv(Application.Reports.ReportExport.Rows(report, t)), "text/csv; charset=utf-8", $"rapport-{day:yyyy-MM-dd}.csv"),
                "xlsx" => Results.File(Application.Reports.ReportExport.Xlsx(Application.Reports.ReportExport.Rows(report, t), day.ToString("yyyy-MM-dd")),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"rapport-{day:yyyy-MM-dd}.xlsx"),
                _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"'{format}' is not one of json, csv, xlsx"] }),
            };
        });

        api.MapGet("/reports/archive", async (NpgsqlDataSource db) =>
        {
            await using var conn = await db.OpenConnectionAsync();
            var rows = await conn.QueryAsync<(DateTime Date, DateTime GeneratedAt)>("SELECT date, generated_at FROM daily_reports ORDER BY date DESC LIMIT 400");
            return Results.Ok(rows.Select(r => new { date = DateOnly.FromDateTime(r.Date), generatedAt = new DateTimeOffset(DateTime.SpecifyKind(r.GeneratedAt, DateTimeKind.Utc)) }));
        });
        api.MapGet("/reports/archive/{date}", async (string date, NpgsqlDataSource db) =>
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out var day)) return Results.ValidationProblem(new Dictionary<string, string[]> { ["date"] = [$"'{date}' is not a date (YYYY-MM-DD)"] });
            await using var conn = await db.OpenConnectionAsync();
            var json = await conn.QuerySingleOrDefaultAsync<string>("SELECT report::text FROM daily_reports WHERE date = @d", new { d = day.ToDateTime(TimeOnly.MinValue) });
            return json is null ? Results.NotFound() : Results.Text(json, "application/json");
        });
        api.MapGet("/reports/forecast", async (IClusterClient cluster, PlatformClock clock) =>
            Results.Ok(await cluster.GetGrain<IReportingGrain>(0).Forecast(await clock.TodayAsync())));

        var sim = api.MapGroup("/simulation").AddEndpointFilter(async (ctx, next) =>
            ctx.HttpContext.RequestServices.GetRequiredService<PlatformClock>().Simulation ? await next(ctx) : Results.NotFound());
        sim.MapGet("/clock", async (PlatformClock clock) => Results.Ok(new { now = await clock.NowAsync() }));
        sim.MapPost("/advance", async (AdvanceInput input, IClusterClient cluster, PlatformClock clock) =>
        {
            if (input.To is not { } to) return Results.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["required (ISO 8601 instant)"] });
            var grain = cluster.GetGrain<ISimulationGrain>(0);
            if (to < await grain.Now()) return Results.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["the virtual clock never goes back"] });
            while (!await grain.AdvanceStep(to)) { }
            return Results.Ok(new { now = await clock.NowAsync() });
        });
        sim.MapGet("/sms", async (string? phone, SmsInbox inbox) =>
        {
            if (!inbox.Available) return Results.Problem("No fake SMS operator configured (FollowUp:Sms:FakeInboxUrl or provider Fake).", statusCode: 404);
            var e164 = phone is null ? null : Inclusion.ParsePhone(phone).E164 ?? phone;
            return Results.Ok(await inbox.ListAsync(e164));
        });
    }

    public sealed record PrioritiesInput(string[]? Order, bool? VulnerableFirst);
    public sealed record UserInput(string? UserName, string? DisplayName, string? Role, string? Password, string[]? Departments = null);
    public sealed record AdvanceInput([property: JsonPropertyName("to")] DateTimeOffset? To);
}
