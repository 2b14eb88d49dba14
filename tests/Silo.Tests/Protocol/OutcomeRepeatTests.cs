using FollowUp.Silo.Protocol;
using static FollowUp.Tests.Protocol.ProtocolDriver;

namespace FollowUp.Tests.Protocol;

/// <summary>
/// An outcome request sent again after its answer was lost is known by its id (<see cref="FollowUpProtocol.IsRepeat"/>):
/// answered as the first time by the grain, recorded once; another request for the ended call stays a conflict.
/// </summary>
public class OutcomeRepeatTests
{
    [Fact]
    public void The_request_that_recorded_the_outcome_is_a_repeat_another_is_not()
    {
        var d = new ProtocolDriver(PersonKind.Contact, D("2026-11-23"));
        d.RunUntil(At(D("2026-11-25"), 13, 0));
        var callId = d.Claim();
        var request = new OutcomeRequest(CallOutcome.NoAnswer, null, Answers.Empty, null, RequestId: Guid.NewGuid());
        Assert.False(FollowUpProtocol.IsRepeat(d.State, callId, request.RequestId)); // not recorded yet
        Assert.Equal(CallActionStatus.Ok, FollowUpProtocol.RecordOutcome(d.State, callId, "op1", request, d.Now, d.Settings, d.Calendar).Status);

        Assert.True(FollowUpProtocol.IsRepeat(d.State, callId, request.RequestId));
        Assert.False(FollowUpProtocol.IsRepeat(d.State, callId, Guid.NewGuid()));
        Assert.False(FollowUpProtocol.IsRepeat(d.State, callId, null));
        Assert.False(FollowUpProtocol.IsRepeat(d.State, "another-call", request.RequestId));
        Assert.Equal(CallActionStatus.Conflict, FollowUpProtocol.RecordOutcome(d.State, callId, "op1",
            request with { RequestId = Guid.NewGuid() }, d.Now, d.Settings, d.Calendar).Status);
        Assert.Single(d.M("J2").Call.Attempts);
        Assert.Equal(request.RequestId, d.M("J2").Call.Attempts[0].RequestId);
    }
}
