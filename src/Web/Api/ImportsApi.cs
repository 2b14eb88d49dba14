using FollowUp.Web.Application;
using FollowUp.Web.Application.Imports;
using FollowUp.Web.Application.Security;

namespace FollowUp.Web.Api;

/// <summary>/api/imports: daily inclusion files.</summary>
public static class ImportsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/imports", async (HttpContext http, ImportRunner runner, FollowUp.Web.Application.Privacy.AccessJournal journal) =>
        {
            var (bytes, fileName, error) = await ImportUpload.ReadAsync(http, runner.MaxBytes);
            if (error is not null) return error;
            var result = await runner.StartAsync(bytes!, fileName!, Actors.Api(http.User.Identity!.Name!), answerSmallFilesAtOnce: true);
            await journal.Record(http, FollowUp.Web.Application.Privacy.AccessActions.ImportStarted, "import", result.ImportId.ToString(), fileName);
            return result.Status switch
            {
                "failed" => Results.Json(result, statusCode: 400),
                "running" => Results.Accepted($"/api/imports/{result.ImportId}", result),
                _ => Results.Ok(result),
            };
        }).RequireScope(ApiScopes.Imports);
        api.MapGet("/imports/{id:guid}", async (Guid id, ImportRunner runner) =>
            await runner.GetAsync(id) is { } r ? Results.Ok(r) : Results.NotFound()).RequireScope(ApiScopes.Imports);
        api.MapGet("/imports/{id:guid}/rejects", async (Guid id, ImportRunner runner, HttpContext http,
            FollowUp.Web.Application.Privacy.AccessJournal journal) =>
        {
            var journaled = journal.Record(http, FollowUp.Web.Application.Privacy.AccessActions.RejectsDownloaded, "import", id.ToString());
            var csv = await runner.RejectsCsvAsync(id);
            await journaled;
            return csv is not null ? ImportUpload.Csv(csv, $"rejets-{id:N}.csv") : Results.NotFound();
        }).RequireScope(ApiScopes.Imports);
    }
}
