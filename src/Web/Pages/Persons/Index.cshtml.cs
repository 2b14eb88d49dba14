using FollowUp.Web.Application;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Persons;

public sealed class IndexModel(PersonSearch search) : PageModel
{
    public string Query { get; private set; } = "";
    public IReadOnlyList<PersonHit> Hits { get; private set; } = [];

    public async Task OnGetAsync(string? q)
    {
        Query = q?.Trim() ?? "";
        if (Query.Length > 0) Hits = await search.FindAsync(Query);
    }
}
