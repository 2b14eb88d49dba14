using FollowUp.Silo.Protocol;

namespace FollowUp.Tests.Grains;

/// <summary>Exactly one SMS per milestone through a silo killed while OVH is taking the message.</summary>
public class SmsCrashTests
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    [Fact]
    public async Task A_silo_killed_between_to_send_and_sent_leaves_exactly_one_sms_at_OVH()
    {
        await using var fake = await OvhFakeServer.StartAsync();
        var settings = fake.SiloSettings();
        settings["FollowUp:Sms:Ovh:AttemptTimeoutSeconds"] = "30";
        var (cluster, _) = await ClusterFixture.StartAsync("smscrash", 1, settings: settings);
        await using var _cluster = cluster;
        var id = PersonIds.FromExternalId("crash-1");
        await cluster.Client.GetGrain<IPersonGrain>(id).Include(Inclusions.Case("crash-1", Monday, "83"));

        // OVH takes the job and answers late; the silo dies while waiting, after "to send" was recorded.
        await fake.FaultAsync("POST", delayMs: 8000);
        var sim = cluster.Client.GetGrain<ISimulationGrain>(0);
        var to = Zones.ToInstant(Monday.AddDays(2), new TimeOnly(9, 30), Zones.Paris);
        var advancing = Task.Run(async () => { while (!await sim.AdvanceStep(to)) { } });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await fake.MessagesAsync()).Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Single(await fake.MessagesAsync());
        await cluster.KillSiloAsync(cluster.Silos[0]);
        try { await advancing; } catch { /* the silo it talked to is gone */ }

        await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        var person = cluster.Client.GetGrain<IPersonGrain>(id);
        await person.Wake(); // reactivation: recovery asks OVH by tag before sending again
        var view = await person.Get();
        Assert.NotNull(view!.Milestones.Single(m => m.Type == MilestoneType.J2).Sms.SentAt);
        var messages = await fake.MessagesAsync();
        var sms = Assert.Single(messages);
        Assert.Equal($"{id:N}-J2-1", sms.Tag);
    }
}
