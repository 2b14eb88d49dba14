namespace FollowUp;

[GenerateSerializer, Immutable, Alias("FollowUp.ClaimedCall")]
public sealed record ClaimedCall(
    [property: Id(0)] string CallId,
    [property: Id(1)] Guid PersonId,
    [property: Id(2)] MilestoneType Milestone,
    [property: Id(3)] string ScriptId,
    [property: Id(4)] DateTimeOffset LeaseUntil);

[GenerateSerializer, Immutable, Alias("FollowUp.OutcomeRequest")]
public sealed record OutcomeRequest(
    [property: Id(0)] CallOutcome Outcome,
    [property: Id(1)] string? Reason,
    [property: Id(2)] Answers Answers,
    [property: Id(3)] DateTimeOffset? CallbackAt);

public enum CallActionStatus { Ok, NotFound, Conflict, Expired, Invalid }

[GenerateSerializer, Immutable, Alias("FollowUp.CallActionResult")]
public sealed record CallActionResult([property: Id(0)] CallActionStatus Status, [property: Id(1)] string? Message)
{
    public static readonly CallActionResult Ok = new(CallActionStatus.Ok, null);
}

/// <summary>An entry of the due-call index, as written by the person grain.</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.DueCall")]
public sealed record DueCall(
    [property: Id(0)] Guid PersonId,
    [property: Id(1)] string MilestoneId,
    [property: Id(2)] MilestoneType Milestone,
    [property: Id(3)] DateTimeOffset DueAt,
    [property: Id(4)] bool Urgent,
    [property: Id(5)] bool SociallyVulnerable,
    [property: Id(6)] string Department);
