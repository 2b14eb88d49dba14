using FollowUp.Silo.Protocol;
using FollowUp.Silo.Reporting;

namespace FollowUp.Tests.Reporting;

/// <summary>
/// The daily report computed from a hand-written timeline (no platform): each figure checked against what the events
/// say, with events of the day before that must not count and a closed day.
/// </summary>
public class DailyReportsTests
{
    private static readonly DateOnly Wednesday = new(2026, 11, 25);
    private static readonly PlatformCalendar Calendar = new(OpeningHours.Default, Zones.Paris); // Mon–Sat 9–19 Paris (08:00–18:00 UTC in November)

    private static readonly Guid A = new("00000000-0000-0000-0000-00000000000a"), B = new("00000000-0000-0000-0000-00000000000b"),
        C = new("00000000-0000-0000-0000-00000000000c"), D = new("00000000-0000-0000-0000-00000000000d"),
            E = new("00000000-0000-0000-0000-00000000000e");

    /// <summary>An instant in UTC on <paramref name="day"/> (default: the report's Wednesday).</summary>
    private static DateTimeOffset Utc(int hour, int minute = 0, DateOnly? day = null) =>
        new((day ?? Wednesday).ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    private static List<PersonEvent> Timeline(params (Guid Person, DateTimeOffset At, string Event, string? Detail)[] events) =>
        events.Select((e, i) => new PersonEvent(e.Person, i, e.At, e.Event, Actors.System, e.Detail)).OrderBy(e => e.PersonId).ThenBy(e => e.Seq)
            .ToList();

    private static readonly List<PersonEvent> Day = Timeline(
        // A (J2): SMS yesterday, no answer by the wait's end, called and reached today, found vulnerable and referred to the CTAI.
        (A, Utc(8, 0, Wednesday.AddDays(-1)), "smsSent", "J2"),
        (A, Utc(7, 0), "callDue", "J2:noAnswer:2026-11-25T07:00:00Z"),
        (A, Utc(9, 0), "callOutcome", "J2:Reached:1:420:"),
        (A, Utc(9, 0), "vulnerabilityAssessed", "J2:true"),
        (A, Utc(9, 0), "ctaiReferral", "J2:75:housing"),
        // B (J4): called without answer at 11:00, retry at 12:00 never made (carried over).
        (B, Utc(8, 0), "callDue", "J4:certain:2026-11-25T08:00:00Z"),
        (B, Utc(11, 0), "callOutcome", "J4:NoAnswer:1:30:"),
        (B, Utc(11, 0), "retryScheduled", "J4:2026-11-25T12:00:00Z"),
        // C: SMS today, delivered, questionnaire answered, then refused the follow-up.
        (C, Utc(8, 0), "smsSent", "J7"),
        (C, Utc(8, 1), "smsDelivered", "J7"),
        (C, Utc(8, 30), "questionnaireAnswered", "J7"),
        (C, Utc(8, 30), "testNotDone", "J7"),
        (C, Utc(8, 31), "followUpEnded", "Refused:noTime"),
        // D: included today, SMS sent, unreachable; positive at J7 declared.
        (D, Utc(10, 0), "included", null),
        (D, Utc(10, 5), "smsSent", "J2"),
        (D, Utc(15, 0), "unreachable", "J2"),
        (D, Utc(16, 0), "positiveDeclared", "J7"),
        // E: a wrong number, then dropped out (hospitalised) with free text.
        (E, Utc(12, 0), "wrongNumber", "J9"),
        (E, Utc(12, 1), "followUpEnded", "Dropout:hospitalised: taken to hospital"));

    [Fact]
    public void Every_figure_of_a_simulated_day_matches_its_events()
    {
        var r = DailyReports.Compute(Wednesday, Day, personsInFollowUp: 42, Calendar);

        Assert.Equal(Wednesday, r.Date);
        // Calls: A's J2 (made), B's J4 first attempt (made) and B's retry (still open at closing).
        Assert.Equal((3, 1, 33.3), (r.CallsToMake, r.CallsNotMade, r.CallsNotMadePercent));
        Assert.Equal(2, r.CallsMade);
        Assert.Equal((1, 1, 0), (r.CallsMadeByType["J2"], r.CallsMadeByType["J4"], r.CallsMadeByType["J7"]));
        Assert.Equal(225.0, r.MeanCallSeconds); // (420 + 30) / 2
        Assert.Equal((420.0, 30.0), (r.MeanCallSecondsByType["J2"], r.MeanCallSecondsByType["J4"]));
        Assert.Null(r.MeanCallSecondsByType["J9"]);
        Assert.Equal(new Dictionary<string, int> { ["reached"] = 1, ["noAnswer"] = 1 }, r.OutcomesByType);
        Assert.Equal((0, 0), (r.Retries, r.LateRetries));

        // Art. 3.2 items.
        Assert.Equal((1, 1), (r.VulnerableIdentified, r.VulnerableReferredToCtai));
        Assert.Equal(1, r.QuestionnairesNotReturned); // A's SMS: no answer by the wait's end
        Assert.Equal(new Dictionary<string, int> { ["noTime"] = 1 }, r.RefusalsByReason);
        Assert.Equal(new Dictionary<string, int> { ["hospitalised"] = 1 }, r.DropoutsByReason);
        Assert.Equal(1, r.ContactsWithoutTestAtJ7);
        Assert.Equal(1, r.PositivesAtJ7);

        // SMS and questionnaires of the day only (A's SMS was yesterday).
        Assert.Equal((2, 1, 1), (r.SmsSent, r.SmsDelivered, r.QuestionnairesCompleted));
        Assert.Equal(2, r.Unreachable); // unreachable + wrong number
        Assert.Equal((42, 1), (r.PersonsInFollowUp, r.Inclusions));
    }

    [Fact]
    public void A_person_found_vulnerable_one_day_and_referred_the_next_counts_on_the_second_day_only()
    {
        var events = Timeline(
            (A, Utc(9, 0, Wednesday.AddDays(-1)), "vulnerabilityAssessed", "J2:true"),
            (A, Utc(9, 0), "ctaiReferral", "J2:75:housing"),
            (B, Utc(9, 0), "vulnerabilityAssessed", "J4:true"), // not the first contact
            (B, Utc(9, 1), "ctaiReferral", "J4:75:housing"),
            (C, Utc(9, 0), "vulnerabilityAssessed", "J2:false"),
            (C, Utc(9, 1), "ctaiReferral", "J2:75:other")); // referred, not vulnerable
        var yesterday = DailyReports.Compute(Wednesday.AddDays(-1), events, 0, Calendar);
        var today = DailyReports.Compute(Wednesday, events, 0, Calendar);
        Assert.Equal((1, 0), (yesterday.VulnerableIdentified, yesterday.VulnerableReferredToCtai));
        Assert.Equal((0, 1), (today.VulnerableIdentified, today.VulnerableReferredToCtai));
    }

    [Fact]
    public void On_a_closed_day_there_is_no_call_to_make()
    {
        var sunday = Wednesday.AddDays(4);
        var events = Timeline((A, Utc(8, 0, sunday), "callDue", "J2:noAnswer:2026-11-29T08:00:00Z"));
        var r = DailyReports.Compute(sunday, events, 1, Calendar);
        Assert.Equal((0, 0, 0.0), (r.CallsToMake, r.CallsNotMade, r.CallsNotMadePercent));
    }

    [Fact]
    public void Per_department_figures_add_up_to_the_whole()
    {
        var departments = new Dictionary<Guid, string> { [A] = "75", [B] = "92", [C] = "75", [D] = "92", [E] = "93" };
        var inFollowUp = new Dictionary<string, int> { ["75"] = 20, ["92"] = 22 };
        var r = DailyReports.ComputeByDepartment(Wednesday, Day, departments, inFollowUp, Calendar);
        Assert.Equal(42, r.PersonsInFollowUp);
        Assert.Equal(["75", "92", "93"], r.ByDepartment!.Keys);
        Assert.Equal(r.CallsMade, r.ByDepartment.Values.Sum(d => d.CallsMade));
        Assert.Equal(r.SmsSent, r.ByDepartment.Values.Sum(d => d.SmsSent));
        Assert.Equal((1, 0, 1), (r.ByDepartment["75"].CallsToMake, r.ByDepartment["75"].CallsNotMade, r.ByDepartment["75"].VulnerableReferredToCtai));
        Assert.Equal((2, 1), (r.ByDepartment["92"].CallsToMake, r.ByDepartment["92"].CallsNotMade));
        Assert.Equal((0, 1), (r.ByDepartment["93"].PersonsInFollowUp, r.ByDepartment["93"].Unreachable));
    }
}
