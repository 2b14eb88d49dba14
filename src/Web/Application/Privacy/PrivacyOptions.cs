namespace FollowUp.Web.Application.Privacy;

/// <summary>FollowUp:Privacy: who processes the data (privacy notice) and how long it is kept.</summary>
public sealed record PrivacyOptions(string ControllerName, string DpoContact, int RetentionDays, int AccessLogRetentionDays)
{
    public static PrivacyOptions Read(IConfiguration config)
    {
        var o = new PrivacyOptions(
            config["FollowUp:Privacy:ControllerName"] is { Length: > 0 } c ? c : "Agence régionale de santé",
            config["FollowUp:Privacy:DpoContact"] is { Length: > 0 } d ? d : "le délégué à la protection des données de l'agence",
            config.GetValue("FollowUp:Privacy:RetentionDays", 90),
            config.GetValue("FollowUp:Privacy:AccessLogRetentionDays", 365));
        if (o.RetentionDays < 1) throw new ConfigurationException($"FollowUp:Privacy:RetentionDays must be at least 1 (got {o.RetentionDays}).");
        if (o.AccessLogRetentionDays < 1) throw new ConfigurationException($"FollowUp:Privacy:AccessLogRetentionDays must be at least 1 (got {o.AccessLogRetentionDays}).");
        return o;
    }
}
