using FollowUp.Silo.Protocol;
using static FollowUp.Tests.Protocol.ProtocolDriver;

namespace FollowUp.Tests.Protocol;

/// <summary>
/// A delivery report's event is published without a state write: a state read back takes the events published after it
/// was written, in order, and ends where it would have if the report had been written with it.
/// </summary>
public class ReplayPublishedTests
{
    private static readonly DateOnly Monday = D("2026-11-23"); // J2 = Wednesday 25

    private static (ProtocolDriver Stored, ProtocolDriver Told) SentJ2()
    {
        var (stored, told) = (new ProtocolDriver(PersonKind.Contact, Monday), new ProtocolDriver(PersonKind.Contact, Monday));
        foreach (var d in new[] { stored, told }) d.RunUntil(At(Monday.AddDays(2), 9, 0));
        return (stored, told);
    }

    [Theory]
    [InlineData(true, "smsDelivered")]
    [InlineData(false, "smsNotDelivered")]
    public void A_report_replayed_from_its_event_gives_the_state_the_report_gave(bool delivered, string evt)
    {
        var (stored, told) = SentJ2();
        var count = told.State.Timeline.Count;
        FollowUpProtocol.SmsDeliveryReport(told.State, "J2", delivered, At(Monday.AddDays(2), 9, 1));

        FollowUpProtocol.ReplayPublished(stored.State, told.State.Timeline.Skip(count));

        Assert.Equal(told.State.Timeline, stored.State.Timeline);
        Assert.Equal(evt, stored.State.Timeline[^1].Event);
        Assert.Equal(told.M("J2").Sms.DeliveredAt, stored.M("J2").Sms.DeliveredAt);
        Assert.Equal(delivered ? At(Monday.AddDays(2), 9, 1) : null, stored.M("J2").Sms.DeliveredAt);
        Assert.Empty(FollowUpProtocol.AwaitingDeliveryReport(stored.State, At(Monday, 0, 0), At(Monday.AddDays(3), 0, 0)));
    }

    [Fact]
    public void Replayed_entries_keep_their_order_and_a_report_told_again_afterwards_changes_nothing()
    {
        var (stored, _) = SentJ2();
        var count = stored.State.Timeline.Count;
        var published = new[]
        {
            new TimelineEntry(At(Monday.AddDays(2), 9, 1), "smsDelivered", "sms", "J2"),
            new TimelineEntry(At(Monday.AddDays(2), 9, 2), "smsReply", "sms", "merci"),
        };

        FollowUpProtocol.ReplayPublished(stored.State, published);
        FollowUpProtocol.SmsDeliveryReport(stored.State, "J2", true, At(Monday.AddDays(2), 9, 5));

        Assert.Equal(published, stored.State.Timeline.Skip(count));
        Assert.Equal(At(Monday.AddDays(2), 9, 1), stored.M("J2").Sms.DeliveredAt);
    }

    [Fact]
    public void Nothing_published_after_the_state_leaves_it_as_it_is()
    {
        var (stored, told) = SentJ2();
        FollowUpProtocol.ReplayPublished(stored.State, []);
        Assert.Equal(told.State.Timeline, stored.State.Timeline);
        Assert.Null(stored.M("J2").Sms.DeliveredAt);
    }
}
