using FollowUp.Silo.Protocol;
using FollowUp.Silo.Reporting;

namespace FollowUp.Tests.Reporting;

/// <summary>
/// The referral indicators of the "Informations complémentaires" catalogue (issue 16 §5: the J4 "équipes mobiles" referral is
/// recorded like the CTAI referral, so the ARS can count both), on a hand-written Wednesday (Paris, UTC+1).
/// </summary>
public class ReferralIndicatorsTests
{
    private static readonly DateOnly Wednesday = new(2026, 11, 25);
    private static readonly PlatformCalendar Calendar = new(OpeningHours.Default, Zones.Paris);
    private static readonly Guid P1 = new("00000000-0000-0000-0000-000000000011"), P2 = new("00000000-0000-0000-0000-000000000012"),
        P3 = new("00000000-0000-0000-0000-000000000013");

    private static DateTimeOffset At(int hour, int dayOffset = 0) =>
        new(Wednesday.AddDays(dayOffset).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    private static readonly List<PersonEvent> Day = new (Guid Person, DateTimeOffset At, string Event, string Detail)[]
    {
        // P1 (13): referred at J2 by the questionnaire, then again by the operator's J2 call (one contact), and at J4 to
        // both the CTAI and the mobile team. P2 (83): J4 mobile team only. P3 (83): J2 referral yesterday (not today).
        (P1, At(8), "ctaiReferral", "J2:13:food"),
        (P1, At(10), "ctaiReferral", "J2:13:food"),
        (P1, At(14), "ctaiReferral", "J4:13:housing"),
        (P1, At(14), "mobileTeamReferral", "J4:13"),
        (P2, At(15), "mobileTeamReferral", "J4:83"),
        (P3, At(9, -1), "ctaiReferral", "J2:83:care"),
    }.Select((e, i) => new PersonEvent(e.Person, i, e.At, e.Event, Actors.System, e.Detail)).ToList();

    private static double? Of(DailyReport r, string id) => r.AdditionalIndicators.Single(i => i.Id == id).Number;

    [Fact]
    public void Referrals_to_the_ctai_and_to_the_mobile_teams_are_counted_once_per_contact_that_day_and_per_department()
    {
        var all = DailyReports.Compute(Wednesday, Day, personsInFollowUp: 3, Calendar);
        Assert.Equal((2.0, 2.0), (Of(all, "ctaiReferrals"), Of(all, "mobileTeamReferrals"))); // P1's J2 and J4; P1's and P2's J4
        Assert.Equal("count", all.AdditionalIndicators.Single(i => i.Id == "mobileTeamReferrals").Unit);

        var departments = new Dictionary<Guid, string> { [P1] = "13", [P2] = "83", [P3] = "83" };
        var only83 = DailyReports.ForDepartment(Wednesday, Day, departments, new Dictionary<string, int>(), "83", Calendar);
        Assert.Equal((0.0, 1.0), (Of(only83, "ctaiReferrals"), Of(only83, "mobileTeamReferrals")));
        var nextDay = DailyReports.Compute(Wednesday.AddDays(1), Day, personsInFollowUp: 3, Calendar);
        Assert.Equal((0.0, 0.0), (Of(nextDay, "ctaiReferrals"), Of(nextDay, "mobileTeamReferrals")));
    }
}
