using Dapper;
using Npgsql;

namespace FollowUp.Tests.Grains;

/// <summary>
/// A delivery report recorded by the web (sms_messages) but never told to the person (the web died after acknowledging
/// it to OVH, or the cluster was away through its attempts) comes back to the person's timeline at a later wake, once.
/// </summary>
[Collection(ClusterCollection.Name)]
public class DeliveryReportCatchUpTests(ClusterFixture fx)
{
    [Theory]
    [InlineData("catch-up-delivered", true, "smsDelivered")]
    [InlineData("catch-up-failed", false, "smsNotDelivered")]
    public async Task A_report_recorded_but_never_told_reaches_the_timeline_at_a_later_wake_once(string externalId, bool delivered, string evt)
    {
        var sim = fx.Client.GetGrain<ISimulationGrain>(0);
        var (id, grain, _) = await fx.IncludeUntilJ2SentAsync(externalId, "catch-up");
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        Assert.Equal(1, await conn.ExecuteAsync(
            "UPDATE sms_messages SET delivery_status = @status, delivered_at = CASE WHEN @delivered THEN now() END WHERE person_id = @id",
            new { id, delivered, status = delivered ? "DELIVERED" : "NOT_DELIVERED" })); // recorded by the web, the person never told
        Assert.DoesNotContain((await grain.Get())!.Timeline, e => e.Event == evt);

        await fx.AdvanceTo((await sim.Now()).AddMinutes(20));
        await grain.Wake();
        await grain.Wake();

        var view = (await grain.Get())!;
        Assert.Single(view.Timeline, e => e.Event == evt); // once, though woken twice
        Assert.DoesNotContain(view.Timeline, e => e.Event == (delivered ? "smsNotDelivered" : "smsDelivered"));
    }
}
