using System.Net;
using System.Net.Sockets;
using FollowUp.Silo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace FollowUp.Tests;

/// <summary>
/// The one in-process start-up of the platform, shared by the web tests (<c>PlatformFixture</c>, <c>WebNode</c>) and the
/// benchmarks (<c>bench/Platform.cs</c>): a real silo host (<see cref="SiloHosting"/>, ADO.NET clustering on
/// PostgreSQL) and web nodes as cluster clients on real Kestrel ports, both configured from one settings dictionary,
/// as <c>run.sh</c> configures its processes from one environment.
/// </summary>
public static class PlatformHost
{
    /// <summary>Starts a silo with these settings (FollowUp:* keys) and waits until it has joined the cluster.</summary>
    public static async Task<IHost> StartSiloAsync(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.AddFollowUpSilo(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Starts a web node (production environment) with these settings on 127.0.0.1:<paramref name="port"/>.</summary>
    public static WebApplicationFactory<FollowUp.Web.SharedResource> StartWeb(IEnumerable<KeyValuePair<string, string?>> settings, int port)
    {
        var web = new WebApplicationFactory<FollowUp.Web.SharedResource>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSolutionRelativeContentRoot("src/Web");
            foreach (var (k, v) in settings) b.UseSetting(k, v);
        });
        web.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        web.StartServer();
        return web;
    }

    /// <summary>A TCP port free on the loopback now (for a silo, a gateway or a web node).</summary>
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
