using FollowUp.Silo.Protocol;
using static FollowUp.Tests.Protocol.ProtocolDriver;

namespace FollowUp.Tests.Protocol;

/// <summary>SMS that leave late (gateway down, OVH's rate limits): the wait counts from the actual send; none after SmsLatest.</summary>
public class SmsDelayTests
{
    private static readonly DateOnly Monday = D("2026-11-23"); // J2 = Wednesday 25

    [Fact]
    public void The_SMS_wait_counts_from_the_actual_send_not_from_the_SMS_hour()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        var j2 = Monday.AddDays(2);
        Assert.Single(FollowUpProtocol.Wake(d.State, At(j2, 9, 0), d.Settings)); // queued at 09:00, the gateway does not take it
        FollowUpProtocol.SmsSent(d.State, "J2", At(j2, 11, 30));
        Assert.Empty(FollowUpProtocol.Wake(d.State, At(j2, 15, 29), d.Settings));
        Assert.Null(d.M("J2").Call.DueAt);
        FollowUpProtocol.Wake(d.State, At(j2, 15, 30), d.Settings);
        Assert.Equal(At(j2, 15, 30), d.M("J2").Call.DueAt);
    }

    [Theory]
    [InlineData(19, 59, false)]
    [InlineData(20, 0, true)]
    [InlineData(23, 10, true)]
    public void An_SMS_still_unsent_at_SmsLatest_sends_the_person_to_the_call_list(int h, int m, bool toCall)
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        var j2 = Monday.AddDays(2);
        Assert.Single(FollowUpProtocol.Wake(d.State, At(j2, 9, 0), d.Settings)); // never taken by the gateway
        var again = FollowUpProtocol.Wake(d.State, At(j2, h, m), d.Settings);
        Assert.Equal(toCall, again.Count == 0);
        Assert.Equal(toCall ? At(j2, h, m) : null, d.M("J2").Call.DueAt);
        Assert.Equal(toCall, d.Has("smsNotSent"));
        Assert.Equal(toCall ? SmsStatus.Skipped : SmsStatus.ToSend, d.M("J2").Sms.Status);
    }
}
