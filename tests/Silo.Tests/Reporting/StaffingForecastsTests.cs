using FollowUp.Silo.Protocol;
using FollowUp.Silo.Reporting;

namespace FollowUp.Tests.Reporting;

/// <summary>The staffing forecast, hand-computed: certain calls (vulnerable, no mobile, SMS opt-out) always count,
/// other milestones count for the share of SMS left unanswered; retries add the measured retry rate.</summary>
public class StaffingForecastsTests
{
    private static readonly DateOnly Wednesday = new(2026, 11, 25);
    private static readonly PlatformCalendar Calendar = new(OpeningHours.Default, Zones.Paris); // Mon–Sat 9–19, Sundays closed

    private static IEnumerable<ScheduledMilestone> Many(int n, string type, DateOnly date, bool certain) =>
        Enumerable.Repeat(new ScheduledMilestone(type, date, certain), n);

    private static readonly List<ScheduledMilestone> Scheduled =
    [
        .. Many(10, "J7", Wednesday.AddDays(1), certain: false),  // Thursday
        .. Many(2, "J4", Wednesday.AddDays(1), certain: true),
        .. Many(4, "J2", Wednesday.AddDays(4), certain: false),   // Sunday: closed, called on Monday
        .. Many(1, "J9", Wednesday.AddDays(5), certain: true),    // Monday
    ];

    [Fact]
    public void Without_measures_the_default_rates_and_tender_durations_apply()
    {
        var f = StaffingForecasts.Compute(Wednesday, [], Scheduled, Calendar);
        Assert.Equal((50.0, 30.0), (f.SmsAnswerRatePercent, f.RetryRatePercent));
        Assert.Equal(7, f.Days.Count);
        Assert.Equal(Wednesday.AddDays(1), f.Days[0].Date);

        // Thursday: 10 × 0.5 × 1.3 = 6.5 J7 calls (4 min) + 2 × 1.3 = 2.6 J4 calls (10 min) = 9.1 calls;
        // (6.5 × 240 + 2.6 × 600) s / 3600 / 0.75 occupancy = 1.16 h → one operator for a 10-hour day.
        var thursday = f.Days[0];
        Assert.Equal((10, 2), (thursday.MilestonesByType["J7"], thursday.MilestonesByType["J4"]));
        Assert.Equal((9.1, 1.2, 1), (thursday.ExpectedCalls, thursday.OperatorHours, thursday.OperatorsNeeded));

        // Sunday closed: its four J2 contacts move to Monday with Monday's certain J9.
        var sunday = f.Days[3];
        Assert.False(sunday.Open);
        Assert.Equal(4, sunday.MilestonesByType["J2"]);
        var monday = f.Days[4];
        Assert.Equal((4, 1), (monday.MilestonesByType["J2"], monday.MilestonesByType["J9"]));
        // 4 × 0.5 × 1.3 = 2.6 J2 (7 min) + 1.3 J9 (4 min) = 3.9 calls; (2.6 × 420 + 1.3 × 240) / 3600 / 0.75 = 0.52 h.
        Assert.Equal((3.9, 0.5, 1), (monday.ExpectedCalls, monday.OperatorHours, monday.OperatorsNeeded));

        // Sundays opened: the J2 contacts are called on Sunday, Monday keeps only its J9.
        Assert.True(f.DaysWithSundaysOpen[3].Open);
        Assert.Equal(2.6, f.DaysWithSundaysOpen[3].ExpectedCalls);
        Assert.Equal(1.3, f.DaysWithSundaysOpen[4].ExpectedCalls);
    }

    [Fact]
    public void Measured_answer_rate_retry_rate_and_durations_are_used()
    {
        // Last week: 10 SMS, 8 questionnaires (80 %); 12 attempts of which 2 retries (2 / 10 = 20 %); J7 calls of 300 s.
        var past = new DailyReport
        {
            Date = Wednesday.AddDays(-1),
            SmsSent = 10,
            QuestionnairesCompleted = 8,
            CallsMade = 12,
            Retries = 2,
            CallsMadeByType = new() { ["J7"] = 12 },
            MeanCallSecondsByType = new() { ["J7"] = 300 },
        };
        var f = StaffingForecasts.Compute(Wednesday, [past], [.. Many(10, "J7", Wednesday.AddDays(1), certain: false)], Calendar);
        Assert.Equal((80.0, 20.0, 300.0), (f.SmsAnswerRatePercent, f.RetryRatePercent, f.MeanCallSecondsByType["J7"]));
        // 10 × 0.2 × 1.2 = 2.4 calls; 2.4 × 300 / 3600 / 0.75 = 0.27 h.
        Assert.Equal((2.4, 0.3, 1), (f.Days[0].ExpectedCalls, f.Days[0].OperatorHours, f.Days[0].OperatorsNeeded));
        Assert.Equal(240.0, f.MeanCallSecondsByType["J9"]); // nothing measured: the tender's duration
    }
}
