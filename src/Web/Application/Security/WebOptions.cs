using System.Net;

namespace FollowUp.Web.Application.Security;

/// <summary>
/// <c>FollowUp:Web</c>: the reverse proxies whose X-Forwarded-For / -Proto are believed (from anyone else they are
/// ignored, so rate limits key on the client's real IP).
/// </summary>
public sealed class WebOptions : ISectionOptions
{
    public static string Section => "FollowUp:Web";

    /// <summary>IP addresses separated by ',' ';' or spaces (or a list section, see <see cref="ListFrom"/>).</summary>
    public string KnownProxies { get; set; } = "";

    /// <summary>The known proxies; call it on checked options (<see cref="Problems"/> empty).</summary>
    public IReadOnlyList<IPAddress> Proxies => Entries().Select(IPAddress.Parse).ToList();

    /// <summary>Takes the proxies given as a list section (KnownProxies:0, :1 …) when the key has no value of its own.</summary>
    public static Action<WebOptions> ListFrom(IConfiguration config) => o =>
    {
        var section = config.GetSection(Section).GetSection(nameof(KnownProxies));
        if (section.Value is null)
            o.KnownProxies = string.Join(",", section.GetChildren().Select(c => c.Value ?? "").Where(x => x.Length > 0));
    };

    public IEnumerable<string> Problems()
    {
        foreach (var entry in Entries().Where(e => !IPAddress.TryParse(e, out _)))
            yield return $"FollowUp:Web:KnownProxies: '{entry}' is not an IP address.";
    }

    private string[] Entries() => KnownProxies.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
