using System.Text.Json.Serialization;

namespace FollowUp.Silo.Protocol;

// The person's durable state, persisted as JSON by the grain storage. Plain classes, no Orleans types:
// add fields with defaults, never rename (SchemaVersion says which shape a stored row has).

public enum PersonStatus { Active, Ended }

public enum MilestoneOutcome { Completed, Unreachable, Cancelled }

public enum SmsStatus { NotPlanned, Planned, Skipped, ToSend, Sent }

public sealed class PersonState
{
    public int SchemaVersion { get; set; } = 1;
    public bool Included { get; set; }
    public Guid Id { get; set; }
    public string ExternalId { get; set; } = "";
    public PersonKind Kind { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Phone { get; set; } = "";
    public bool PhoneIsMobile { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string Department { get; set; } = "";
    public DateOnly InclusionDate { get; set; }
    public DateOnly? IsolationStartDate { get; set; }
    public DateOnly? LastContactDate { get; set; }
    /// <summary>J0 of the milestone plan (null in states written before anchors: the inclusion date).</summary>
    public DateOnly? AnchorDate { get; set; }
    public ProtocolAnchor Anchor { get; set; }
    /// <summary>Preferred call window (CallWindows), null when none.</summary>
    public string? CallWindow { get; set; }
    public bool SociallyVulnerable { get; set; }
    public string Language { get; set; } = "fr";
    public bool SmsOptOut { get; set; }
    public bool WrongNumber { get; set; }
    public PersonStatus Status { get; set; }
    public EndReason? EndReason { get; set; }
    public string? EndReasonText { get; set; }
    public List<Milestone> Milestones { get; set; } = [];
    public List<TimelineEntry> Timeline { get; set; } = [];
    /// <summary>Call ids whose outcome was recorded (a second outcome is a conflict).</summary>
    public List<string> ClosedCallIds { get; set; } = [];

    /// <summary>What J-days count from.</summary>
    [JsonIgnore] // computed: not stored
    public DateOnly J0 => AnchorDate ?? InclusionDate;
    /// <summary>The J7 test: 7 days after the last contact with the confirmed case, when known (contacts only).</summary>
    [JsonIgnore] // computed: not stored
    public DateOnly? RecommendedTestDate => Kind == PersonKind.Contact && LastContactDate is { } d ? d.AddDays(7) : null;

    public Milestone? FindMilestone(string id) => Milestones.Find(m => m.Id == id);
    [JsonIgnore] // computed: not stored
    public IEnumerable<Milestone> OpenMilestones => Milestones.Where(m => m.Outcome is null);
}

public sealed class Milestone
{
    /// <summary>Stable id within the person: the type, with a counter when a type repeats (J9, J9-2, …).</summary>
    public string Id { get; set; } = "";
    public MilestoneType Type { get; set; }
    public DateOnly DueDate { get; set; }
    public MilestoneOutcome? Outcome { get; set; }
    public Answers? Answers { get; set; }
    public SmsStep Sms { get; set; } = new();
    public CallStep Call { get; set; } = new();
}

public sealed class SmsStep
{
    public SmsStatus Status { get; set; }
    /// <summary>Stable id (person + milestone + attempt): OVH tag, idempotency key of the gateway.</summary>
    public string? MessageId { get; set; }
    public DateTimeOffset? ScheduledAt { get; set; }
    public DateTimeOffset? QueuedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    /// <summary>The exact text while the SMS is "to send" (holds the questionnaire link); cleared once sent.</summary>
    public string? PendingText { get; set; }
    /// <summary>Hand-overs attempted for this message; above one, the gateway checks whether an earlier one got through.</summary>
    public int SendAttempts { get; set; }
    /// <summary>The operator's id of the message (delivery reports refer to it).</summary>
    public string? ProviderId { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

public sealed class CallStep
{
    /// <summary>When the call became (or becomes) due, before opening hours are applied.</summary>
    public DateTimeOffset? DueAt { get; set; }
    public bool Urgent { get; set; }
    public int FailedAttempts { get; set; }
    public DateTimeOffset? CallbackAt { get; set; }
    public List<CallAttempt> Attempts { get; set; } = [];
    public CallClaim? Claim { get; set; }
}

public sealed class CallAttempt
{
    public string CallId { get; set; } = "";
    public string OperatorId { get; set; } = "";
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset EndedAt { get; set; }
    public CallOutcome Outcome { get; set; }
    public string? Reason { get; set; }
    /// <summary>The request that recorded this outcome (<see cref="OutcomeRequest.RequestId"/>), to know it when it comes again.</summary>
    public Guid? RequestId { get; set; }
    [JsonIgnore] // computed: not stored
    public int? DurationSeconds => StartedAt is { } s ? (int)Math.Round((EndedAt - s).TotalSeconds) : null;
}

public sealed class CallClaim
{
    public string CallId { get; set; } = "";
    public string OperatorId { get; set; } = "";
    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset LeaseUntil { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
}
