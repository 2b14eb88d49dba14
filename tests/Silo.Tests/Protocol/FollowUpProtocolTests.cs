using FollowUp.Silo.Protocol;
using static FollowUp.Tests.Protocol.ProtocolDriver;

namespace FollowUp.Tests.Protocol;

public class FollowUpProtocolTests
{
    // 2026-11-23 is a Monday: J2 = Wed 25, J4 = Fri 27, J7 = Mon 30, J9 = Wed 2 Dec.
    private static readonly DateOnly Monday = D("2026-11-23");

    [Theory]
    [InlineData(PersonKind.Case, false, "J2,J9")]
    [InlineData(PersonKind.Case, true, "J2,J4,J9")]
    [InlineData(PersonKind.Contact, false, "J2,J7")]
    [InlineData(PersonKind.Contact, true, "J2,J4,J7")]
    public void Inclusion_plans_the_milestones(PersonKind kind, bool vulnerable, string expected)
    {
        var d = new ProtocolDriver(kind, Monday, vulnerable);
        Assert.Equal(expected, string.Join(",", d.State.Milestones.OrderBy(m => m.DueDate).Select(m => m.Id)));
        Assert.All(d.State.Milestones, m => Assert.Equal(Monday.AddDays(FollowUpProtocol.DayOf(m.Type)), m.DueDate));
    }

    [Theory]
    // inclusion (J0)   J2 SMS expected (local)       why
    [InlineData("2026-11-23", "2026-11-25")] // weekday
    [InlineData("2026-11-26", "2026-11-28")] // J2 on Saturday
    [InlineData("2026-11-27", "2026-11-29")] // J2 on Sunday: SMS go out every day by default
    [InlineData("2026-12-23", "2026-12-25")] // J2 on a holiday
    [InlineData("2026-03-27", "2026-03-29")] // J2 on the DST change day
    public void Sms_goes_out_at_nine_on_the_milestone_day(string inclusion, string smsDay)
    {
        var d = new ProtocolDriver(PersonKind.Contact, D(inclusion));
        d.RunUntil(At(D(smsDay), 8, 59));
        Assert.Empty(d.SentSms);
        d.RunUntil(At(D(smsDay), 9, 0));
        Assert.Single(d.SentSms);
        Assert.Equal(At(D(smsDay), 9, 0), d.M("J2").Sms.SentAt);
    }

    [Fact]
    public void Sms_days_are_configurable()
    {
        var settings = ProtocolSettings.Default with
        {
            SmsDays = new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday,
            DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday }
        };
        var d = new ProtocolDriver(PersonKind.Contact, D("2026-11-27"), settings: settings); // J2 = Sunday 29
        d.RunUntil(At(D("2026-11-30"), 12, 0));
        Assert.Equal(At(D("2026-11-30"), 9, 0), d.M("J2").Sms.SentAt);
    }

    [Theory]
    // J0, hours after the SMS when we look, expected call due (local) or null
    [InlineData("2026-11-23", "2026-11-25", 13, 0)] // Wednesday: due 13:00
    [InlineData("2026-11-26", "2026-11-28", 13, 0)] // Saturday: open
    [InlineData("2026-11-27", "2026-11-30", 9, 0)]  // Sunday: next opening Monday 09:00
    [InlineData("2026-12-23", "2026-12-26", 9, 0)]  // Christmas: next opening Saturday 26
    [InlineData("2026-03-27", "2026-03-30", 9, 0)]  // DST Sunday → Monday 09:00 (+02:00)
    public void Unanswered_sms_makes_the_call_due_after_the_wait_at_the_next_opening(string inclusion, string dueDay, int h, int m)
    {
        var d = new ProtocolDriver(PersonKind.Contact, D(inclusion));
        var j2 = D(inclusion).AddDays(2);
        d.RunUntil(At(j2, 12, 59));
        Assert.Null(d.M("J2").Call.DueAt);
        d.RunUntil(At(j2, 13, 0));
        Assert.Equal(At(j2, 13, 0), d.M("J2").Call.DueAt);
        Assert.Equal(At(D(dueDay), h, m), d.EffectiveDue("J2"));
    }

    [Fact]
    public void Answered_questionnaire_means_no_call()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(2), 10, 0));
        d.Answer("J2", new Answers { Consent = true, Difficulty = Difficulty.None, SociallyVulnerable = false });
        d.RunUntil(At(Monday.AddDays(2), 18, 0));
        Assert.Null(d.M("J2").Call.DueAt);
        Assert.Equal(MilestoneOutcome.Completed, d.M("J2").Outcome);
    }

    [Fact]
    public void Vulnerable_person_is_called_at_the_same_moment_whatever_the_questionnaire_says()
    {
        var d = new ProtocolDriver(PersonKind.Case, Monday, vulnerable: true);
        d.RunUntil(At(Monday.AddDays(2), 10, 0));
        d.Answer("J2", new Answers { Consent = true, Difficulty = Difficulty.None });
        Assert.Null(d.M("J2").Outcome);
        d.RunUntil(At(Monday.AddDays(2), 13, 0));
        Assert.Equal(At(Monday.AddDays(2), 13, 0), d.M("J2").Call.DueAt);
        Assert.False(d.M("J2").Call.Urgent);
    }

    [Fact]
    public void Questionnaire_reporting_a_difficulty_makes_the_call_due_at_once_with_priority()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(2), 9, 30));
        d.Answer("J2", new Answers { Consent = true, Difficulty = Difficulty.Housing });
        Assert.Equal(At(Monday.AddDays(2), 9, 30), d.M("J2").Call.DueAt);
        Assert.True(d.M("J2").Call.Urgent);
        Assert.True(d.Has("ctaiReferral"));
    }

    [Fact]
    public void Questionnaire_answered_late_cancels_the_due_call()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(2), 14, 0));
        Assert.NotNull(d.M("J2").Call.DueAt);
        d.Answer("J2", new Answers { Consent = true });
        Assert.Equal(MilestoneOutcome.Completed, d.M("J2").Outcome);
    }

    [Theory]
    [InlineData(CallOutcome.NoAnswer)]
    [InlineData(CallOutcome.Busy)]
    [InlineData(CallOutcome.Voicemail)]
    public void Unanswered_call_is_retried_once_two_hours_later_then_unreachable(CallOutcome outcome)
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(2), 14, 0));
        Assert.Equal(CallActionStatus.Ok, d.Outcome(outcome).Status);
        Assert.Equal(At(Monday.AddDays(2), 16, 5), d.M("J2").Call.DueAt);
        Assert.Null(d.M("J2").Outcome);
        d.RunUntil(At(Monday.AddDays(2), 16, 5));
        d.Outcome(outcome);
        Assert.Equal(MilestoneOutcome.Unreachable, d.M("J2").Outcome);
        Assert.Equal(2, d.M("J2").Call.Attempts.Count);
        Assert.Equal("active", d.State.Status == PersonStatus.Active ? "active" : "ended"); // J7 still ahead
    }

    [Fact]
    public void Retry_with_less_than_the_minimum_gap_before_closing_moves_to_the_next_opening()
    {
        // Behaviour changed (issue 16): a retry that would fall after closing shrinks to fit before closing while at
        // least RetryMinGap remains (see RetryTests); only with less time left does it move to the next opening.
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(2), 18, 30));
        d.Outcome(CallOutcome.NoAnswer); // 18:35: 25 min left
        Assert.Equal(At(Monday.AddDays(3), 9, 0), d.EffectiveDue("J2"));
        Assert.True(d.Has("retryLate"));
    }

    [Fact]
    public void Ars_extending_hours_mid_day_takes_effect_at_once()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(2), 13, 30));
        d.Outcome(CallOutcome.NoAnswer); // retry raw 15:35
        Assert.Equal(At(Monday.AddDays(2), 15, 35), d.EffectiveDue("J2"));
        var days = OpeningHours.Default.Days.ToArray();
        days[3] = new DayHours(new TimeOnly(16, 0), new TimeOnly(21, 0)); // Wednesday opens at 16:00 instead
        d.Hours = new OpeningHours { Days = days };
        Assert.Equal(At(Monday.AddDays(2), 16, 0), d.EffectiveDue("J2"));
    }

    [Fact]
    public void Call_not_made_by_closing_is_carried_over_with_its_original_due_time()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(3), 11, 0));
        Assert.Equal(At(Monday.AddDays(2), 13, 0), d.M("J2").Call.DueAt);
        Assert.NotNull(FollowUpProtocol.DueCall(d.State, d.Now));
    }

    [Fact]
    public void Callback_requested_schedules_the_call_without_counting_a_failure()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(2), 14, 0));
        var at = At(Monday.AddDays(2), 17, 45);
        Assert.Equal(CallActionStatus.Invalid, d.Outcome(CallOutcome.CallbackRequested, callbackAt: null).Status);
        Assert.Equal(CallActionStatus.Ok, d.Outcome(CallOutcome.CallbackRequested, callbackAt: at).Status);
        Assert.Equal(at, d.M("J2").Call.DueAt);
        Assert.Equal(0, d.M("J2").Call.FailedAttempts);
        Assert.Null(FollowUpProtocol.DueCall(d.State, d.Now));
        d.RunUntil(at);
        Assert.NotNull(FollowUpProtocol.DueCall(d.State, d.Now));
    }

    [Theory]
    [InlineData(CallOutcome.Refused, EndReason.Refused)]
    [InlineData(CallOutcome.Dropout, EndReason.Dropout)]
    public void Refusal_and_dropout_end_the_follow_up_with_their_reason(CallOutcome outcome, EndReason reason)
    {
        var d = new ProtocolDriver(PersonKind.Case, Monday);
        d.RunUntil(At(Monday.AddDays(2), 14, 0));
        Assert.Equal(CallActionStatus.Invalid, d.Outcome(outcome).Status); // reason required
        Assert.Equal(CallActionStatus.Ok, d.Outcome(outcome, reason: "ne souhaite pas").Status);
        Assert.Equal(PersonStatus.Ended, d.State.Status);
        Assert.Equal(reason, d.State.EndReason);
        Assert.Equal("ne souhaite pas", d.State.EndReasonText);
        d.RunUntil(At(Monday.AddDays(12), 12, 0));
        Assert.Single(d.SentSms); // no SMS after the end
        Assert.All(d.State.Milestones, m => Assert.NotNull(m.Outcome));
    }

    [Fact]
    public void Consent_refused_at_J2_ends_the_follow_up()
    {
        var d = new ProtocolDriver(PersonKind.Case, Monday);
        d.RunUntil(At(Monday.AddDays(2), 14, 0));
        d.Outcome(CallOutcome.Reached, new Answers { Consent = false });
        Assert.Equal(EndReason.Refused, d.State.EndReason);
    }

    [Fact]
    public void Vulnerability_found_at_J2_schedules_J4_and_a_CTAI_referral()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(2), 14, 0));
        d.Outcome(CallOutcome.Reached, new Answers { Consent = true, RulesReminded = true, SociallyVulnerable = true, Difficulty = Difficulty.Food });
        Assert.True(d.State.SociallyVulnerable);
        Assert.Equal(Monday.AddDays(4), d.M("J4").DueDate);
        Assert.True(d.Has("ctaiReferral"));
        d.RunUntil(At(Monday.AddDays(4), 9, 0));
        Assert.NotNull(d.M("J4").Sms.SentAt);
        d.RunUntil(At(Monday.AddDays(4), 13, 0));
        Assert.NotNull(d.M("J4").Call.DueAt); // vulnerable: J4 is always called
    }

    [Fact]
    public void Vulnerability_found_after_J4_has_passed_adds_no_J4()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(5), 10, 0)); // J2 carried over to J5
        d.Outcome(CallOutcome.Reached, new Answers { Consent = true, SociallyVulnerable = true });
        Assert.DoesNotContain(d.State.Milestones, m => m.Type == MilestoneType.J4);
    }

    [Theory]
    [InlineData(TestResult.Negative, false, "quarantineLifted", false)]
    [InlineData(TestResult.Negative, true, "symptomsSeeDoctor", false)]
    [InlineData(TestResult.Positive, false, "positiveDeclared", false)]
    [InlineData(TestResult.NotReceived, false, "testResultPending", false)]
    [InlineData(TestResult.NotDone, false, "testNotDone", true)]
    public void J7_test_result_outcomes(TestResult result, bool symptoms, string evt, bool followUp)
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(2), 10, 0));
        d.Answer("J2", new Answers { Consent = true });
        d.RunUntil(At(Monday.AddDays(7), 14, 0));
        d.Outcome(CallOutcome.Reached, new Answers { TestResult = result, Symptoms = symptoms });
        Assert.True(d.Has(evt));
        Assert.Equal(followUp, d.State.Milestones.Any(m => m.Type == MilestoneType.J7TestFollowUp));
        if (followUp)
        {
            Assert.Equal(Monday.AddDays(9), d.M("J7TestFollowUp").DueDate);
            Assert.Equal(PersonStatus.Active, d.State.Status);
            d.RunUntil(At(Monday.AddDays(9), 9, 0));
            Assert.Equal(3, d.SentSms.Count); // J2, J7, J7 test follow-up
        }
        else
        {
            Assert.Equal(PersonStatus.Ended, d.State.Status);
            Assert.Equal(EndReason.Completed, d.State.EndReason);
        }
    }

    [Fact]
    public void J9_prolonged_isolation_schedules_another_end_of_isolation_contact()
    {
        var d = new ProtocolDriver(PersonKind.Case, Monday);
        d.RunUntil(At(Monday.AddDays(2), 10, 0));
        d.Answer("J2", new Answers { Consent = true });
        d.RunUntil(At(Monday.AddDays(9), 10, 0));
        var until = Monday.AddDays(14);
        d.Answer("J9", new Answers { IsolationEnded = false, IsolationProlongedUntil = until });
        Assert.Equal(until, d.M("J9-2").DueDate);
        d.RunUntil(At(until, 10, 0));
        d.Answer("J9-2", new Answers { IsolationEnded = true });
        Assert.True(d.Has("isolationEnded"));
        Assert.Equal(PersonStatus.Ended, d.State.Status);
    }

    [Fact]
    public void Number_that_is_not_a_mobile_gets_no_sms_and_goes_straight_to_a_call()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday, mobile: false);
        d.RunUntil(At(Monday.AddDays(2), 9, 0));
        Assert.Empty(d.SentSms);
        Assert.Equal(SmsStatus.Skipped, d.M("J2").Sms.Status);
        Assert.Equal(At(Monday.AddDays(2), 9, 0), d.M("J2").Call.DueAt);
    }

    [Fact]
    public void Sms_opt_out_stops_sms_but_calls_go_on()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(2), 10, 0));
        d.Answer("J2", new Answers { Consent = true });
        FollowUpProtocol.SmsOptOut(d.State, d.Now, d.Settings);
        d.RunUntil(At(Monday.AddDays(7), 12, 0));
        Assert.Single(d.SentSms);
        Assert.Equal(At(Monday.AddDays(7), 9, 0), d.M("J7").Call.DueAt);
    }

    [Fact]
    public void Wrong_number_makes_the_milestone_unreachable()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(2), 14, 0));
        d.Outcome(CallOutcome.WrongNumber);
        Assert.Equal(MilestoneOutcome.Unreachable, d.M("J2").Outcome);
        Assert.True(d.State.WrongNumber);
    }

    [Fact]
    public void Two_operators_never_hold_the_same_call_and_leases_expire()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(2), 14, 0));
        var first = d.Claim("op1");
        Assert.Null(FollowUpProtocol.Claim(d.State, "x-other", "op2", d.Now, TimeSpan.FromMinutes(20)));
        var late = d.Now.AddMinutes(21);
        Assert.Equal(CallActionStatus.Expired, FollowUpProtocol.RecordOutcome(d.State, first, "op1",
            new OutcomeRequest(CallOutcome.NoAnswer, null, Answers.Empty, null), late, d.Settings).Status);
        Assert.NotNull(FollowUpProtocol.Claim(d.State, $"{d.State.Id:N}-second", "op2", late, TimeSpan.FromMinutes(20)));
        Assert.Equal(CallActionStatus.Expired, FollowUpProtocol.Start(d.State, first, "op1", late).Status);
    }

    [Fact]
    public void A_second_outcome_for_the_same_call_is_a_conflict()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(2), 14, 0));
        var id = d.Claim();
        var req = new OutcomeRequest(CallOutcome.NoAnswer, null, Answers.Empty, null);
        Assert.Equal(CallActionStatus.Ok, FollowUpProtocol.RecordOutcome(d.State, id, "op1", req, d.Now, d.Settings).Status);
        Assert.Equal(CallActionStatus.Conflict, FollowUpProtocol.RecordOutcome(d.State, id, "op1", req, d.Now, d.Settings).Status);
        Assert.Single(d.M("J2").Call.Attempts);
    }

    [Fact]
    public void Wakes_are_idempotent()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(Monday.AddDays(2), 13, 0));
        var timeline = d.State.Timeline.Count;
        d.Wake(); d.Wake();
        Assert.Equal(timeline, d.State.Timeline.Count);
        Assert.Single(d.SentSms);
    }

    [Fact]
    public void Whole_follow_up_of_a_case_ends_completed()
    {
        var d = new ProtocolDriver(PersonKind.Case, Monday);
        d.RunUntil(At(Monday.AddDays(2), 10, 0));
        d.Answer("J2", new Answers { Consent = true });
        d.RunUntil(At(Monday.AddDays(9), 14, 0));
        d.Outcome(CallOutcome.Reached, new Answers { IsolationEnded = true });
        Assert.Equal(PersonStatus.Ended, d.State.Status);
        Assert.Equal(EndReason.Completed, d.State.EndReason);
        Assert.Null(FollowUpProtocol.NextWake(d.State, d.Now, d.Settings));
        Assert.Equal(2, d.SentSms.Count);
    }

    [Fact]
    public void Clearing_vulnerability_removes_J4_while_it_is_ahead()
    {
        var d = new ProtocolDriver(PersonKind.Case, Monday, vulnerable: true);
        FollowUpProtocol.SetSociallyVulnerable(d.State, false, d.Now, Actors.Staff("sup"), d.Settings);
        Assert.Equal(MilestoneOutcome.Cancelled, d.M("J4").Outcome);
    }
}
