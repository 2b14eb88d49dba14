namespace FollowUp.Tests.Protocol;

/// <summary>The timeline details keep their stored text (no data migration): each type writes and reads it back.</summary>
public class TimelineEventsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Call_outcomes_keep_their_text_and_read_back()
    {
        var d = new CallOutcomeDetail("J9-2", "Refused", 2, 245, "notConcerned: déjà isolé");
        Assert.Equal("J9-2:Refused:2:245:notConcerned: déjà isolé", d.Format());
        var back = CallOutcomeDetail.Parse(d.Format());
        Assert.Equal(d, back);
        Assert.Equal("J9", back.Type);
        Assert.Equal("notConcerned", back.ReasonCode);
        Assert.Equal("J2:NoAnswer:1::", new CallOutcomeDetail("J2", "NoAnswer", 1, null, null).Format());
        Assert.False(CallOutcomeDetail.Parse("J2:NoAnswer").Complete);
    }

    [Fact]
    public void Follow_up_ends_keep_the_reason_code_and_the_words()
    {
        Assert.Equal("Completed", new FollowUpEndDetail("Completed", null).Format());
        var refused = FollowUpEndDetail.Parse("Refused:notConcerned: déjà isolé");
        Assert.Equal(("Refused", "notConcerned: déjà isolé", "notConcerned"), (refused.Reason, refused.Text, refused.Code));
        Assert.Null(FollowUpEndDetail.Parse("Dropout: ").Code);
    }

    [Fact]
    public void Scheduled_calls_and_milestones_keep_their_instants_and_days()
    {
        var due = new CallDueDetail("J2", CallDueDetail.NoAnswer, Noon);
        Assert.Equal("J2:noAnswer:2026-11-26T12:00:00Z", due.Format());
        Assert.Equal(due, CallDueDetail.Parse(due.Format()));
        Assert.Equal("noAnswer", CallDueDetail.WhyOf(due.Format()));
        var retry = new CallScheduledDetail("J7", Noon.ToOffset(TimeSpan.FromHours(1)));
        Assert.Equal("J7:2026-11-26T12:00:00Z", retry.Format());
        Assert.Equal(Noon, CallScheduledDetail.Parse(retry.Format()).At);
        var milestone = new MilestoneScheduledDetail("J9-2", new DateOnly(2026, 11, 30));
        Assert.Equal("J9-2:2026-11-30", milestone.Format());
        Assert.Equal((milestone, "J9"), (MilestoneScheduledDetail.Parse("J9-2:2026-11-30"), milestone.Type));
    }

    [Theory]
    [InlineData("J9-2:2026-11-30", "J9-2", "J9")]
    [InlineData("J7TestFollowUp", "J7TestFollowUp", "J7TestFollowUp")]
    [InlineData(null, "", "")]
    public void Milestone_ids_and_types_are_read_from_the_detail(string? detail, string id, string type) =>
        Assert.Equal((id, type), (TimelineEvents.MilestoneIdOf(detail), TimelineEvents.MilestoneTypeOf(detail)));

    [Fact]
    public void Details_about_a_milestone_start_with_its_id() =>
        Assert.Equal(("J2:13:housing", "J2:true", "J2"), (TimelineEvents.MilestoneDetail("J2", "13", "housing"),
            TimelineEvents.VulnerabilityAssessedDetail("J2", true), TimelineEvents.MilestoneDetail("J2")));
}
