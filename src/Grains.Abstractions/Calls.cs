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
    [property: Id(3)] DateTimeOffset? CallbackAt,
    [property: Id(4)] string? ApiKeyName = null, // recorded through this API key on the operator's behalf
    [property: Id(5)] Guid? RequestId = null); // the request that sends it: the same request sent again is answered as the first time

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
    [property: Id(6)] string Department,
    [property: Id(7)] string? ClaimedBy = null,
    [property: Id(8)] DateTimeOffset? LeaseUntil = null,
    [property: Id(9)] bool Retry = false,
    [property: Id(10)] TimeOnly? WindowStart = null,
    [property: Id(11)] TimeOnly? WindowEnd = null);

/// <summary>An entry of the ARS priority list: a call type, or "Retry" (relance: the second try of an unanswered call).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CallType>))]
public enum CallType { J2, J4, J7, J7TestFollowUp, J9, Retry }

/// <summary>ARS priorities of the call queue: call types (and "Retry") in serving order, and whether vulnerable persons come first.</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.CallPriorities")]
public sealed record CallPriorities([property: Id(0)] CallType[] Order, [property: Id(1)] bool VulnerableFirst)
{
    /// <summary>Where "Retry" goes when an order is given without it (today's body of PUT /api/settings/call-priorities).</summary>
    public const int DefaultRetryIndex = 0;

    /// <summary>The order with "Retry" at its default position when absent.</summary>
    public CallPriorities WithRetry() => Order.Contains(CallType.Retry) ? this
        : this with { Order = [.. Order.Take(DefaultRetryIndex), CallType.Retry, .. Order.Skip(DefaultRetryIndex)] };

    /// <summary>Every call type once, "Retry" at most once.</summary>
    public bool IsComplete => Order.Length == Order.Distinct().Count() && Enum.GetValues<MilestoneType>().All(t => Order.Contains((CallType)(int)t));
}

public enum OperatorStatus { Offline, Available, OnCall, WrapUp, Pause }

/// <summary>An operator as the console and the dashboard see it.</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.OperatorView")]
public sealed record OperatorView(
    [property: Id(0)] string OperatorId,
    [property: Id(1)] OperatorStatus Status,
    [property: Id(2)] string? PauseReason,
    [property: Id(3)] DateTimeOffset Since,
    [property: Id(4)] ClaimedCall? CurrentCall,
    [property: Id(5)] DateOnly Day,
    [property: Id(6)] int CallsToday,
    [property: Id(7)] int ReachedToday,
    [property: Id(8)] int TalkSecondsToday,
    [property: Id(9)] IReadOnlyList<OperatorCall> RecentCalls);

/// <summary>One call the operator finished today.</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.OperatorCall")]
public sealed record OperatorCall(
    [property: Id(0)] string CallId,
    [property: Id(1)] Guid PersonId,
    [property: Id(2)] MilestoneType Milestone,
    [property: Id(3)] CallOutcome Outcome,
    [property: Id(4)] DateTimeOffset EndedAt,
    [property: Id(5)] int? DurationSeconds);
