using FollowUp.Web.Application;
using FollowUp.Web.Application.Privacy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Privacy;

/// <summary>Admin: the last retention purge, what it removed, and when the next one runs.</summary>
public sealed class PurgeModel(PurgeRuns runs, PlatformClock clock, PrivacyOptions options) : PageModel
{
    public PurgeRuns.Run? Last { get; private set; }
    public Dictionary<string, int> Counts { get; private set; } = [];
    public DateTime Next { get; private set; }
    public PrivacyOptions Options => options;

    public async Task OnGetAsync()
    {
        Last = await runs.LastAsync();
        if (Last is not null) Counts = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(Last.Counts) ?? [];
        var today = await clock.TodayAsync();
        var ranToday = Last is { Error: null } && DateOnly.FromDateTime(PlatformClock.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(Last.StartedAt,
            DateTimeKind.Utc)))) >= today;
        Next = (ranToday ? today.AddDays(1) : today).ToDateTime(TimeOnly.MinValue);
    }

    public static string Local(DateTime utc) => PlatformClock.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)))
        .ToString("dd/MM/yyyy HH:mm");
}
