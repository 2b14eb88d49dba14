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
        var port = PlatformHost.FreePort();
        var settings = new Dictionary<string, string?>(fx.WebSettings);
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;
        return new WebNode(PlatformHost.StartWeb(settings, port), $"http://127.0.0.1:{port}");
    }


    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
