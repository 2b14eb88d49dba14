using FollowUp.Web.Application;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FollowUp.Web.Pages.Admin;

public sealed class HoursModel(IClusterClient cluster, FollowUp.Web.Application.Privacy.AccessJournal journal) : PageModel
{
    public OpeningHours Hours { get; private set; } = OpeningHours.Default;
    public bool Saved { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync() => Hours = await cluster.GetGrain<ICalendarGrain>(0).GetOpeningHours();

    public async Task OnPostAsync(Dictionary<int, TimeOnly> open, Dictionary<int, TimeOnly> close, Dictionary<int, bool> closed, bool openOnHolidays)
    {
        var days = new DayHours?[7];
        for (var d = 0; d < 7; d++)
        {
            if (closed.GetValueOrDefault(d)) continue;
            if (!open.TryGetValue(d, out var o) || !close.TryGetValue(d, out var c))
            {
                await RefuseAsync(d);
                return;
            }
            days[d] = new DayHours(o, c);
        }
        var hours = new OpeningHours { Days = days, OpenOnHolidays = openOnHolidays };
        if (await cluster.GetGrain<ICalendarGrain>(0).SetOpeningHours(hours) is { Saved: false } refused)
        {
            await RefuseAsync(refused.Problems[0].Day ?? 0); // the calendar grain owns the rules; the page names the day in French
            return;
        }
        Hours = hours;
        await journal.Record(HttpContext, FollowUp.Web.Application.Privacy.AccessActions.OpeningHoursChanged, "settings", "opening-hours");
        Saved = true;
    }

    private async Task RefuseAsync(int day)
    {
        Error = Texts.Get("Err_HoursOrder", Texts.Get("Day_" + day));
        Hours = await cluster.GetGrain<ICalendarGrain>(0).GetOpeningHours();
    }
}
