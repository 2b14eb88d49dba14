using Dapper;
using FollowUp.Web.Application;
using FollowUp.Web.Application.Privacy;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace FollowUp.Web.Pages.Privacy;

/// <summary>Admin: the last retention purge, what it removed, and when the next one runs.</summary>
public sealed class PurgeModel(NpgsqlDataSource db, PlatformClock clock, PrivacyOptions options) : PageModel
{
    public sealed record Run(long Id, DateTime StartedAt, DateTime? FinishedAt, DateTime Horizon, string Counts, string? Error);

    public Run? Last { get; private set; }
    public Dictionary<string, int> Counts { get; private set; } = [];
    public DateTime Next { get; private set; }
    public PrivacyOptions Options => options;

    public async Task OnGetAsync()
    {
        await using (var conn = await db.OpenConnectionAsync())
        {
            var row = await conn.QuerySingleOrDefaultAsync<(long Id, DateTime StartedAt, DateTime? FinishedAt, DateTime Horizon, string Counts, string? Error)?>(
                "SELECT id, started_at, finished_at, horizon, counts::text, error FROM privacy_purges ORDER BY id DESC LIMIT 1");
            if (row is { } r) Last = new Run(r.Id, r.StartedAt, r.FinishedAt, r.Horizon, r.Counts, r.Error);
        }
        if (Last is not null) Counts = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(Last.Counts) ?? [];
        var today = await clock.TodayAsync();
        var ranToday = Last is { Error: null } && DateOnly.FromDateTime(PlatformClock.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(Last.StartedAt, DateTimeKind.Utc)))) >= today;
        Next = (ranToday ? today.AddDays(1) : today).ToDateTime(TimeOnly.MinValue);
    }

    public static string Local(DateTime utc) => PlatformClock.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))).ToString("dd/MM/yyyy HH:mm");
}
