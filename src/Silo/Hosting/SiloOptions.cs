using System.Net;
using System.Net.Sockets;

namespace FollowUp.Silo;

/// <summary>
/// <c>FollowUp:Silo</c>: where a silo listens and what it advertises to the cluster, its health port and how many
/// persons it wakes at once. Default: loopback, for one host. With an address another host can reach, the silo
/// listens on that address (or on every address with ListenOnAnyAddress=true, e.g. behind NAT) and other silos and
/// web nodes connect to it.
/// </summary>
public sealed class SiloOptions : ISectionOptions
{
    private IPAddress? _advertised;

    public static string Section => "FollowUp:Silo";

    /// <summary>An IP address or a host name (its first IPv4 address); empty: 127.0.0.1.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>/health/live, /health/ready and /metrics, on the loopback.</summary>
    public int HealthPort { get; set; } = 5090;

    public bool ListenOnAnyAddress { get; set; }

    /// <summary>Declare dead at once a silo whose port refuses connections (<see cref="Hosting.KilledSiloDetection"/>).
    /// Off where a firewall REJECTs (answers refused) rather than drops traffic between silos: a live silo behind such a
    /// firewall would look killed.</summary>
    public bool KilledSiloDetection { get; set; } = true;

    /// <summary>Persons woken at once by this silo's reminders (the rest wait their turn).</summary>
    public int WakeConcurrency { get; set; } = 64;

    /// <summary>The wake shards of the cluster (<see cref="Grains.WakeShardGrain"/>): each reads its share of the persons due
    /// from the due-time index and wakes them. The same on every silo (a person's shard is its id modulo this).</summary>
    public int WakeShards { get; set; } = 4;

    /// <summary>The advertised address, resolved.</summary>
    public IPAddress Advertised => _advertised ??= Resolve(AdvertisedAddress, out _) ?? IPAddress.Loopback;

    public override string ToString() => $"{Advertised}:{Port} (gateway {Advertised}:{GatewayPort})";

    public IEnumerable<string> Problems()
    {
        foreach (var (key, port) in new[] { ("Port", Port), ("GatewayPort", GatewayPort), ("HealthPort", HealthPort) })
            if (port is < 1 or > 65535) yield return $"FollowUp:Silo:{key} '{port}' is not a TCP port (1–65535).";
        if (WakeConcurrency < 1) yield return $"FollowUp:Silo:WakeConcurrency must be at least 1 (got {WakeConcurrency}).";
        if (WakeShards is < 1 or > 256) yield return $"FollowUp:Silo:WakeShards must be between 1 and 256 (got {WakeShards}).";
        if (Resolve(AdvertisedAddress, out var problem) is null && problem is not null) yield return problem;
    }

    private static IPAddress? Resolve(string raw, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(raw)) return IPAddress.Loopback;
        raw = raw.Trim();
        if (IPAddress.TryParse(raw, out var ip)) return ip;
        try
        {
            var v4 = Dns.GetHostAddresses(raw).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
            if (v4 is null) problem = $"FollowUp:Silo:AdvertisedAddress '{raw}' has no IPv4 address.";
            return v4;
        }
        catch (SocketException)
        {
            problem = $"FollowUp:Silo:AdvertisedAddress '{raw}' is neither an IP address nor a known host name.";
            return null;
        }
    }
}
