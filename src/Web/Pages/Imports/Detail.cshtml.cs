using FollowUp.Web.Application.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Imports;

public sealed class DetailModel(ImportRunner runner, FollowUp.Web.Application.Privacy.AccessJournal journal) : PageModel
{
    public ImportResult Import { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await runner.GetAsync(id) is not { } r) return NotFound();
        Import = r;
        return Page();
    }

    public async Task<IActionResult> OnGetRejectsAsync(Guid id)
    {
        var journaled = journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.RejectsDownloaded, "import", id.ToString());
        var csv = await runner.RejectsCsvAsync(id);
        await journaled;
        return csv is not null
            ? File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8",
                $"rejets-{id:N}.csv")
            : NotFound();
    }
}
