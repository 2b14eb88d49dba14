using FollowUp.Silo.Protocol;
using static FollowUp.Tests.Protocol.ProtocolDriver;

namespace FollowUp.Tests.Protocol;

/// <summary>A callback arranged outside a call (API: POST /api/persons/{id}/callback).</summary>
public class CallbackProtocolTests
{
    private static readonly DateOnly Monday = D("2026-11-23"); // J2 = Wednesday 25

    [Fact]
    public void The_due_call_moves_to_the_callback_time_and_is_journaled()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(D("2026-11-25"), 14, 0)); // SMS at 09:00 unanswered: J2's call due at 13:00
        var at = At(D("2026-11-25"), 17, 30);
        var r = FollowUpProtocol.ScheduleCallback(d.State, at, d.Now, Actors.Api("crm"), d.Settings);
        Assert.Equal(CallActionStatus.Ok, r.Status);
        Assert.Equal(at, d.M("J2").Call.DueAt);
        Assert.Equal(at, d.M("J2").Call.CallbackAt);
        var entry = d.State.Timeline[^1];
        Assert.Equal(("callbackScheduled", "api:crm", "J2:2026-11-25T16:30:00Z"), (entry.Event, entry.Actor, entry.Detail));
        Assert.Null(FollowUpProtocol.DueCall(d.State, d.Now)); // not due before the callback time
        Assert.Equal("J2", FollowUpProtocol.DueCall(d.State, at)!.Id);
    }

    [Fact]
    public void A_contact_whose_day_has_come_gets_its_call_at_the_callback_time()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        d.RunUntil(At(D("2026-11-25"), 10, 0)); // SMS sent, still waiting for the questionnaire
        var at = At(D("2026-11-25"), 11, 0);
        Assert.Equal(CallActionStatus.Ok, FollowUpProtocol.ScheduleCallback(d.State, at, d.Now, Actors.Api("crm"), d.Settings).Status);
        Assert.Equal(at, d.M("J2").Call.DueAt);
    }

    [Fact]
    public void Refused_in_the_past_before_any_contact_after_the_end_and_while_an_operator_holds_the_call()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday);
        Assert.Equal(CallActionStatus.Invalid, FollowUpProtocol.ScheduleCallback(d.State, d.Now.AddMinutes(-1), d.Now, "api:x", d.Settings).Status);
        Assert.Equal(CallActionStatus.Conflict, FollowUpProtocol.ScheduleCallback(d.State, d.Now.AddHours(1), d.Now, "api:x", d.Settings)
            .Status); // J2 is ahead

        d.RunUntil(At(D("2026-11-25"), 14, 0));
        d.Claim();
        Assert.Equal(CallActionStatus.Conflict, FollowUpProtocol.ScheduleCallback(d.State, d.Now.AddHours(1), d.Now, "api:x", d.Settings).Status);

        FollowUpProtocol.End(d.State, EndReason.Moved, null, d.Now, "staff:a");
        Assert.Equal(CallActionStatus.Conflict, FollowUpProtocol.ScheduleCallback(d.State, d.Now.AddHours(1), d.Now, "api:x", d.Settings).Status);
    }
}
