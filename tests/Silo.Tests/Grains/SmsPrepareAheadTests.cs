using Dapper;
using FollowUp.Silo.Protocol;
using Npgsql;

namespace FollowUp.Tests.Grains;

/// <summary>
/// On the cluster (its default FollowUp:Protocol:SmsPrepareAhead, 10 minutes): a person is woken by its wake shard ahead of
/// its SMS hour, its SMS recorded "to send" with its token and text in one commit, nothing handed to the gateway; at the
/// hour it is woken again and the SMS handed over once. A STOP in between cancels it.
/// </summary>
[Collection(OwnClockCollection.Name)]
public class SmsPrepareAheadTests(OwnClockClusterFixture fx)
{
    private DateOnly Today => ParisTime.DayOf(fx.ClockOf().GetUtcNow());

    [Fact]
    public async Task The_SMS_is_durable_to_send_before_its_hour_and_handed_over_once_at_the_hour()
    {
        var (id, grain, j2) = await IncludeAndPrepareAsync("prepare-ahead");
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await fx.Cluster.DeactivateAsync(grain); // what is durable
        var prepared = (await grain.Get())!;
        Assert.Contains(prepared.Timeline, e => e.Event == "smsQueued");
        Assert.DoesNotContain(prepared.Timeline, e => e.Event == "smsSent");
        Assert.Equal(1, await TokensAsync(conn, id));
        Assert.Equal(0, await SentAsync(conn, id));
        Assert.Equal(ParisTime.At(j2, 9).UtcDateTime,
            await conn.ExecuteScalarAsync<DateTime>("SELECT next_wake_at FROM persons WHERE id = @id", new { id }));

        await fx.AdvanceTo(ParisTime.At(j2, 9, 1));
        Assert.Equal(1, await SentAsync(conn, id));
        Assert.Equal(1, await TokensAsync(conn, id)); // the token recorded ahead, not another
        Assert.Contains((await grain.Get())!.Timeline, e => e.Event == "smsSent");
    }

    [Fact]
    public async Task A_STOP_after_the_SMS_was_recorded_ahead_cancels_it()
    {
        var (id, grain, j2) = await IncludeAndPrepareAsync("prepare-ahead-stop");

        await grain.SmsReplyReceived("STOP");
        await fx.AdvanceTo(ParisTime.At(j2, 9, 1));

        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        Assert.Equal(0, await SentAsync(conn, id));
        var view = (await grain.Get())!;
        Assert.DoesNotContain(view.Timeline, e => e.Event == "smsSent");
        Assert.NotNull(view.Milestones.Single(m => m.Id == "J2").Call.DueAt); // the call takes over
    }

    /// <summary>A contact included today, the clock moved to a minute after its J2 SMS was due to be recorded ahead.</summary>
    private async Task<(Guid Id, IPersonGrain Grain, DateOnly J2)> IncludeAndPrepareAsync(string externalId)
    {
        var j2 = Today.AddDays(2);
        var request = Inclusions.Contact(externalId, Today, "50");
        var id = PersonIds.FromExternalId(request.ExternalId);
        var grain = fx.Client.GetGrain<IPersonGrain>(id);
        await grain.Include(request);
        await fx.AdvanceTo(ParisTime.At(j2, 9) - ProtocolSettings.ProductionPrepareAhead + TimeSpan.FromMinutes(1));
        return (id, grain, j2);
    }

    private static Task<int> TokensAsync(NpgsqlConnection conn, Guid id) =>
        conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM questionnaire_tokens WHERE person_id = @id AND milestone_id = 'J2'", new { id });

    private static Task<int> SentAsync(NpgsqlConnection conn, Guid id) =>
        conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM fake_sms WHERE substr(message_id, 1, 32) = @key", new { key = id.ToString("N") });
}
