using System.Net.Http.Json;
using FollowUp.OvhFake;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Tests;

/// <summary>The OVH-compatible fake on a real local port, as run.sh starts it.</summary>
public sealed class OvhFakeServer : IAsyncDisposable
{
    public const string ApplicationKey = "test-ak";
    public const string ApplicationSecret = "test-as";
    public const string ConsumerKey = "test-ck";
    public const string ServiceName = "sms-test-1";
    private readonly WebApplication _app;
    public string BaseUrl { get; }
    public string Endpoint => BaseUrl + "/1.0";
    public HttpClient Control { get; }
    /// <summary>The fake's live options (e.g. set DeliveryReportUrl once the web's address is known).</summary>
    public OvhFakeOptions Options => _app.Services.GetRequiredService<OvhFakeOptions>();

    private OvhFakeServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Control = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public static async Task<OvhFakeServer> StartAsync(string? deliveryReportUrl = null)
    {
        var app = OvhFakeApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], o =>
        {
            o.ApplicationKey = ApplicationKey;
            o.ApplicationSecret = ApplicationSecret;
            o.ConsumerKey = ConsumerKey;
            o.DeliveryReportUrl = deliveryReportUrl;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OvhFakeServer(app, address.TrimEnd('/'));
    }

    /// <summary>Settings for a silo using this fake as its OVH endpoint.</summary>
    public Dictionary<string, string?> SiloSettings() => new()
    {
        ["FollowUp:Sms:Provider"] = "Ovh",
        ["FollowUp:Sms:Ovh:Endpoint"] = Endpoint,
        ["FollowUp:Sms:Ovh:ApplicationKey"] = ApplicationKey,
        ["FollowUp:Sms:Ovh:ApplicationSecret"] = ApplicationSecret,
        ["FollowUp:Sms:Ovh:ConsumerKey"] = ConsumerKey,
        ["FollowUp:Sms:Ovh:ServiceName"] = ServiceName,
        ["FollowUp:Sms:Sender"] = "ARS-SUIVI",
        ["FollowUp:Sms:FakeInboxUrl"] = BaseUrl + "/fake/messages",
    };

    public async Task<List<FakeMessage>> MessagesAsync() => await Control.GetFromJsonAsync<List<FakeMessage>>("/fake/messages") ?? [];

    public Task FaultAsync(string method, int? status = null, int? delayMs = null) =>
        Control.PostAsJsonAsync("/fake/faults", new { method, status, delayMs });

    /// <summary>Jobs a second before the fake answers 429 (null: no limit).</summary>
    public Task RateLimitAsync(int? maxPerSecond) => Control.PostAsJsonAsync("/fake/rate-limit", new { maxPerSecond });

    public async Task<long> ThrottledAsync() =>
        (await Control.GetFromJsonAsync<System.Text.Json.JsonElement>("/fake/stats")).GetProperty("throttled").GetInt64();

    /// <summary>Accepted jobs stay queued at the fake OVH (GET /jobs) until released (hold false).</summary>
    public async Task HoldQueueAsync(bool hold) => (await Control.PostAsJsonAsync("/fake/queue", new { hold })).EnsureSuccessStatusCode();

    public async Task<long> QueuedAsync() =>
        (await Control.GetFromJsonAsync<System.Text.Json.JsonElement>("/fake/stats")).GetProperty("queued").GetInt64();

    public Task ReplyAsync(string sender, string message) => Control.PostAsJsonAsync("/fake/replies", new { sender, message });

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record FakeMessage(long Id, string Receiver, string Sender, string Message, string? Tag, long Ptt, long DeliveryReceipt);
}
