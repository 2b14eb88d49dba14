namespace FollowUp;

/// <summary>retryScheduled and callbackScheduled detail: "{milestoneId}:{instant the call is due}".</summary>
public sealed record CallScheduledDetail(string MilestoneId, DateTimeOffset At)
{
    public string Format() => TimelineEvents.MilestoneDetail(MilestoneId, TimelineEvents.Instant(At));

    public static CallScheduledDetail Parse(string detail)
    {
        var p = detail.Split(':', 2);
        return new(p[0], TimelineEvents.ParseInstant(p[1]));
    }
}
