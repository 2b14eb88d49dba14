using FollowUp.Silo.Sms;
using FollowUp.Silo.Sms.Ovh;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Tests.Sms;

/// <summary>OVH's limits: the fake answers 429 beyond its rate; the gateway waits (Retry-After, backoff) and keeps its own ceiling.</summary>
public sealed class OvhRateLimitTests : IAsyncLifetime
{
    private OvhFakeServer _fake = null!;

    public async Task InitializeAsync() => _fake = await OvhFakeServer.StartAsync();

    private ServiceProvider Gateway(int? maxPerSecond) => new ServiceCollection().AddLogging()
        .AddOvhSms(new OvhOptions
        {
            Endpoint = _fake.Endpoint,
            ApplicationKey = OvhFakeServer.ApplicationKey,
            ApplicationSecret = OvhFakeServer.ApplicationSecret,
            ConsumerKey = OvhFakeServer.ConsumerKey,
            ServiceName = OvhFakeServer.ServiceName,
            Sender = "ARS-SUIVI",
            AttemptTimeoutSeconds = 5,
            MaxPerSecond = maxPerSecond,
            MaxRetries = 20,
        }).BuildServiceProvider();

    private static Task SendAllAsync(ISmsGateway sms, string prefix, int count) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => sms.SendAsync(new SmsMessage($"{prefix}-{i}", "+33612345678", "t"))));

    [Fact]
    public async Task Answers_429_with_Retry_After_are_waited_out_and_every_SMS_leaves_once()
    {
        await _fake.RateLimitAsync(5);
        await using var services = Gateway(maxPerSecond: null);
        await SendAllAsync(services.GetRequiredService<ISmsGateway>(), "rl", 30);
        var sent = await _fake.MessagesAsync();
        Assert.Equal(30, sent.Count);
        Assert.Equal(30, sent.Select(m => m.Tag).Distinct().Count());
        Assert.True(await _fake.ThrottledAsync() > 0, "the fake never answered 429: the test did not push past its limit");
    }

    [Fact]
    public async Task The_configured_ceiling_keeps_the_gateway_under_OVH_s_limit()
    {
        await _fake.RateLimitAsync(10);
        await using var services = Gateway(maxPerSecond: 5);
        await SendAllAsync(services.GetRequiredService<ISmsGateway>(), "ceiling", 20);
        Assert.Equal(20, (await _fake.MessagesAsync()).Count);
        Assert.Equal(0, await _fake.ThrottledAsync());
    }

    [Fact]
    public void The_ceiling_is_read_from_configuration_and_unset_means_none()
    {
        var settings = new Dictionary<string, string?>
        {
            ["FollowUp:Sms:Ovh:ApplicationKey"] = "a",
            ["FollowUp:Sms:Ovh:ApplicationSecret"] = "s",
            ["FollowUp:Sms:Ovh:ConsumerKey"] = "c",
            ["FollowUp:Sms:Ovh:ServiceName"] = "sms-x",
        };
        Assert.Null(OvhOptions.Read(new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .MaxPerSecond);
        settings["FollowUp:Sms:Ovh:MaxPerSecond"] = "250";
        Assert.Equal(250, OvhOptions.Read(new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .MaxPerSecond);
        settings["FollowUp:Sms:Ovh:MaxPerSecond"] = "-1";
        var ex = Assert.Throws<ConfigurationException>(() =>
            OvhOptions.Read(new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
        Assert.Contains("FollowUp:Sms:Ovh:MaxPerSecond", ex.Message);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();
}
