using FollowUp.Web.Application;
using FollowUp.Web.Application.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Imports;

/// <summary>Upload of the daily inclusion list (Supervisor/Admin) and the recent imports. The body's size limit is set before
/// anything reads it (<see cref="ImportBodyLimit"/>); the form's own limit is left to it.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
public sealed class IndexModel(ImportRunner runner, FollowUp.Web.Application.Privacy.AccessJournal journal) : PageModel
{
    public IReadOnlyList<ImportResult> Recent { get; private set; } = [];
    public string? Error { get; private set; }
    public long MaxBytes => runner.MaxBytes;

    public async Task OnGetAsync() => Recent = await runner.RecentAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var (bytes, fileName, error) = await ImportUpload.ReadAsync(HttpContext, runner.MaxBytes);
        if (error is not null)
        {
            Error = error is IStatusCodeHttpResult { StatusCode: 413 } ? Texts.Get("Import_TooLarge", runner.MaxBytes / 1024 / 1024)
                : Texts.Get("Import_NoFile");
            Recent = await runner.RecentAsync();
            return Page();
        }
        var result = await runner.StartAsync(bytes!, fileName!, User.Identity!.Name!, answerSmallFilesAtOnce: false);
        await journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.ImportStarted, "import", result.ImportId.ToString(),
            fileName);
        return RedirectToPage("Detail", new { id = result.ImportId });
    }
}
