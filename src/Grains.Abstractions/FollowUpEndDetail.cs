namespace FollowUp;

/// <summary>
/// followUpEnded detail: "{EndReason}" or "{EndReason}:{text}", the text being a reason code, optionally followed by
/// ": " and the typed words ("Refused:notConcerned: déjà isolé").
/// </summary>
public sealed record FollowUpEndDetail(string Reason, string? Text)
{
    /// <summary>The reason code of the text, or null when there is none.</summary>
    public string? Code => Text?.Split(':')[0].Trim() is { Length: > 0 } c ? c : null;

    public string Format() => Text is null ? Reason : $"{Reason}:{Text}";

    public static FollowUpEndDetail Parse(string? detail)
    {
        var p = (detail ?? "").Split(':', 2);
        return new(p[0], p.Length > 1 ? p[1] : null);
    }
}
