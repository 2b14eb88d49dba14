using FollowUp.Silo.Protocol;

namespace FollowUp.Tests.Grains;

/// <summary>
/// Issue 13: an SMS job OVH accepted but still holds in its queue (GET /sms/{sn}/jobs, not yet in /outgoing) when the
/// silo dies is not sent again: recovery asks OVH's queue as well as its sent messages before sending.
/// </summary>
public class QueuedSmsCrashTests
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    [Fact]
    public async Task A_job_still_queued_at_OVH_when_the_silo_dies_is_not_sent_again()
    {
        await using var fake = await OvhFakeServer.StartAsync();
        await fake.HoldQueueAsync(true); // OVH keeps accepted jobs queued: /outgoing stays empty
        var settings = fake.SiloSettings();
        settings["FollowUp:Sms:Ovh:AttemptTimeoutSeconds"] = "30";
        var (cluster, _) = await ClusterFixture.StartAsync("smsqueued", 1, settings: settings);
        await using var _cluster = cluster;
        var id = PersonIds.FromExternalId("queued-1");
        await cluster.Client.GetGrain<IPersonGrain>(id).Include(Inclusions.Case("queued-1", Monday, "83"));

        // OVH takes the job (queued) and answers late; the silo dies while waiting, after "to send" was recorded.
        await fake.FaultAsync("POST", delayMs: 8000);
        var sim = cluster.Client.GetGrain<ISimulationGrain>(0);
        var to = Zones.ToInstant(Monday.AddDays(2), new TimeOnly(9, 30), Zones.Paris);
        var advancing = Task.Run(async () => { while (!await sim.AdvanceStep(to)) { } });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await fake.QueuedAsync() == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(1, await fake.QueuedAsync());
        Assert.Empty(await fake.MessagesAsync());
        await cluster.KillSiloAsync(cluster.Silos[0]);
        try { await advancing; } catch { /* the silo it talked to is gone */ }

        await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        var person = cluster.Client.GetGrain<IPersonGrain>(id);
        await person.Wake(); // reactivation: recovery finds the job in OVH's queue, not sent again
        var view = await person.Get();
        Assert.NotNull(view!.Milestones.Single(m => m.Type == MilestoneType.J2).Sms.SentAt);
        Assert.Equal(1, await fake.QueuedAsync());

        await fake.HoldQueueAsync(false); // OVH sends its queue: one SMS for the milestone, not two
        var sms = Assert.Single(await fake.MessagesAsync());
        Assert.Equal($"{id:N}-J2-1", sms.Tag);
    }
}
