namespace FollowUp;

/// <summary>callDue detail: "{milestoneId}:{why}:{due instant}" ("J2:noAnswer:2026-11-26T12:00:00Z").</summary>
public sealed record CallDueDetail(string MilestoneId, string Why, DateTimeOffset DueAt)
{
    /// <summary>Why a call became due.</summary>
    public const string NoAnswer = "noAnswer", NoMobile = "noMobile", SmsOptOut = "smsOptOut", SmsNotSent = "smsNotSent",
        SociallyVulnerable = "sociallyVulnerable", SmsRejected = "smsRejected", Difficulty = "difficulty";

    public string Format() => TimelineEvents.MilestoneDetail(MilestoneId, Why, TimelineEvents.Instant(DueAt));

    /// <summary>Why the call of a callDue detail became due, without reading its instant ("" when absent).</summary>
    public static string WhyOf(string? detail) => (detail ?? "").Split(':') is [_, var why, ..] ? why : "";

    public static CallDueDetail Parse(string detail)
    {
        var p = detail.Split(':', 3);
        return new(p[0], p[1], TimelineEvents.ParseInstant(p[2]));
    }
}
