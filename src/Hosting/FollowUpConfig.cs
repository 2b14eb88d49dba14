using Microsoft.Extensions.Configuration;

namespace FollowUp;

/// <summary>Reads the FollowUp configuration section (and the FOLLOWUP_* shortcuts) with clear errors; shared by silos and web.</summary>
public static class FollowUpConfig
{
    /// <summary>A setting given as a FollowUp: key or as its FOLLOWUP_* environment shortcut (the key wins); null when empty.</summary>
    public static string? Get(IConfiguration c, string key, string shortcut) => Nonempty(c[key]) ?? Nonempty(c[shortcut]);

    public static string ConnectionString(IConfiguration c) =>
        Get(c, "FollowUp:Database:ConnectionString", "FOLLOWUP_DB")
        ?? throw new ConfigurationException("No database configured: set FollowUp:Database:ConnectionString (or the FOLLOWUP_DB environment " +
            "variable).");

    /// <summary>FollowUp:PublicBaseUrl: the address persons and OVH reach the web at (questionnaire links, delivery reports).</summary>
    public static string PublicBaseUrl(IConfiguration c) => Nonempty(c["FollowUp:PublicBaseUrl"]) ?? "http://127.0.0.1:5080";

    public static string ClusterId(IConfiguration c) => Nonempty(c["FollowUp:Cluster:ClusterId"])
        ?? (SimulationEnabled(c) ? "followup-sim" : "followup");
    public static string ServiceId(IConfiguration c) => Nonempty(c["FollowUp:Cluster:ServiceId"]) ?? "followup";
    public static bool SimulationEnabled(IConfiguration c) => c.GetValue("FollowUp:Simulation:Enabled", false);

    public static DateTimeOffset SimulationStart(IConfiguration c)
    {
        var raw = c["FollowUp:Simulation:Start"];
        if (string.IsNullOrWhiteSpace(raw)) return new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        return DateTimeOffset.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal,
            out var v)
            ? v : throw new ConfigurationException($"FollowUp:Simulation:Start '{raw}' is not an ISO 8601 instant (e.g. 2026-11-24T08:00:00+01:00).");
    }

    private static string? Nonempty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
