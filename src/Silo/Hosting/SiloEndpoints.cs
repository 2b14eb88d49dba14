using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace FollowUp.Silo;

/// <summary>
/// Where a silo listens and what it advertises to the cluster (FollowUp:Silo:AdvertisedAddress, Port, GatewayPort).
/// Default: loopback, for one host. With an address another host can reach, the silo listens on that address (or on
/// every address with FollowUp:Silo:ListenOnAnyAddress=true, e.g. behind NAT) and other silos and web nodes connect to it.
/// </summary>
public sealed record SiloEndpoints(IPAddress Advertised, int Port, int GatewayPort, bool ListenOnAny)
{
    public static SiloEndpoints Read(IConfiguration config)
    {
        var raw = config["FollowUp:Silo:AdvertisedAddress"];
        var address = string.IsNullOrWhiteSpace(raw) ? IPAddress.Loopback : Resolve(raw.Trim());
        return new SiloEndpoints(address, ReadPort(config, "Port", 11111), ReadPort(config, "GatewayPort", 30000),
            config.GetValue("FollowUp:Silo:ListenOnAnyAddress", false));
    }

    public override string ToString() => $"{Advertised}:{Port} (gateway {Advertised}:{GatewayPort})";

    private static IPAddress Resolve(string raw)
    {
        if (IPAddress.TryParse(raw, out var ip)) return ip;
        try
        {
            return Dns.GetHostAddresses(raw).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw new ConfigurationException($"FollowUp:Silo:AdvertisedAddress '{raw}' has no IPv4 address.");
        }
        catch (SocketException)
        {
            throw new ConfigurationException($"FollowUp:Silo:AdvertisedAddress '{raw}' is neither an IP address nor a known host name.");
        }
    }

    private static int ReadPort(IConfiguration config, string key, int fallback)
    {
        var raw = config[$"FollowUp:Silo:{key}"];
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        return int.TryParse(raw, out var port) && port is > 0 and < 65536 ? port
            : throw new ConfigurationException($"FollowUp:Silo:{key} '{raw}' is not a TCP port (1–65535).");
    }
}
