using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace FollowUp.Tests.Security;

/// <summary>Another web node of the fixture's platform (same database and cluster) on its own port, with settings of its own.</summary>
public sealed class WebNode : IAsyncDisposable
{
    private readonly WebApplicationFactory<FollowUp.Web.SharedResource> _factory;
    public string BaseUrl { get; }

    private WebNode(WebApplicationFactory<FollowUp.Web.SharedResource> factory, string baseUrl) { _factory = factory; BaseUrl = baseUrl; }

    public static WebNode Start(PlatformFixture fx, IDictionary<string, string?>? overrides = null)
    {
        var port = FreePort();
        var settings = new Dictionary<string, string?>(fx.WebSettings);
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;
        var factory = new WebApplicationFactory<FollowUp.Web.SharedResource>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            foreach (var (k, v) in settings) b.UseSetting(k, v);
        });
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        return new WebNode(factory, $"http://127.0.0.1:{port}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
