using FollowUp.Web.Application.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Privacy;

/// <summary>"Journal d'accès" (Admin, Dpo): who read or changed what, filtered by person, user, action and period; CSV export.</summary>
public sealed class JournalModel(AccessLog log, AccessJournal journal) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? PersonId { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    public IReadOnlyList<AccessLog.Item> Items { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public const int PageSize = 500;

    public async Task OnGetAsync()
    {
        var (filter, errors) = AccessLogFilter.Parse(PersonId, UserName, Action, From, To);
        if (filter is null) { Errors = errors; Response.StatusCode = 400; return; }
        Items = await log.FindAsync(filter, PageSize);
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var (filter, errors) = AccessLogFilter.Parse(PersonId, UserName, Action, From, To);
        if (filter is null) return BadRequest(errors);
        var journaled = journal.Record(HttpContext, AccessActions.AccessLogExported, "accessLog", filter.PersonId?.ToString(), "csv");
        var items = await log.FindAsync(filter, 100_000);
        await journaled;
        return File(AccessLog.Csv(items), "text/csv; charset=utf-8", "journal-acces.csv");
    }
}
