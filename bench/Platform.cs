using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using FollowUp.Silo;
using FollowUp.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FollowUp.Bench;

/// <summary>The platform in one process (one silo + the web on a real port, simulation clock, in-database SMS fake),
/// started by the tests' own <see cref="PlatformHost"/>.</summary>
public sealed class Platform : IAsyncDisposable
{
    /// <summary>Made for each run: the benchmark platform is local, but no key is ever committed.</summary>
    public static readonly string ApiKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    private IHost _silo = null!;
    private WebApplicationFactory<FollowUp.Web.SharedResource> _web = null!;
    public string BaseUrl { get; private set; } = "";
    public IServiceProvider SiloServices => _silo.Services;

    /// <summary>Posts <paramref name="file"/> to <c>/api/imports</c> and polls until it is no longer running; the import's answer.</summary>
    public static async Task<System.Text.Json.JsonElement> ImportAsync(HttpClient api, byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var r = await api.PostAsync("/api/imports", content);
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(r.Content))
            .GetProperty("importId").GetString();
        System.Text.Json.JsonElement result;
        do
        {
            await Task.Delay(500);
            result = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(api, $"/api/imports/{id}");
        }
        while (result.GetProperty("status").GetString() == "running");
        return result;
    }

    public static async Task<Platform> StartAsync(string cs)
    {
        var p = new Platform();
        var settings = new Dictionary<string, string?>
        {
            ["FollowUp:Database:ConnectionString"] = cs,
            ["FollowUp:Simulation:Enabled"] = "true",
            ["FollowUp:Simulation:Start"] = "2026-11-23T08:00:00Z",
            ["FollowUp:Cluster:ClusterId"] = "bench-" + Guid.NewGuid().ToString("N")[..8],
            ["FollowUp:ApiKey"] = ApiKey,
            ["FollowUp:Admin:Password"] = "Bench-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)),
            ["FollowUp:Silo:Port"] = PlatformHost.FreePort().ToString(),
            ["FollowUp:Silo:GatewayPort"] = PlatformHost.FreePort().ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        p._silo = await PlatformHost.StartSiloAsync(settings);
        var port = PlatformHost.FreePort();
        p._web = PlatformHost.StartWeb(settings, port);
        p.BaseUrl = $"http://127.0.0.1:{port}";
        return p;
    }

    public HttpClient Api()
    {
        var c = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(10) };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return c;
    }


    public async ValueTask DisposeAsync()
    {
        await _web.DisposeAsync();
        await _silo.StopAsync();
        _silo.Dispose();
    }
}
