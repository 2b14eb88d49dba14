namespace FollowUp;

/// <summary>milestoneScheduled detail: "{milestoneId}:{due day}" ("J9-2:2026-11-30"); the view milestone_events reads it too.</summary>
public sealed record MilestoneScheduledDetail(string MilestoneId, DateOnly Due)
{
    public string Type => MilestoneId.Split('-')[0];

    public string Format() => TimelineEvents.MilestoneDetail(MilestoneId, TimelineEvents.Day(Due));

    public static MilestoneScheduledDetail Parse(string detail)
    {
        var p = detail.Split(':', 2);
        return new(p[0], DateOnly.ParseExact(p[1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }
}
