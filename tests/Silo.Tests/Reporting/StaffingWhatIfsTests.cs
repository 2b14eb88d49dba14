using FollowUp.Silo.Protocol;
using FollowUp.Silo.Reporting;

namespace FollowUp.Tests.Reporting;

/// <summary>The what-if backlog, hand-computed: 0.6 operator × 10 hours × 75 % occupancy = 270 minutes of calls a day
/// (4.5 operator-hours), spent type by type in priority order (J2 7 min, J4 10, J7 4, J9 4); the rest carries over.</summary>
public class StaffingWhatIfsTests
{
    private static readonly DateOnly Wednesday = new(2026, 11, 25);
    private static readonly PlatformCalendar Calendar = new(OpeningHours.Default, Zones.Paris); // Mon–Sat 9–19, Sundays closed

    /// <summary>Thursday J2 30, J7 20; Friday J2 10; Sunday J9 5; nothing else.</summary>
    private static List<(DateOnly, IReadOnlyDictionary<string, double>)> Due(DateOnly today) =>
    [
        .. Enumerable.Range(1, 7).Select(i => (today.AddDays(i), (IReadOnlyDictionary<string, double>)(i switch
        {
            1 => new Dictionary<string, double> { ["J2"] = 30, ["J7"] = 20 },
            2 => new Dictionary<string, double> { ["J2"] = 10 },
            4 => new Dictionary<string, double> { ["J9"] = 5 },
            _ => new Dictionary<string, double>(),
        }))),
    ];

    [Fact]
    public void Priorities_decide_which_call_types_are_left_over()
    {
        // J7 first: Thursday 20 J7 take 80 min, the 190 left make 190 / 7 = 27.14 J2; 2.86 J2 carry to Friday,
        // where 12.86 J2 (90 min) are all made.
        var j7First = StaffingWhatIfs.Backlog(Due(Wednesday), Calendar, 0.6, ["J7", "J2", "J4", "J7TestFollowUp", "J9"], StaffingOptions.Default);
        var thursday = j7First[0];
        Assert.Equal((true, 10.0, 50.0, 4.5), (thursday.Open, thursday.OpenHours, thursday.Due, thursday.CapacityHours));
        Assert.Equal((20.0, 27.1, 47.1), (thursday.MadeByType["J7"], thursday.MadeByType["J2"], thursday.Made));
        Assert.Equal((2.9, 0.0, 2.9), (thursday.BacklogByType["J2"], thursday.BacklogByType["J7"], thursday.Backlog));
        Assert.Equal((10.0, 12.9, 0.0), (j7First[1].Due, j7First[1].Made, j7First[1].Backlog));

        // J2 first: Thursday's 30 J2 take 210 min, the 60 left make 15 J7; 5 J7 carry to Friday and are made there.
        var j2First = StaffingWhatIfs.Backlog(Due(Wednesday), Calendar, 0.6, ["J2", "J4", "J7", "J7TestFollowUp", "J9"], StaffingOptions.Default);
        Assert.Equal((30.0, 15.0, 5.0, 0.0), (j2First[0].MadeByType["J2"], j2First[0].MadeByType["J7"], j2First[0].BacklogByType["J7"],
            j2First[0].BacklogByType["J2"]));
        Assert.Equal((15.0, 0.0), (j2First[1].Made, j2First[1].Backlog));
    }

    [Fact]
    public void A_closed_day_carries_everything_and_opening_sundays_removes_that_backlog()
    {
        var order = new[] { "J2", "J4", "J7", "J7TestFollowUp", "J9" };
        var closed = StaffingWhatIfs.Backlog(Due(Wednesday), Calendar, 0.6, order, StaffingOptions.Default);
        var sunday = closed[3];
        Assert.Equal((false, 0.0, 5.0, 0.0, 5.0), (sunday.Open, sunday.CapacityHours, sunday.Due, sunday.Made, sunday.BacklogByType["J9"]));
        Assert.Equal((5.0, 0.0), (closed[4].Made, closed[4].Backlog)); // Monday makes them

        var open = StaffingWhatIfs.Backlog(Due(Wednesday), StaffingWhatIfs.Calendar(Calendar, sundaysOpen: true, null, null), 0.6, order,
            StaffingOptions.Default);
        Assert.Equal((true, 10.0, 5.0, 0.0), (open[3].Open, open[3].OpenHours, open[3].Made, open[3].Backlog)); // Saturday's hours

        // Christmas (Friday 25 December 2026) is a public holiday: its calls wait for Saturday.
        var christmas = StaffingWhatIfs.Backlog(Due(new DateOnly(2026, 12, 23)), Calendar, 0.6, order, StaffingOptions.Default);
        Assert.Equal((false, 0.0, 15.0), (christmas[1].Open, christmas[1].Made, christmas[1].Backlog)); // Thursday's 5 J7 + Friday's 10 J2
        Assert.Equal((15.0, 0.0), (christmas[2].Made, christmas[2].Backlog));
    }

    [Fact]
    public void Changed_hours_change_the_capacity()
    {
        // 9:00–13:00: 0.6 × 4 h × 0.75 = 1.8 operator-hours = 108 min: Thursday makes 108 / 7 = 15.43 J2;
        // 14.57 J2 and the 20 J7 are left (34.6).
        var calendar = StaffingWhatIfs.Calendar(Calendar, sundaysOpen: false, new TimeOnly(9, 0), new TimeOnly(13, 0));
        var days = StaffingWhatIfs.Backlog(Due(Wednesday), calendar, 0.6, ["J2", "J4", "J7", "J7TestFollowUp", "J9"], StaffingOptions.Default);
        Assert.Equal((4.0, 1.8, 15.4, 34.6), (days[0].OpenHours, days[0].CapacityHours, days[0].Made, days[0].Backlog));
        Assert.Null(calendar.HoursOn(Wednesday.AddDays(4))); // Sunday stays closed
    }

    [Fact]
    public void The_what_if_scales_expected_inclusions_and_defaults_to_last_weeks_operators_and_the_platforms_priorities()
    {
        // 10 inclusions a day − 50 % = 5: Thursday's inclusions give Saturday 5 × (0.2 × 1.3 + 0.8 × 0.65) = 3.9 J2 calls.
        var inputs = new ForecastInputs(Wednesday, [], [], new InclusionMix(10, 0.5, 0.2), Calendar, ProtocolSettings.Default,
            StaffingOptions.Default);
        var w = StaffingWhatIfs.Compute(inputs, new WhatIfRequest { InclusionsPercent = -50 }, ["J9", "J7", "J7TestFollowUp", "J4", "J2"],
            measuredOperators: 2);
        Assert.Equal((5.0, 2.0, 0.75), (w.InclusionsPerDay, w.Operators, w.Occupancy));
        Assert.Equal(new[] { "J9", "J7", "J7TestFollowUp", "J4", "J2" }, w.Priorities);
        Assert.Equal((3.9, 3.9, 0.0, 15.0), (w.Days[2].DueByType["J2"], w.Days[2].Made, w.Days[2].Backlog, w.Days[2].CapacityHours));

        // No operator: everything due stays, day after day (Saturday 3.9, Sunday + 3.9, Monday + 3.9 J2 + 1.3 J4).
        var none = StaffingWhatIfs.Compute(inputs, new WhatIfRequest { InclusionsPercent = -50, Operators = 0 }, ["J2"], measuredOperators: 2);
        Assert.Equal((0.0, 3.9, 7.8, 13.0), (none.Operators, none.Days[2].Backlog, none.Days[3].Backlog, none.Days[4].Backlog));
    }

    [Fact]
    public void Last_weeks_operators_are_the_mean_of_the_days_someone_worked()
    {
        StaffingHour Day(int d, int operators) => new(Wednesday.AddDays(-d), null, operators, 0, 0, 0, 0, 0, null, null);
        Assert.Equal(4.0, StaffingWhatIfs.MeanOperators(new StaffingActual([], [Day(3, 3), Day(2, 5)])));
        Assert.Equal(0.0, StaffingWhatIfs.MeanOperators(new StaffingActual([], [])));
    }
}
