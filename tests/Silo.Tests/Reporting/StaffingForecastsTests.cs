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
    public void Measured_answer_rate_and_retry_rate_are_used_and_the_measured_durations_shown_beside_the_configured_ones()
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
        Assert.Equal((80.0, 20.0, 300.0), (f.SmsAnswerRatePercent, f.RetryRatePercent, f.MeasuredCallSecondsByType["J7"]));
        // 10 × 0.2 × 1.2 = 2.4 calls; at the configured (tender) 4 minutes, not the measured 5: 2.4 × 4 / 60 / 0.75 = 0.21 h.
        Assert.Equal((2.4, 0.2, 1), (f.Days[0].ExpectedCalls, f.Days[0].OperatorHours, f.Days[0].OperatorsNeeded));
        Assert.Equal((240.0, 4.0), (f.MeanCallSecondsByType["J7"], f.CallMinutesByType["J7"]));
        Assert.Null(f.MeasuredCallSecondsByType["J9"]); // nothing measured

        // Configured 6 minutes for J7 and 60 % occupancy: 2.4 × 6 / 60 / 0.6 = 0.4 h.
        var options = new StaffingOptions(new Dictionary<string, double>(StaffingOptions.TenderMinutes) { ["J7"] = 6 }, 0.6);
        var configured = StaffingForecasts.Compute(new ForecastInputs(Wednesday, [past], [.. Many(10, "J7", Wednesday.AddDays(1), certain: false)],
            InclusionMix.None, Calendar, ProtocolSettings.Default, options));
        Assert.Equal((0.4, 360.0), (configured.Days[0].OperatorHours, configured.MeanCallSecondsByType["J7"]));
    }

    /// <summary>10 inclusions a day (half cases, half contacts, 20 % vulnerable), no answer or retry measured (50 %, 30 %).
    /// A vulnerable person's call counts 1 × 1.3 = 1.3, another's 0.5 × 1.3 = 0.65. Per inclusion day: J2 two days later,
    /// 2 × 1.3 + 8 × 0.65 = 7.8 calls; J4 (vulnerable only) four days later, 2 × 1.3 = 2.6; J7 and J9 fall beyond the 7 days.</summary>
    [Fact]
    public void Expected_inclusions_add_the_calls_of_the_milestones_the_protocol_plans_for_them()
    {
        var inputs = new ForecastInputs(Wednesday, [], [], new InclusionMix(10, 0.5, 0.2), Calendar, ProtocolSettings.Default,
            StaffingOptions.Default);
        var f = StaffingForecasts.Compute(inputs);
        Assert.Equal((10.0, 10.0, false), (f.InclusionsPerDay, f.MeasuredInclusionsPerDay, f.InclusionsOverridden));
        Assert.Equal((50.0, 20.0), (f.CaseSharePercent, f.VulnerableSharePercent));
        Assert.All(f.Days, d => Assert.Equal(10.0, d.ExpectedInclusions));

        // Thursday and Friday: inclusions from Thursday on have no call yet.
        Assert.Equal((0.0, 0.0), (f.Days[0].ExpectedCalls, f.Days[1].ExpectedCalls));
        // Saturday: Thursday's J2: 7.8 calls × 7 min / 60 / 0.75 = 1.2 h.
        var saturday = f.Days[2];
        Assert.Equal((7.8, 7.8, 7.8, 1.2, 1), (saturday.ExpectedCallsByType["J2"], saturday.ExpectedCalls, saturday.InclusionCalls,
            saturday.OperatorHours, saturday.OperatorsNeeded));
        Assert.Equal(0, saturday.MilestonesByType["J2"]); // not the live cohort's
        // Sunday closed: Friday's J2 moves to Monday, which has Saturday's J2 and Thursday's J4:
        // J2 15.6, J4 2.6 = 18.2 calls; (15.6 × 7 + 2.6 × 10) / 60 / 0.75 = 3.0 h → 1 operator for 10 hours.
        Assert.False(f.Days[3].Open);
        var monday = f.Days[4];
        Assert.Equal((15.6, 2.6, 0.0, 18.2, 18.2), (monday.ExpectedCallsByType["J2"], monday.ExpectedCallsByType["J4"],
            monday.ExpectedCallsByType["J9"], monday.ExpectedCalls, monday.InclusionCalls));
        Assert.Equal((3.0, 1, 10.0), (monday.OperatorHours, monday.OperatorsNeeded, monday.OpenHours));
        // Tuesday: J2 7.8 + J4 2.6 = 10.4 calls; (54.6 + 26) / 45 = 1.8 h.
        Assert.Equal((10.4, 1.8), (f.Days[5].ExpectedCalls, f.Days[5].OperatorHours));
        // With Sundays open, Sunday has Friday's J2 and Monday only its own.
        Assert.Equal((7.8, 10.4), (f.DaysWithSundaysOpen[3].ExpectedCalls, f.DaysWithSundaysOpen[4].ExpectedCalls));

        // Overridden to 20 a day (the page's input): twice the calls; with the live cohort's 10 J7 on Thursday on top.
        var overridden = StaffingForecasts.Compute(inputs with { Scheduled = [.. Many(10, "J7", Wednesday.AddDays(1), certain: false)] },
            inclusionsPerDay: 20);
        Assert.Equal((20.0, 10.0, true), (overridden.InclusionsPerDay, overridden.MeasuredInclusionsPerDay, overridden.InclusionsOverridden));
        Assert.Equal((6.5, 0.0), (overridden.Days[0].ExpectedCalls, overridden.Days[0].InclusionCalls)); // 10 × 0.65
        Assert.Equal(36.4, overridden.Days[4].ExpectedCalls);
    }

    [Fact]
    public void The_protocol_places_an_inclusions_milestones()
    {
        Assert.Equal(new[] { ("J2", Wednesday.AddDays(2)), ("J4", Wednesday.AddDays(4)), ("J9", Wednesday.AddDays(9)) },
            StaffingForecasts.Plan(PersonKind.Case, vulnerable: true, Wednesday, ProtocolSettings.Default, Calendar).ToList());
        Assert.Equal(new[] { ("J2", Wednesday.AddDays(2)), ("J7", Wednesday.AddDays(7)) },
            StaffingForecasts.Plan(PersonKind.Contact, vulnerable: false, Wednesday, ProtocolSettings.Default, Calendar).ToList());
    }

    /// <summary>J-days counted from the isolation start (FollowUp:Protocol:Anchor): 8 inclusions a day, half cases, none
    /// vulnerable, half anchored on an isolation start 3 days before inclusion. An anchored J2 (isolation start + 2) is
    /// already past at inclusion: the protocol makes it due on the inclusion day; its J7 (contacts) falls 4 days after
    /// inclusion, its J9 (cases) 6 days after. Each group of 2 (case or contact × anchored or not) gives 2 × 0.65 = 1.3 calls.</summary>
    [Fact]
    public void Inclusions_anchored_on_their_isolation_start_follow_the_protocols_anchor_rule()
    {
        var protocol = ProtocolSettings.Default with { Anchor = ProtocolAnchor.IsolationStartDate };
        Assert.Equal(new[] { ("J2", Wednesday), ("J9", Wednesday.AddDays(6)) },
            StaffingForecasts.Plan(PersonKind.Case, vulnerable: false, Wednesday, protocol, Calendar, isolationStart: Wednesday.AddDays(-3))
                .ToList());

        var inputs = new ForecastInputs(Wednesday, [], [], new InclusionMix(8, 0.5, 0, AnchoredShare: 0.5, AnchorLagDays: 3), Calendar, protocol,
            StaffingOptions.Default);
        var f = StaffingForecasts.Compute(inputs);
        // Thursday: Thursday's anchored inclusions' J2 (4 × 0.65).
        Assert.Equal(2.6, f.Days[0].ExpectedCallsByType["J2"]);
        // Saturday: Saturday's anchored J2 and Thursday's other J2 (J2 + 2 days).
        Assert.Equal(5.2, f.Days[2].ExpectedCallsByType["J2"]);
        // Next Wednesday: Thursday's anchored cases' J9 and Saturday's anchored contacts' J7.
        Assert.Equal((1.3, 1.3), (f.Days[6].ExpectedCallsByType["J9"], f.Days[6].ExpectedCallsByType["J7"]));
        // With the inclusion date as anchor, the same mix has no J7 or J9 within the 7 days.
        var plain = StaffingForecasts.Compute(inputs with { Protocol = ProtocolSettings.Default });
        Assert.Equal((0.0, 0.0, 5.2), (plain.Days[6].ExpectedCallsByType["J9"], plain.Days[6].ExpectedCallsByType["J7"],
            plain.Days[2].ExpectedCallsByType["J2"]));
    }

    [Fact]
    public void Last_weeks_inclusions_give_the_mean_and_the_mix()
    {
        var start = new DateTimeOffset(2026, 11, 17, 23, 0, 0, TimeSpan.Zero);
        var end = start.AddDays(7);
        PersonEvent E(int i, string evt, string? detail, DateTimeOffset at) => new(Guid.NewGuid(), i, at, evt, "system", detail);
        var events = new List<PersonEvent>();
        for (var i = 0; i < 14; i++) events.Add(E(i, "included", i < 10 ? "case" : "contact", start.AddHours(10 * i)));
        events.Add(E(20, "sociallyVulnerableIdentified", "inclusion", start.AddHours(1)));
        events.Add(E(21, "sociallyVulnerableIdentified", "inclusion", start.AddHours(2)));
        events.Add(E(22, "sociallyVulnerableIdentified", "J2Call", start.AddHours(3)));   // found later: not the inclusion mix
        events.Add(E(23, "included", "case", end));                                      // after the week
        events.Add(E(24, "included", "case", start.AddMinutes(-1)));                     // before it
        // Two plans anchored on an isolation start 2 and 3 days before inclusion (mean 2.5, rounded to 3).
        var inclusionDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, Zones.Paris).DateTime);
        events.Add(new PersonEvent(events[0].PersonId, 30, start, "planAnchored", "system",
            $"isolationStartDate:{inclusionDay.AddDays(-2):yyyy-MM-dd}"));
        events.Add(new PersonEvent(events[1].PersonId, 31, start.AddHours(10), "planAnchored", "system",
            $"isolationStartDate:{inclusionDay.AddDays(-3):yyyy-MM-dd}"));
        var mix = InclusionMix.From(events, start, end, Zones.Paris);
        Assert.Equal((2.0 / 14, 3), (mix.AnchoredShare, mix.AnchorLagDays));
        Assert.Equal(2.0, mix.PerDay);              // 14 / 7
        Assert.Equal(10.0 / 14, mix.CaseShare);
        Assert.Equal(2.0 / 14, mix.VulnerableShare);
        Assert.Equal(InclusionMix.None, InclusionMix.From([], start, end));
    }
}
