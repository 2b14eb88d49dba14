using FollowUp.Web.Application.Privacy;
using FollowUp.Web.Application.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Admin;

/// <summary>"Informations complémentaires": the ARS picks the catalogue's indicators that the daily report shows.</summary>
public sealed class IndicatorsModel(ReportIndicators indicators, AccessJournal journal) : PageModel
{
    public IReadOnlyList<string> Selected { get; private set; } = [];
    public bool Saved { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(bool saved = false)
    {
        Saved = saved;
        Selected = await indicators.SelectedAsync();
    }

    public async Task<IActionResult> OnPostAsync(string[]? selected)
    {
        selected ??= [];
        if (ReportIndicators.Problem(selected) is { } problem)
        {
            Error = problem;
            Selected = [.. selected.Where(AdditionalIndicatorCatalogue.Contains)];
            Response.StatusCode = 400;
            return Page();
        }
        await indicators.SetAsync(selected);
        await journal.Record(HttpContext, AccessActions.IndicatorsChanged, "settings", "report-indicators",
            string.Join(",", await indicators.SelectedAsync()));
        return RedirectToPage(new { saved = true });
    }
}
