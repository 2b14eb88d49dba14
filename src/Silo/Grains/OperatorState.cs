namespace FollowUp.Silo.Grains;

/// <summary>An operator's persisted state: status, the call in hand, today's counters, recent calls and the draft.</summary>
public sealed class OperatorState
{
    public OperatorStatus Status { get; set; } = OperatorStatus.Offline;
    public string? PauseReason { get; set; }
    public DateTimeOffset Since { get; set; }
    public ClaimedCall? Current { get; set; }
    public DateOnly Day { get; set; }
    public int Calls { get; set; }
    public int Reached { get; set; }
    public int TalkSeconds { get; set; }
    public List<OperatorCall> Recent { get; set; } = [];
    public string? DraftCallId { get; set; }
    public Dictionary<string, string> Draft { get; set; } = [];
}
