using FollowUp.Silo.Reporting;

namespace FollowUp.Tests.Reporting;

/// <summary>Staffing "actual" (issue 16 §7) from operators' status changes, against figures computed by hand.</summary>
public class StaffingActualsTests
{
    private static readonly DateOnly Day = new(2026, 11, 23); // UTC+1

    private static OperatorStatusChange Change(string op, int hour, int minute, OperatorStatus status, int day = 23) =>
        new(op, new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(1)), status);

    [Fact]
    public void Per_hour_and_per_day_signed_in_talk_wrap_up_pause_occupancy_and_calls_per_operator_hour()
    {
        OperatorStatusChange[] changes =
        [
            Change("c", 20, 0, OperatorStatus.Offline, day: 22), // signed out the day before: counts nowhere
            Change("a", 9, 0, OperatorStatus.Available), Change("a", 9, 10, OperatorStatus.OnCall), Change("a", 9, 20, OperatorStatus.WrapUp),
            Change("a", 9, 25, OperatorStatus.Available), Change("a", 9, 50, OperatorStatus.Pause), Change("a", 10, 10, OperatorStatus.Available),
            Change("a", 10, 30, OperatorStatus.Offline),
            Change("b", 9, 30, OperatorStatus.Available), Change("b", 9, 40, OperatorStatus.OnCall), Change("b", 10, 5, OperatorStatus.WrapUp),
            Change("b", 10, 15, OperatorStatus.Offline),
        ];
        var now = new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.FromHours(1));
        var actual = StaffingActuals.Compute(changes, Day, Day.AddDays(1), now, Zones.Paris);

        // 9 h: a signed in 3600 s (call 600, wrap-up 300, pause 600), b 1800 s (call 1200); calls at 9:10 and 9:40.
        // Occupancy (1800 + 300) / (5400 − 600) = 43.75 %; calls per operator-hour 2 / 1.5.
        Assert.Equal(2, actual.Hours.Count);
        Assert.Equal(new StaffingHour(Day, 9, 2, 5400, 1800, 300, 600, 2, 43.8, 1.33), actual.Hours[0]);
        // 10 h: a pause 600 + available 1200; b call 300 + wrap-up 600. Occupancy 900 / 2100; no call started.
        Assert.Equal(new StaffingHour(Day, 10, 2, 2700, 300, 600, 600, 0, 42.9, 0), actual.Hours[1]);
        // The day: 8100 s signed in, (2100 + 900) / (8100 − 1200) = 43.48 %, 2 calls / 2.25 h.
        Assert.Equal(new StaffingHour(Day, null, 2, 8100, 2100, 900, 1200, 2, 43.5, 0.89), Assert.Single(actual.Days));
    }

    [Fact]
    public void The_current_status_counts_until_now_and_a_status_never_ended_stops_at_the_end_of_its_day()
    {
        // b stayed "available" from yesterday 23:30 without signing out: counted neither today nor after midnight.
        // a is on a call since 8:40 and it is 9:15: 20 min at 8 h, 15 min at 9 h.
        OperatorStatusChange[] changes = [Change("b", 23, 30, OperatorStatus.Available, day: 22), Change("a", 8, 40, OperatorStatus.OnCall)];
        var now = new DateTimeOffset(2026, 11, 23, 9, 15, 0, TimeSpan.FromHours(1));
        var actual = StaffingActuals.Compute(changes, Day, Day.AddDays(1), now, Zones.Paris);
        Assert.Equal([new StaffingHour(Day, 8, 1, 1200, 1200, 0, 0, 1, 100, 3), new StaffingHour(Day, 9, 1, 900, 900, 0, 0, 0, 100, 0)],
            actual.Hours);
    }
}
