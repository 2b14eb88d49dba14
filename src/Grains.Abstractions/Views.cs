namespace FollowUp;

// Read models returned by grains to the web. Their JSON shape (camelCase) is the public API.

[GenerateSerializer, Immutable, Alias("FollowUp.PersonView")]
public sealed record PersonView
{
    [Id(0)] public Guid Id { get; init; }
    [Id(1)] public string ExternalId { get; init; } = "";
    [Id(2)] public PersonKind Kind { get; init; }
    [Id(3)] public string FirstName { get; init; } = "";
    [Id(4)] public string LastName { get; init; } = "";
    [Id(5)] public string Phone { get; init; } = "";
    [Id(6)] public DateOnly? BirthDate { get; init; }
    [Id(7)] public string Department { get; init; } = "";
    [Id(8)] public DateOnly InclusionDate { get; init; }
    [Id(9)] public bool SociallyVulnerable { get; init; }
    [Id(10)] public string Language { get; init; } = "fr";
    [Id(11)] public string Status { get; init; } = "active";
    [Id(12)] public EndReason? EndReason { get; init; }
    [Id(13)] public string? EndReasonText { get; init; }
    [Id(14)] public IReadOnlyList<MilestoneView> Milestones { get; init; } = [];
    [Id(15)] public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];
    [Id(16)] public bool SmsOptOut { get; init; }
    [Id(17)] public DateOnly? IsolationStartDate { get; init; }
    /// <summary>Contacts only: the last contact with the confirmed case.</summary>
    [Id(18)] public DateOnly? LastContactDate { get; init; }
    /// <summary>What the J-days count from: "inclusionDate" or "isolationStartDate" (FollowUp:Protocol:Anchor).</summary>
    [Id(19)] public string Anchor { get; init; } = "inclusionDate";
    /// <summary>J0 of the milestone plan.</summary>
    [Id(20)] public DateOnly AnchorDate { get; init; }
    /// <summary>lastContactDate + 7 (the J7 test), when known.</summary>
    [Id(21)] public DateOnly? RecommendedTestDate { get; init; }
    /// <summary>Preferred call window (morning, midday, afternoon, evening or "HH:mm-HH:mm"), null when none.</summary>
    [Id(22)] public string? PreferredCallWindow { get; init; }
}

[GenerateSerializer, Immutable, Alias("FollowUp.MilestoneView")]
public sealed record MilestoneView
{
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public MilestoneType Type { get; init; }
    [Id(2)] public DateOnly DueDate { get; init; }
    [Id(3)] public SmsView Sms { get; init; } = new();
    [Id(4)] public CallView Call { get; init; } = new();
    /// <summary>null while open; then completed, unreachable or cancelled.</summary>
    [Id(5)] public string? Outcome { get; init; }
    [Id(6)] public Answers? Answers { get; init; }
}

[GenerateSerializer, Immutable, Alias("FollowUp.SmsView")]
public sealed record SmsView
{
    [Id(0)] public DateTimeOffset? SentAt { get; init; }
    [Id(1)] public DateTimeOffset? AnsweredAt { get; init; }
    [Id(2)] public DateTimeOffset? ScheduledAt { get; init; }
}

[GenerateSerializer, Immutable, Alias("FollowUp.CallView")]
public sealed record CallView
{
    [Id(0)] public DateTimeOffset? DueAt { get; init; }
    [Id(1)] public IReadOnlyList<CallAttemptView> Attempts { get; init; } = [];
    [Id(2)] public bool Urgent { get; init; }
    [Id(3)] public DateTimeOffset? CallbackAt { get; init; }
    /// <summary>The call id of the claim in progress, if any (only its holder can act on it).</summary>
    [Id(4)] public string? ClaimedCallId { get; init; }
    /// <summary>When the operator pressed "Début d'appel" on the claim in progress.</summary>
    [Id(5)] public DateTimeOffset? CallStartedAt { get; init; }
}

[GenerateSerializer, Immutable, Alias("FollowUp.CallAttemptView")]
public sealed record CallAttemptView(
    [property: Id(0)] DateTimeOffset? StartedAt,
    [property: Id(1)] DateTimeOffset EndedAt,
    [property: Id(2)] CallOutcome Outcome,
    [property: Id(3)] int? DurationSeconds,
    [property: Id(4)] string OperatorId);

[GenerateSerializer, Immutable, Alias("FollowUp.TimelineEntry")]
public sealed record TimelineEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Event,
    [property: Id(2)] string Actor,
    [property: Id(3)] string? Detail);
