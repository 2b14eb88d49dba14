using System.Globalization;

namespace FollowUp;

/// <summary>
/// The names of a person's timeline events and the shape of their details, in one place: the protocol writes them,
/// the reports, the live figures, the timeline pages and the privacy scrub read them through these types
/// (<see cref="CallOutcomeDetail"/>, <see cref="FollowUpEndDetail"/>, <see cref="CallDueDetail"/>,
/// <see cref="CallScheduledDetail"/>, <see cref="MilestoneScheduledDetail"/>). The stored text is compact,
/// ':'-separated, milestone id first when the event concerns a milestone ("J2:noAnswer:2026-11-26T12:00:00Z").
/// The database reads the same parts through the views of db/0070_timeline_event_views.sql.
/// </summary>
public static class TimelineEvents
{
    public const string Included = "included";
    public const string SociallyVulnerableIdentified = "sociallyVulnerableIdentified";
    public const string SociallyVulnerableCleared = "sociallyVulnerableCleared";
    public const string PlanAnchored = "planAnchored";
    public const string SmsQueued = "smsQueued";
    public const string SmsNotSent = "smsNotSent";
    public const string SmsSent = "smsSent";
    public const string SmsRejected = "smsRejected";
    public const string SmsDelivered = "smsDelivered";
    public const string SmsNotDelivered = "smsNotDelivered";
    public const string SmsReply = "smsReply";
    public const string SmsOptOut = "smsOptOut";
    public const string QuestionnaireAnswered = "questionnaireAnswered";
    public const string CallClaimed = "callClaimed";
    public const string CallStarted = "callStarted";
    public const string CallReleased = "callReleased";
    public const string CallOutcome = "callOutcome";
    public const string CallInWindow = "callInWindow";
    public const string CallDue = "callDue";
    public const string Unreachable = "unreachable";
    public const string RetryScheduled = "retryScheduled";
    public const string RetryLate = "retryLate";
    public const string WrongNumber = "wrongNumber";
    public const string CallbackScheduled = "callbackScheduled";
    public const string CallWindowSet = "callWindowSet";
    public const string LastContactDateSet = "lastContactDateSet";
    public const string FollowUpEnded = "followUpEnded";
    public const string PhoneCorrected = "phoneCorrected";
    public const string MilestoneScheduled = "milestoneScheduled";
    public const string MilestoneCancelled = "milestoneCancelled";
    public const string MilestoneCompleted = "milestoneCompleted";
    public const string CtaiReferral = "ctaiReferral";
    public const string MobileTeamReferral = "mobileTeamReferral";
    public const string VulnerabilityAssessed = "vulnerabilityAssessed";
    public const string QuarantineLifted = "quarantineLifted";
    public const string SymptomsSeeDoctor = "symptomsSeeDoctor";
    public const string PositiveDeclared = "positiveDeclared";
    public const string TestResultPending = "testResultPending";
    public const string TestNotDone = "testNotDone";
    public const string IsolationEnded = "isolationEnded";
    public const string IsolationProlonged = "isolationProlonged";
    public const string PersonalDataErased = "personalDataErased";

    /// <summary>The detail of an event about a milestone: its id, then the given parts ("J2:Paris:other").</summary>
    public static string MilestoneDetail(string milestoneId, params string[] parts) =>
        parts.Length == 0 ? milestoneId : milestoneId + ":" + string.Join(':', parts);

    /// <summary>The milestone id an event's detail starts with ("J9-2:2026-11-30" → "J9-2").</summary>
    public static string MilestoneIdOf(string? detail) => (detail ?? "").Split(':')[0];

    /// <summary>The milestone type of that id: ids are the type, with "-n" when a type repeats (J9-2 → J9).</summary>
    public static string MilestoneTypeOf(string? detail) => MilestoneIdOf(detail).Split('-')[0];

    /// <summary>vulnerabilityAssessed: "{milestoneId}:true|false".</summary>
    public static string VulnerabilityAssessedDetail(string milestoneId, bool vulnerable) =>
        MilestoneDetail(milestoneId, vulnerable ? "true" : "false");

    /// <summary>An instant in a detail: UTC, to the second ("2026-11-26T12:00:00Z").</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A day in a detail ("2026-11-26").</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseInstant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
