using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using FollowUp.Silo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace FollowUp.Tests;

/// <summary>
/// The platform as run.sh starts it, in one process: a real silo host (SiloHosting, ADO.NET clustering on a fresh
/// PostgreSQL database) and the web as a cluster client on a real Kestrel port; simulation mode.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string ApiKey = "test-api-key-0123456789";
    public const string AdminPassword = "admin-password-123";
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    public string ConnectionString { get; } = TestDatabase.Create("web");
    private readonly string _clusterId = "web-" + Guid.NewGuid().ToString("N")[..8];
    private IHost? _silo;
    public WebApplicationFactory<FollowUp.Web.SharedResource> Web { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    private Dictionary<string, string?> Settings => new()
    {
        ["FollowUp:Database:ConnectionString"] = ConnectionString,
        ["FollowUp:Simulation:Enabled"] = "true",
        ["FollowUp:Simulation:Start"] = Start.ToString("O"),
        ["FollowUp:Cluster:ClusterId"] = _clusterId,
        ["FollowUp:ApiKey"] = ApiKey,
        ["FollowUp:Admin:UserName"] = "admin",
        ["FollowUp:Admin:Password"] = AdminPassword,
        ["FollowUp:Silo:Port"] = FreePort().ToString(),
        ["FollowUp:Silo:GatewayPort"] = FreePort().ToString(),
    };

    public async Task InitializeAsync()
    {
        var settings = Settings;
        var siloBuilder = Host.CreateApplicationBuilder();
        siloBuilder.Configuration.AddInMemoryCollection(settings);
        siloBuilder.UseOrleans(silo => silo.AddFollowUpSilo(siloBuilder.Configuration));
        _silo = siloBuilder.Build();
        await _silo.StartAsync();

        Web = new WebApplicationFactory<FollowUp.Web.SharedResource>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            foreach (var (k, v) in settings) b.UseSetting(k, v);
        });
        Web.UseKestrel(0);
        Web.StartServer();
        BaseUrl = Web.ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    public HttpClient Api()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        await Web.DisposeAsync();
        if (_silo is not null) { await _silo.StopAsync(); _silo.Dispose(); }
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
