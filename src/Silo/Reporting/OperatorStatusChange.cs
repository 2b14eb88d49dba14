namespace FollowUp.Silo.Reporting;

/// <summary>An operator's status from <c>At</c> until its next change (a row of operator_status_events).</summary>
public sealed record OperatorStatusChange(string OperatorId, DateTimeOffset At, OperatorStatus Status);
