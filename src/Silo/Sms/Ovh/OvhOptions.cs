using Microsoft.Extensions.Configuration;

namespace FollowUp.Silo.Sms.Ovh;

/// <summary>
/// <c>FollowUp:Sms:Ovh</c> (and <c>FollowUp:Sms:Sender</c>), read when <c>FollowUp:Sms:Provider</c> is Ovh. Keys come
/// from configuration/environment, never from the repository.
/// </summary>
public sealed class OvhOptions : ISectionOptions
{
    public static string Section => "FollowUp:Sms:Ovh";

    private string _endpoint = "https://eu.api.ovh.com/1.0";

    public string Endpoint { get => _endpoint; set => _endpoint = value.TrimEnd('/'); }
    public string ApplicationKey { get; set; } = "";
    public string ApplicationSecret { get; set; } = "";
    public string ConsumerKey { get; set; } = "";
    public string ServiceName { get; set; } = "";

    /// <summary>
    /// FollowUp:Sms:Sender: alphanumeric sender (max 11 chars, validated at OVH) or virtual mobile number; never a
    /// reply-capable short number (OVH blocks URLs from those).
    /// </summary>
    public string Sender { get; set; } = "";

    /// <summary>OVH validityPeriod, minutes: an SMS not delivered after this is dropped by OVH (the call takes over).</summary>
    public int ValidityPeriodMinutes { get; set; } = 720;

    public string Priority { get; set; } = "high";

    public double AttemptTimeoutSeconds { get; set; } = 10;

    public double InboxPollSeconds { get; set; } = 30;

    /// <summary>OVH calls in flight at once from one silo.</summary>
    public int MaxParallel { get; set; } = 64;

    /// <summary>Ceiling of OVH calls a second from one silo; null = none (OVH answers 429 when pushed).</summary>
    public int? MaxPerSecond { get; set; }

    /// <summary>How many times a job refused with 429/503 is tried again (with backoff, honouring Retry-After) before the SMS waits for the next
    /// wake.</summary>
    public int MaxRetries { get; set; } = 6;

    public TimeSpan AttemptTimeout => TimeSpan.FromSeconds(AttemptTimeoutSeconds);
    public TimeSpan InboxPollInterval => TimeSpan.FromSeconds(InboxPollSeconds);

    /// <summary>The options of this configuration (FollowUp:Sms:Sender included), checked.</summary>
    public static OvhOptions Read(IConfiguration config) => SectionOptions.Read(config, SenderFrom(config));

    /// <summary>Takes the sender from FollowUp:Sms:Sender, the parent section shared with the other providers.</summary>
    public static Action<OvhOptions> SenderFrom(IConfiguration config) => o => o.Sender = SectionOptions.Read<SmsOptions>(config).Sender;

    public IEnumerable<string> Problems()
    {
        foreach (var (key, value) in new[] { ("ApplicationKey", ApplicationKey), ("ApplicationSecret", ApplicationSecret),
            ("ConsumerKey", ConsumerKey), ("ServiceName", ServiceName) })
            if (string.IsNullOrWhiteSpace(value))
                yield return $"FollowUp:Sms:Ovh:{key} is required when FollowUp:Sms:Provider is Ovh (set it in configuration or " +
                    $"FollowUp__Sms__Ovh__{key}).";
        foreach (var (key, value) in new[] { ("MaxParallel", (int?)MaxParallel), ("MaxPerSecond", MaxPerSecond), ("MaxRetries", MaxRetries),
            ("ValidityPeriodMinutes", ValidityPeriodMinutes) })
            if (value is < 1) yield return $"FollowUp:Sms:Ovh:{key} '{value}' must be a positive whole number (leave it unset for the default).";
        if (Priority is not ("veryLow" or "low" or "medium" or "high"))
            yield return $"FollowUp:Sms:Ovh:Priority '{Priority}' is not an OVH priority (veryLow, low, medium, high).";
        if (AttemptTimeoutSeconds <= 0) yield return $"FollowUp:Sms:Ovh:AttemptTimeoutSeconds must be positive (got {AttemptTimeoutSeconds}).";
        if (InboxPollSeconds <= 0) yield return $"FollowUp:Sms:Ovh:InboxPollSeconds must be positive (got {InboxPollSeconds}).";
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out _)) yield return $"FollowUp:Sms:Ovh:Endpoint '{Endpoint}' is not an absolute URL.";
    }
}
