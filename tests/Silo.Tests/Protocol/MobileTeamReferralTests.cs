using FollowUp.Silo.Protocol;
using static FollowUp.Tests.Protocol.ProtocolDriver;

namespace FollowUp.Tests.Protocol;

/// <summary>J4 "équipes mobiles" referral (issue 16): recorded like the CTAI referral.</summary>
public class MobileTeamReferralTests
{
    [Fact]
    public void A_J4_mobile_team_referral_is_on_the_timeline_with_the_department()
    {
        var d = new ProtocolDriver(PersonKind.Case, D("2026-11-23"), vulnerable: true);
        d.RunUntil(At(D("2026-11-25"), 14, 0)); // J2 (Wednesday): vulnerable → called after the SMS wait
        d.Outcome(CallOutcome.Reached, new Answers { Consent = true, RulesReminded = true, Difficulty = Difficulty.None });
        d.RunUntil(At(D("2026-11-27"), 14, 0)); // J4 (Friday)
        d.Outcome(CallOutcome.Reached, new Answers { Compliance = Compliance.Yes, MobileTeamNeeded = true });
        Assert.Contains(d.State.Timeline, e => e.Event == "mobileTeamReferral" && e.Detail == "J4:13");
    }
}
