namespace FollowUp;

/// <summary>
/// <c>FollowUp:Privacy</c>, read by both processes: the silo purges with it, the web states it in the privacy notice.
/// </summary>
public sealed class PrivacyOptions : ISectionOptions
{
    public static string Section => "FollowUp:Privacy";

    /// <summary>Days a person's data is kept after the end of their follow-up.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>Days the access journal is kept.</summary>
    public int AccessLogRetentionDays { get; set; } = 365;

    /// <summary>Persons purged per transaction.</summary>
    public int PurgeBatchSize { get; set; } = 200;

    /// <summary>The data controller named in the privacy notice.</summary>
    public string ControllerName { get; set; } = "Agence régionale de santé";

    /// <summary>How to reach the data protection officer, in the privacy notice.</summary>
    public string DpoContact { get; set; } = "le délégué à la protection des données de l'agence";

    public IEnumerable<string> Problems()
    {
        if (RetentionDays < 1) yield return $"FollowUp:Privacy:RetentionDays must be at least 1 (got {RetentionDays}).";
        if (AccessLogRetentionDays < 1) yield return $"FollowUp:Privacy:AccessLogRetentionDays must be at least 1 (got {AccessLogRetentionDays}).";
        if (PurgeBatchSize < 1) yield return $"FollowUp:Privacy:PurgeBatchSize must be at least 1 (got {PurgeBatchSize}).";
        if (string.IsNullOrWhiteSpace(ControllerName)) yield return "FollowUp:Privacy:ControllerName must not be empty.";
        if (string.IsNullOrWhiteSpace(DpoContact)) yield return "FollowUp:Privacy:DpoContact must not be empty.";
    }
}
