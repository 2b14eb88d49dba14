using FollowUp.Web.Application;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Persons;

public sealed class IndexModel(PersonSearch search, FollowUp.Web.Application.Privacy.AccessJournal journal,
    FollowUp.Web.Application.Security.DepartmentAccess access) : PageModel
{
    public string Query { get; private set; } = "";
    public IReadOnlyList<PersonHit> Hits { get; private set; } = [];

    public async Task OnGetAsync(string? q)
    {
        Query = q?.Trim() ?? "";
        if (Query.Length == 0) return;
        var journaled = journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.Search, "search", Query);
        Hits = await search.FindAsync(Query, departments: await access.LimitsAsync(User));
        await journaled;
    }
}
