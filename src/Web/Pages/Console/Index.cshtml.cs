using FollowUp.Web.Application;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Console;

/// <summary>Operator home: status, "Appel suivant", live queue counts, the day's calls.</summary>
public sealed class IndexModel(IClusterClient cluster, LiveFeed feed) : PageModel
{
    public OperatorView Operator { get; private set; } = null!;
    public Dictionary<string, int> Counts { get; private set; } = [];
    public bool NoneDue { get; private set; }
    public static readonly string[] PauseReasons = ["break", "meal", "training", "meeting", "other"];

    private IOperatorGrain Grain => cluster.GetGrain<IOperatorGrain>(User.Identity!.Name!);

    public async Task OnGetAsync(bool none = false)
    {
        NoneDue = none;
        Operator = await Grain.Get();
        Counts = await feed.QueueCountsAsync();
    }

    public async Task<IActionResult> OnPostNextAsync()
    {
        var call = await Grain.Next();
        return call is null ? RedirectToPage(new { none = true }) : RedirectToPage("Call", new { callId = call.CallId });
    }

    public async Task<IActionResult> OnPostStatusAsync(OperatorStatus status, string? pauseReason)
    {
        await Grain.SetStatus(status, status == OperatorStatus.Pause ? (PauseReasons.Contains(pauseReason) ? pauseReason : "other") : null);
        return RedirectToPage();
    }
}
