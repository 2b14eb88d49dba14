using FollowUp.Silo.Protocol;

namespace FollowUp.Silo.Reporting;

/// <summary>
/// The what-if of the weekly page (issue 16 §7): the next 7 days' backlog under a staffing and calendar. Each day the
/// calls falling due (the forecast's, on their own day, inclusions scaled by the what-if) join the backlog; an open day's
/// capacity is operators × open hours × occupancy, spent on the backlog's calls type by type in priority order at each
/// type's configured minutes; what is left over carries to the next day. A closed day (Sunday unless opened, a public
/// holiday unless the calendar opens them) makes no call and carries everything.
/// </summary>
public static class StaffingWhatIfs
{
    private static readonly string[] Types = DailyReports.Types;

    public static StaffingWhatIf Compute(ForecastInputs x, WhatIfRequest r, IReadOnlyList<string> platformPriorities, double measuredOperators)
    {
        var perDay = (r.InclusionsPerDay ?? x.Inclusions.PerDay) * (1 + r.InclusionsPercent / 100);
        var expected = StaffingForecasts.Expected(x, perDay);
        var operators = r.Operators ?? measuredOperators;
        var priorities = r.Priorities ?? platformPriorities;
        return new StaffingWhatIf
        {
            Operators = operators,
            MeasuredOperators = measuredOperators,
            Priorities = [.. priorities],
            InclusionsPerDay = Math.Round(perDay, 1),
            Occupancy = x.Options.Occupancy,
            Days = Backlog([.. expected.Select(e => (e.Date, (IReadOnlyDictionary<string, double>)e.Calls))],
                Calendar(x.Calendar, r.SundaysOpen, r.Open, r.Close), operators, priorities, x.Options),
        };
    }

    /// <summary>The platform's calendar with Sundays opened (Saturday's hours, 9:00–19:00 if Saturday is closed) and
    /// every open day's hours replaced by <paramref name="open"/>–<paramref name="close"/> when given. Holidays stay as the calendar says.</summary>
    public static PlatformCalendar Calendar(PlatformCalendar calendar, bool sundaysOpen, TimeOnly? open, TimeOnly? close)
    {
        var days = Enumerable.Range(0, 7).Select(i => i < calendar.Hours.Days.Count ? calendar.Hours.Days[i] : null).ToArray();
        if (sundaysOpen && days[0] is null) days[0] = days[6] ?? new DayHours(new TimeOnly(9, 0), new TimeOnly(19, 0));
        if (open is not null || close is not null)
            for (var i = 0; i < days.Length; i++)
                if (days[i] is { } h) days[i] = new DayHours(open ?? h.Open, close ?? h.Close);
        return new PlatformCalendar(calendar.Hours with { Days = days }, calendar.Zone);
    }

    /// <summary>The backlog model: <paramref name="due"/> gives the calls falling due each day per type.</summary>
    public static List<WhatIfDay> Backlog(IReadOnlyList<(DateOnly Date, IReadOnlyDictionary<string, double> Due)> due, PlatformCalendar calendar,
        double operators, IReadOnlyList<string> priorities, StaffingOptions o)
    {
        var order = priorities.Where(Types.Contains).Concat(Types.Where(t => !priorities.Contains(t))).Distinct().ToList();
        var backlog = Types.ToDictionary(t => t, _ => 0.0);
        var days = new List<WhatIfDay>();
        foreach (var (date, calls) in due)
        {
            foreach (var t in Types) backlog[t] += calls.GetValueOrDefault(t);
            var open = calendar.HoursOn(date) is { } h ? (h.Close - h.Open).TotalHours : 0;
            var minutesLeft = operators * open * 60 * o.Occupancy;
            var made = Types.ToDictionary(t => t, _ => 0.0);
            foreach (var t in order)
            {
                var n = Math.Max(0, Math.Min(backlog[t], minutesLeft / o.CallMinutes[t]));
                made[t] = n;
                backlog[t] -= n;
                minutesLeft -= n * o.CallMinutes[t];
            }
            days.Add(new WhatIfDay
            {
                Date = date,
                Open = open > 0,
                OpenHours = Math.Round(open, 2),
                DueByType = Types.ToDictionary(t => t, t => Math.Round(calls.GetValueOrDefault(t), 1)),
                Due = Math.Round(Types.Sum(t => calls.GetValueOrDefault(t)), 1),
                CapacityHours = Math.Round(operators * open * o.Occupancy, 1),
                MadeByType = made.ToDictionary(m => m.Key, m => Math.Round(m.Value, 1)),
                Made = Math.Round(made.Values.Sum(), 1),
                BacklogByType = backlog.ToDictionary(b => b.Key, b => Math.Round(b.Value, 1)),
                Backlog = Math.Round(backlog.Values.Sum(), 1),
            });
        }
        return days;
    }

    /// <summary>Operators signed in on average over the days of <paramref name="actual"/> someone worked (0 if none).</summary>
    public static double MeanOperators(StaffingActual actual)
    {
        var worked = actual.Days.Where(d => d.OperatorsSignedIn > 0).ToList();
        return worked.Count == 0 ? 0 : Math.Round(worked.Average(d => d.OperatorsSignedIn), 1);
    }
}
