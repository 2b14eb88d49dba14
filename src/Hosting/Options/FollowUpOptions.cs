using Microsoft.Extensions.Configuration;

namespace FollowUp;

/// <summary>
/// The keys right under <c>FollowUp</c>: the web's public address (both processes: the silo writes it in the
/// questionnaire links, the web serves it) and the JSON API's bootstrap key (the web; or <c>FOLLOWUP_API_KEY</c>).
/// </summary>
public sealed class FollowUpOptions : ISectionOptions
{
    /// <summary>The name (not a value) of the environment variable that sets the API key when <c>FollowUp:ApiKey</c> is empty.</summary>
    public const string Shortcut = "FOLLOWUP_API_KEY";

    /// <summary>The longest API key a caller may present (longer ones are refused unread).</summary>
    public const int MaxApiKeyLength = 200;

    private const string LocalWeb = "http://127.0.0.1:5080";

    public static string Section => "FollowUp";

    /// <summary>The address persons and OVH reach the web at (questionnaire links, delivery reports).</summary>
    public string PublicBaseUrl { get; set; } = LocalWeb;

    /// <summary>The JSON API's bootstrap key (named "bootstrap", every scope); empty: <c>FOLLOWUP_API_KEY</c>.</summary>
    public string ApiKey { get; set; } = "";

    public bool IsHttps => PublicUri is { Scheme: "https" };

    public Uri? PublicUri => Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u : null;

    /// <summary>The options of this configuration (<c>FOLLOWUP_API_KEY</c> included), checked.</summary>
    public static FollowUpOptions Read(IConfiguration config) => SectionOptions.Read(config, Complete(config));

    /// <summary>An empty PublicBaseUrl is the default; the API key comes from <c>FOLLOWUP_API_KEY</c> when the key is empty (the key wins).</summary>
    public static Action<FollowUpOptions> Complete(IConfiguration config) => o =>
    {
        if (string.IsNullOrWhiteSpace(o.PublicBaseUrl)) o.PublicBaseUrl = LocalWeb;
        if (string.IsNullOrWhiteSpace(o.ApiKey)) o.ApiKey = config[Shortcut] ?? "";
    };

    public IEnumerable<string> Problems()
    {
        if (PublicUri is null) yield return $"FollowUp:PublicBaseUrl '{PublicBaseUrl}' is not an absolute http(s) URL.";
        if (ApiKey.Length > MaxApiKeyLength)
            yield return $"FollowUp:ApiKey is longer than {MaxApiKeyLength} characters ({ApiKey.Length}): no caller could present it.";
    }
}
