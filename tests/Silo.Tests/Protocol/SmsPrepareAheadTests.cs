using FollowUp.Silo.Protocol;
using static FollowUp.Tests.Protocol.ProtocolDriver;

namespace FollowUp.Tests.Protocol;

/// <summary>
/// A milestone SMS is recorded "to send" (token and text durable) up to SmsPrepareAhead before its hour, and handed
/// over at the hour: the hour's wave only sends. Until its hour it is not handed over, a STOP cancels it, and the
/// latest-SMS rule and the SMS wait count from its hour's day and its actual send.
/// </summary>
public class SmsPrepareAheadTests
{
    private static readonly DateOnly Monday = D("2026-11-23"); // J2 = Wednesday 25
    private static readonly DateOnly J2 = Monday.AddDays(2);
    private static readonly ProtocolSettings Ahead = ProtocolSettings.Default with { SmsPrepareAhead = TimeSpan.FromMinutes(10) };

    [Fact]
    public void The_SMS_is_recorded_to_send_ahead_of_its_hour_and_handed_over_at_the_hour()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday, settings: Ahead);
        Assert.Equal(At(J2, 8, 50), FollowUpProtocol.NextWake(d.State, At(J2, 0, 0), Ahead)); // woken ahead of the hour

        Assert.Empty(FollowUpProtocol.Wake(d.State, At(J2, 8, 49), Ahead));
        Assert.Equal(SmsStatus.Planned, d.M("J2").Sms.Status);
        Assert.Empty(FollowUpProtocol.Wake(d.State, At(J2, 8, 50), Ahead)); // recorded "to send", not handed over
        Assert.Equal(SmsStatus.ToSend, d.M("J2").Sms.Status);
        Assert.True(FollowUpProtocol.IsPrepared(d.M("J2").Sms, At(J2, 8, 50)));
        Assert.Equal(At(J2, 9, 0), FollowUpProtocol.NextWake(d.State, At(J2, 8, 50), Ahead)); // woken again at the hour
        Assert.Empty(FollowUpProtocol.Wake(d.State, At(J2, 8, 59), Ahead));

        var sms = Assert.Single(FollowUpProtocol.Wake(d.State, At(J2, 9, 0), Ahead));
        Assert.Equal("J2", sms.MilestoneId);
        Assert.False(FollowUpProtocol.IsPrepared(d.M("J2").Sms, At(J2, 9, 0)));
        Assert.Single(d.State.Timeline, e => e.Event == "smsQueued");
        FollowUpProtocol.SmsSent(d.State, "J2", At(J2, 9, 1));
        Assert.Equal(At(J2, 13, 1), FollowUpProtocol.NextWake(d.State, At(J2, 9, 1), Ahead)); // the wait counts from the send
    }

    [Fact]
    public void A_STOP_before_the_hour_cancels_the_SMS_recorded_ahead_and_the_call_takes_over()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday, settings: Ahead);
        FollowUpProtocol.Wake(d.State, At(J2, 8, 55), Ahead);
        Assert.NotNull(d.M("J2").Sms.MessageId);
        d.M("J2").Sms.PendingText = "texte"; // as the grain records it

        FollowUpProtocol.SmsReplyReceived(d.State, "STOP", At(J2, 8, 57), Ahead);

        Assert.Equal(SmsStatus.Skipped, d.M("J2").Sms.Status);
        Assert.Null(d.M("J2").Sms.PendingText);
        Assert.Empty(FollowUpProtocol.Wake(d.State, At(J2, 9, 0), Ahead));
        Assert.Equal(At(J2, 9, 0), d.M("J2").Call.DueAt);
    }

    [Fact]
    public void An_SMS_handed_over_at_its_hour_is_no_longer_cancelled_by_a_STOP()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday, settings: Ahead);
        FollowUpProtocol.Wake(d.State, At(J2, 8, 55), Ahead);
        Assert.Single(FollowUpProtocol.Wake(d.State, At(J2, 9, 0), Ahead)); // being handed over (not recorded sent yet)

        FollowUpProtocol.SmsReplyReceived(d.State, "STOP", At(J2, 9, 0), Ahead);

        Assert.Equal(SmsStatus.ToSend, d.M("J2").Sms.Status); // its fate is the gateway's: sent or found sent by its tag
    }

    [Fact]
    public void An_SMS_recorded_the_evening_before_its_hour_counts_the_latest_SMS_time_of_its_own_day()
    {
        var early = Ahead with { SmsTime = new TimeOnly(0, 5), SmsPrepareAhead = TimeSpan.FromMinutes(30) };
        var d = new ProtocolDriver(PersonKind.Contact, Monday, settings: early);
        Assert.Empty(FollowUpProtocol.Wake(d.State, At(J2.AddDays(-1), 23, 40), early)); // the day before, after its SmsLatest

        Assert.Equal(SmsStatus.ToSend, d.M("J2").Sms.Status); // not sent to the call list for the day before's SmsLatest
        Assert.Equal(J2, FollowUpProtocol.SmsDay(d.M("J2").Sms, At(J2.AddDays(-1), 23, 40), early));
        Assert.Equal(At(J2.AddDays(1), 0, 0), FollowUpProtocol.QuestionnaireExpiresAt(d.M("J2").Sms, At(J2.AddDays(-1), 23, 40), early));
        Assert.Single(FollowUpProtocol.Wake(d.State, At(J2, 0, 5), early));
    }

    [Fact]
    public void Without_preparation_the_SMS_is_recorded_and_handed_over_at_its_hour_as_before()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        Assert.Equal(At(J2, 9, 0), FollowUpProtocol.NextWake(d.State, At(J2, 0, 0), d.Settings));
        Assert.Empty(FollowUpProtocol.Wake(d.State, At(J2, 8, 59), d.Settings));
        Assert.Single(FollowUpProtocol.Wake(d.State, At(J2, 9, 0), d.Settings));
    }
}
