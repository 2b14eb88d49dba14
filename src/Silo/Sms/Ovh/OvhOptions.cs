using Microsoft.Extensions.Configuration;

namespace FollowUp.Silo.Sms.Ovh;

/// <summary>FollowUp:Sms:Ovh:* and FollowUp:Sms:Sender. Keys come from configuration/environment, never from the repository.</summary>
public sealed class OvhOptions
{
    public string Endpoint { get; init; } = "https://eu.api.ovh.com/1.0";
    public string ApplicationKey { get; init; } = "";
    public string ApplicationSecret { get; init; } = "";
    public string ConsumerKey { get; init; } = "";
    public string ServiceName { get; init; } = "";
    /// <summary>Alphanumeric sender (max 11 chars, validated at OVH) or virtual mobile number; never a reply-capable short number (OVH blocks URLs from those).</summary>
    public string Sender { get; init; } = "";
    /// <summary>OVH validityPeriod, minutes: an SMS not delivered after this is dropped by OVH (the call takes over).</summary>
    public int ValidityPeriodMinutes { get; init; } = 720;
    public string Priority { get; init; } = "high";
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan InboxPollInterval { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>OVH calls in flight at once from one silo (FollowUp:Sms:Ovh:MaxParallel).</summary>
    public int MaxParallel { get; init; } = 64;
    /// <summary>Ceiling of OVH calls a second from one silo (FollowUp:Sms:Ovh:MaxPerSecond); null = none (OVH answers 429 when pushed).</summary>
    public int? MaxPerSecond { get; init; }
    /// <summary>How many times a job refused with 429/503 is tried again (with backoff, honouring Retry-After) before the SMS waits for the next wake.</summary>
    public int MaxRetries { get; init; } = 6;

    public static OvhOptions Read(IConfiguration config)
    {
        var s = config.GetSection("FollowUp:Sms:Ovh");
        string Required(string key) => s[key] is { Length: > 0 } v ? v
            : throw new ConfigurationException($"FollowUp:Sms:Ovh:{key} is required when FollowUp:Sms:Provider is Ovh (set it in configuration or FollowUp__Sms__Ovh__{key}).");
        return new OvhOptions
        {
            Endpoint = (s["Endpoint"] is { Length: > 0 } e ? e : "https://eu.api.ovh.com/1.0").TrimEnd('/'),
            ApplicationKey = Required("ApplicationKey"),
            ApplicationSecret = Required("ApplicationSecret"),
            ConsumerKey = Required("ConsumerKey"),
            ServiceName = Required("ServiceName"),
            Sender = config["FollowUp:Sms:Sender"] ?? "",
            ValidityPeriodMinutes = int.TryParse(s["ValidityPeriodMinutes"], out var v) ? v : 720,
            AttemptTimeout = TimeSpan.FromSeconds(double.TryParse(s["AttemptTimeoutSeconds"], System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : 10),
            InboxPollInterval = TimeSpan.FromSeconds(double.TryParse(s["InboxPollSeconds"], System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 30),
            MaxParallel = PositiveOrNull(s, "MaxParallel") ?? 64,
            MaxPerSecond = PositiveOrNull(s, "MaxPerSecond"),
            MaxRetries = PositiveOrNull(s, "MaxRetries") ?? 6,
        };
    }

    private static int? PositiveOrNull(IConfigurationSection s, string key)
    {
        var raw = s[key];
        if (string.IsNullOrWhiteSpace(raw)) return null;
        return int.TryParse(raw, out var v) && v > 0 ? v
            : throw new ConfigurationException($"FollowUp:Sms:Ovh:{key} '{raw}' must be a positive whole number (leave it unset for the default).");
    }
}
