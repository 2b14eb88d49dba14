namespace FollowUp;

/// <summary>
/// callOutcome detail: "{milestoneId}:{Outcome}:{attempt}:{seconds}:{reason}" (the reason, typed by the operator as
/// "code: free text", may itself contain ':'). <see cref="Type"/> is the milestone type (J9-2 → J9).
/// </summary>
public sealed record CallOutcomeDetail(string MilestoneId, string Outcome, int? Attempt, int? Seconds, string? Reason)
{
    public string Type => MilestoneId.Split('-')[0];

    /// <summary>Whether the stored text had at least the milestone, outcome, attempt and seconds.</summary>
    public bool Complete { get; private init; } = true;

    /// <summary>The reason's code, before the operator's own words ("notConcerned: déjà isolé" → "notConcerned").</summary>
    public string? ReasonCode => Reason?.Split(':')[0].Trim();

    public string Format() => $"{MilestoneId}:{Outcome}:{Attempt}:{Seconds}:{Reason}";

    public static CallOutcomeDetail Parse(string? detail)
    {
        var p = (detail ?? "").Split(':', 5);
        string At(int i) => i < p.Length ? p[i] : "";
        return new(At(0), At(1), int.TryParse(At(2), out var a) ? a : null, int.TryParse(At(3), out var s) ? s : null,
            At(4) is { Length: > 0 } r ? r : null)
        { Complete = p.Length >= 4 };
    }
}
