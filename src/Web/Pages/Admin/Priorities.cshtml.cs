using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Admin;

/// <summary>ARS priorities of the call queue; they apply to the next "Appel suivant".</summary>
public sealed class PrioritiesModel(IClusterClient cluster, FollowUp.Web.Application.Privacy.AccessJournal journal) : PageModel
{
    public CallPriorities Priorities { get; private set; } = null!;
    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved = false)
    {
        Saved = saved;
        Priorities = await cluster.GetGrain<ICallQueueGrain>(0).GetPriorities();
    }

    public async Task<IActionResult> OnPostAsync(string[] order, bool vulnerableFirst, string? move, int index)
    {
        var types = order.Select(o => Enum.TryParse<CallType>(o, out var t) ? t : (CallType?)null).OfType<CallType>().ToList();
        if (move is "up" && index > 0) (types[index - 1], types[index]) = (types[index], types[index - 1]);
        if (move is "down" && index < types.Count - 1) (types[index + 1], types[index]) = (types[index], types[index + 1]);
        if (await cluster.GetGrain<ICallQueueGrain>(0).SetPriorities(new CallPriorities([.. types], vulnerableFirst)) is { Saved: false })
            return BadRequest(); // the form always posts every type once: only a forged post lands here
        await journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.CallPrioritiesChanged, "settings", "call-priorities",
            string.Join(",", types));
        return RedirectToPage(new { saved = true });
    }
}
