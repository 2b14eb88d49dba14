using Microsoft.Extensions.Configuration;

namespace FollowUp.Silo.Privacy;

/// <summary>FollowUp:Privacy:RetentionDays (90, from the end of follow-up) and AccessLogRetentionDays (365).</summary>
public sealed record PurgeOptions(int RetentionDays, int AccessLogRetentionDays, int BatchSize)
{
    public static PurgeOptions Read(IConfiguration config)
    {
        var o = new PurgeOptions(config.GetValue("FollowUp:Privacy:RetentionDays", 90), config.GetValue("FollowUp:Privacy:AccessLogRetentionDays", 365),
            config.GetValue("FollowUp:Privacy:PurgeBatchSize", 200));
        if (o.RetentionDays < 1) throw new ConfigurationException($"FollowUp:Privacy:RetentionDays must be at least 1 (got {o.RetentionDays}).");
        if (o.AccessLogRetentionDays < 1) throw new ConfigurationException($"FollowUp:Privacy:AccessLogRetentionDays must be at least 1 (got {o.AccessLogRetentionDays}).");
        if (o.BatchSize < 1) throw new ConfigurationException($"FollowUp:Privacy:PurgeBatchSize must be at least 1 (got {o.BatchSize}).");
        return o;
    }
}
