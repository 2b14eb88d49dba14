using FollowUp.Silo.Sms;
using FollowUp.Silo.Sms.Ovh;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Tests.Sms;

public class OvhSignatureTests
{
    [Fact]
    public void Signature_matches_the_vector_published_by_OVH() =>
        Assert.Equal("$1$dfe0b86bf2ab0d9eb3f785dc1ab00de58984d80c",
            OvhSignature.Compute("APPLICATION_SECRET", "CONSUMER_KEY", "GET", "https://eu.api.ovh.com/1.0/me", "", 1566485767));
}

/// <summary>The OVH gateway against the OVH-compatible fake, over real HTTP (signature checked by the fake).</summary>
public sealed class OvhGatewayTests : IAsyncLifetime
{
    private OvhFakeServer _fake = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _fake = await OvhFakeServer.StartAsync();
        _services = Gateway(OvhFakeServer.ApplicationSecret);
    }

    private ServiceProvider Gateway(string secret) => new ServiceCollection().AddLogging()
        .AddOvhSms(new OvhOptions
        {
            Endpoint = _fake.Endpoint,
            ApplicationKey = OvhFakeServer.ApplicationKey,
            ApplicationSecret = secret,
            ConsumerKey = OvhFakeServer.ConsumerKey,
            ServiceName = OvhFakeServer.ServiceName,
            Sender = "ARS-SUIVI",
            AttemptTimeoutSeconds = 3,
        }).BuildServiceProvider();

    private ISmsGateway Sms => _services.GetRequiredService<ISmsGateway>();

    [Fact]
    public async Task Sends_one_signed_job_tagged_with_our_message_id()
    {
        var receipt = await Sms.SendAsync(new SmsMessage("p1-J2-1", "+33612345678", "Bonjour Lea, merci : http://x/q/abc"));
        var m = Assert.Single(await _fake.MessagesAsync());
        Assert.Equal(("+33612345678", "p1-J2-1", "ARS-SUIVI", "Bonjour Lea, merci : http://x/q/abc"), (m.Receiver, m.Tag, m.Sender, m.Message));
        Assert.Equal(m.Id.ToString(), receipt.ProviderId);
        Assert.False(receipt.AlreadySent);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_the_signature_check()
    {
        await using var wrong = Gateway("not-the-secret");
        var ex = await Assert.ThrowsAsync<OvhException>(() => wrong.GetRequiredService<ISmsGateway>()
            .SendAsync(new SmsMessage("x-1", "+33612345678", "t")));
        Assert.Equal(400, ex.Status);
        Assert.Empty(await _fake.MessagesAsync());
    }

    [Fact]
    public async Task Too_many_requests_then_success_sends_once()
    {
        await _fake.FaultAsync("POST", status: 429);
        await Sms.SendAsync(new SmsMessage("p2-J2-1", "+33612345678", "t"));
        Assert.Single(await _fake.MessagesAsync());
    }

    [Fact]
    public async Task A_timed_out_job_is_not_sent_again_when_recovery_finds_its_tag()
    {
        await _fake.FaultAsync("POST", delayMs: 6000); // OVH takes the job, the answer comes too late
        await Assert.ThrowsAnyAsync<Exception>(() => Sms.SendAsync(new SmsMessage("p3-J2-1", "+33612345678", "t")));
        var again = await Sms.SendAsync(new SmsMessage("p3-J2-1", "+33612345678", "t", MayHaveBeenSent: true));
        Assert.True(again.AlreadySent);
        Assert.Single(await _fake.MessagesAsync());
    }

    [Fact]
    public async Task A_server_error_on_a_job_is_not_retried_blindly_and_the_next_attempt_sends_it()
    {
        await _fake.FaultAsync("POST", status: 500);
        await Assert.ThrowsAsync<OvhException>(() => Sms.SendAsync(new SmsMessage("p4-J2-1", "+33612345678", "t")));
        Assert.Empty(await _fake.MessagesAsync());
        var again = await Sms.SendAsync(new SmsMessage("p4-J2-1", "+33612345678", "t", MayHaveBeenSent: true));
        Assert.False(again.AlreadySent);
        Assert.Single(await _fake.MessagesAsync());
    }

    [Fact]
    public async Task Reads_are_retried_after_a_timeout()
    {
        await Sms.SendAsync(new SmsMessage("p5-J2-1", "+33612345678", "t"));
        await _fake.FaultAsync("GET", delayMs: 6000);
        var again = await Sms.SendAsync(new SmsMessage("p5-J2-1", "+33612345678", "t", MayHaveBeenSent: true));
        Assert.True(again.AlreadySent);
        Assert.Single(await _fake.MessagesAsync());
    }

    /// <summary>
    /// OVH's queue of accepted jobs (GET /sms/{sn}/jobs) takes no filter and its jobs carry no tag (OVH API schema,
    /// sms.Job), as the fake now answers: recovery reads the queued jobs and tells ours by receiver and text, so another
    /// person's queued job is not taken for ours, and ours, still queued, is not sent again.
    /// </summary>
    [Fact]
    public async Task Recovery_finds_a_queued_job_by_receiver_and_text_not_by_an_unfiltered_listing()
    {
        await _fake.HoldQueueAsync(true); // jobs stay queued at OVH: /outgoing knows none of them
        var ours = new SmsMessage("p7-J2-1", "+33612340007", "Bonjour Lea : http://x/q/tok7");
        await Sms.SendAsync(new SmsMessage("p8-J2-1", "+33612340008", "Bonjour Jo : http://x/q/tok8"));
        await Sms.SendAsync(new SmsMessage("p9-J2-1", "+33612340007", "Bonjour Lea : http://x/q/other")); // same phone, other SMS

        var first = await Sms.SendAsync(ours with { MayHaveBeenSent = true }); // not at OVH yet: sent
        var again = await Sms.SendAsync(ours with { MayHaveBeenSent = true }); // now queued at OVH: found, not sent again

        Assert.False(first.AlreadySent);
        Assert.True(again.AlreadySent);
        Assert.Equal(first.ProviderId, again.ProviderId);
        Assert.Equal(3, await _fake.QueuedAsync());
        await _fake.HoldQueueAsync(false);
        Assert.Equal(3, (await _fake.MessagesAsync()).Count);
    }

    [Fact]
    public async Task An_invalid_receiver_is_a_definite_rejection()
    {
        await Assert.ThrowsAsync<SmsRejectedException>(() => Sms.SendAsync(new SmsMessage("p6-J2-1", "0612", "t")));
    }

    [Fact]
    public async Task Replies_are_read_once_then_deleted()
    {
        await _fake.ReplyAsync("+33612345678", "STOP");
        await _fake.ReplyAsync("0033699999999", "merci");
        var seen = new List<SmsReply>();
        Assert.Equal(2, await Sms.ProcessRepliesAsync(r => { seen.Add(r); return Task.CompletedTask; }));
        Assert.Equal(["STOP", "merci"], seen.Select(r => r.Text));
        Assert.Equal(0, await Sms.ProcessRepliesAsync(_ => Task.CompletedTask));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }
}
