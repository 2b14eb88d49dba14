using System.Text.Json;
using FollowUp.Silo.Protocol;
using FollowUp.Silo.Reporting;

namespace FollowUp.Tests.Reporting;

/// <summary>
/// "Informations complémentaires" computed from a hand-written Wednesday (Paris, UTC+1 in November): every indicator
/// of the catalogue against the value worked out by hand from the events below.
/// </summary>
public class AdditionalIndicatorsTests
{
    private static readonly DateOnly Wednesday = new(2026, 11, 25);
    private static readonly PlatformCalendar Calendar = new(OpeningHours.Default, Zones.Paris);

    private static readonly Guid P1 = new("00000000-0000-0000-0000-000000000001"), P2 = new("00000000-0000-0000-0000-000000000002"),
        P3 = new("00000000-0000-0000-0000-000000000003"), P4 = new("00000000-0000-0000-0000-000000000004"),
        P5 = new("00000000-0000-0000-0000-000000000005"), P6 = new("00000000-0000-0000-0000-000000000006");

    private static DateTimeOffset At(int hour, int minute = 0, int dayOffset = 0) =>
        new(Wednesday.AddDays(dayOffset).ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    private static List<PersonEvent> Timeline(params (Guid Person, DateTimeOffset At, string Event, string? Detail)[] events) =>
        events.Select((e, i) => new PersonEvent(e.Person, i, e.At, e.Event, Actors.System, e.Detail)).OrderBy(e => e.PersonId).ThenBy(e => e.Seq)
            .ToList();

    private static readonly List<PersonEvent> Day = Timeline(
        // SMS sent today: P1, P2, P3 (3). Delivered today: P1 (sent today) and P4 (sent yesterday). Answered today: P1, P6.
        (P1, At(8, 0), "smsSent", "J2"),
        (P1, At(8, 1), "smsDelivered", "J2"),
        (P1, At(8, 30), "questionnaireAnswered", "J2"),
        (P2, At(8, 0), "smsSent", "J2"),
        (P3, At(8, 0), "smsSent", "J7"),
        (P4, At(8, 0, -1), "smsSent", "J9"),
        (P4, At(7, 30), "smsDelivered", "J9"),
        (P6, At(8, 0, -1), "smsSent", "J2"),
        (P6, At(8, 5, -1), "smsDelivered", "J2"),
        (P6, At(7, 45), "questionnaireAnswered", "J2"),
        // Calls (local hour = UTC + 1): P3 J7 no answer at 10h (30 s), retried and reached at 12h (240 s, attempt 2);
        // P5 J2 reached at 10h (420 s), J4 no answer at 17h (60 s) with the retry going to the next opening (late).
        (P3, At(9, 10), "callOutcome", "J7:NoAnswer:1:30:"),
        (P3, At(9, 10), "retryScheduled", "J7:2026-11-25T11:10:00Z"),
        (P3, At(11, 20), "callOutcome", "J7:Reached:2:240:"),
        (P5, At(9, 40), "callOutcome", "J2:Reached:1:420:"),
        (P5, At(16, 50), "callOutcome", "J4:NoAnswer:1:60:"),
        (P5, At(16, 50), "retryScheduled", "J4:2026-11-26T08:00:00Z"),
        (P5, At(16, 50), "retryLate", "J4"),
        // The day before: must not count.
        (P5, At(10, 0, -1), "callOutcome", "J9:Reached:3:100:"),
        (P5, At(10, 0, -1), "retryLate", "J9"));

    private static AdditionalIndicator Of(DailyReport r, string id) => r.AdditionalIndicators.Single(i => i.Id == id);

    [Fact]
    public void Every_indicator_of_a_hand_written_day_has_its_hand_computed_value()
    {
        var r = DailyReports.Compute(Wednesday, Day, personsInFollowUp: 6, Calendar);

        Assert.Equal(AdditionalIndicatorCatalogue.Ids, r.AdditionalIndicators.Select(i => i.Id)); // the whole catalogue, in order
        Assert.Equal((66.7, "percent"), (Of(r, "smsAnswerRate").Number, Of(r, "smsAnswerRate").Unit));            // 2 answered ÷ 3 sent
        Assert.Equal(50.0, Of(r, "questionnaireCompletionRate").Number);  // of P1, P4 delivered today, P1 answered
        Assert.Equal(33.3, Of(r, "smsDeliveryRate").Number);              // of P1, P2, P3 sent today, P1 delivered
        var hours = new int[24];
        hours[10] = 2;
        hours[12] = 1;
        hours[17] = 1;
        Assert.Equal(hours, Of(r, "callsByHour").ByHour);
        Assert.Equal("count", Of(r, "callsByHour").Unit);
        Assert.Equal((1.5, "mean"), (Of(r, "meanAttemptsPerPersonReached").Number, Of(r, "meanAttemptsPerPersonReached").Unit)); // (2 + 1) ÷ 2
        Assert.Equal(1, Of(r, "lateRetries").Number);                     // P5's J4 (yesterday's does not count)
        Assert.Equal(25.0, Of(r, "retryRate").Number);                    // 1 second attempt of 4 calls
        Assert.Equal(50.0, Of(r, "reachedRate").Number);                  // 2 reached of 4 calls
        var byType = Of(r, "meanCallSecondsByType").ByType!;
        Assert.Equal((420.0, 60.0, 135.0), (byType["J2"], byType["J4"], byType["J7"])); // J7: (30 + 240) ÷ 2
        Assert.Null(byType["J9"]);
        Assert.Equal("seconds", Of(r, "meanCallSecondsByType").Unit);
    }

    [Fact]
    public void A_day_without_events_gives_no_rate_and_zero_counts()
    {
        var r = DailyReports.Compute(Wednesday.AddDays(7), Day, personsInFollowUp: 0, Calendar);

        foreach (var id in new[] { "smsAnswerRate", "questionnaireCompletionRate", "smsDeliveryRate", "meanAttemptsPerPersonReached", "retryRate",
            "reachedRate" })
            Assert.Null(Of(r, id).Number);
        Assert.Equal(0, Of(r, "lateRetries").Number);
        Assert.Equal(new int[24], Of(r, "callsByHour").ByHour);
        Assert.All(Of(r, "meanCallSecondsByType").ByType!.Values, v => Assert.Null(v));
    }

    [Fact]
    public void The_indicators_of_a_department_count_only_its_persons()
    {
        var departments = new Dictionary<Guid, string> { [P1] = "13", [P2] = "13", [P3] = "83", [P4] = "13", [P5] = "83", [P6] = "13" };
        var r = DailyReports.ForDepartment(Wednesday, Day, departments, new Dictionary<string, int>(), "83", Calendar);

        Assert.Equal(0.0, Of(r, "smsDeliveryRate").Number);   // P3's SMS, not delivered
        Assert.Equal(0.0, Of(r, "smsAnswerRate").Number);     // no answer of 1 sent
        Assert.Null(Of(r, "questionnaireCompletionRate").Number);
        Assert.Equal(4, Of(r, "callsByHour").ByHour!.Sum());
        var only13 = DailyReports.ForDepartment(Wednesday, Day, departments, new Dictionary<string, int>(), "13", Calendar);
        Assert.Equal(0, Of(only13, "callsByHour").ByHour!.Sum());
        Assert.Equal(100.0, Of(only13, "smsAnswerRate").Number); // P1, P6 answered ÷ P1, P2 sent
    }

    [Fact]
    public void The_json_value_is_a_number_an_hourly_array_or_an_object_by_type_and_reads_back()
    {
        var r = DailyReports.Compute(Wednesday, Day, personsInFollowUp: 6, Calendar);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var json = JsonSerializer.Serialize(r, options);
        using var doc = JsonDocument.Parse(json);
        var items = doc.RootElement.GetProperty("additionalIndicators").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.Equal(66.7, items["smsAnswerRate"].GetProperty("value").GetDouble());
        Assert.Equal("percent", items["smsAnswerRate"].GetProperty("unit").GetString());
        Assert.Equal(24, items["callsByHour"].GetProperty("value").GetArrayLength());
        Assert.Equal(135, items["meanCallSecondsByType"].GetProperty("value").GetProperty("J7").GetDouble());

        var back = JsonSerializer.Deserialize<DailyReport>(json, options)!; // a kept report reads back the same values
        Assert.Equal(Of(r, "callsByHour").ByHour, Of(back, "callsByHour").ByHour);
        Assert.Equal(Of(r, "smsAnswerRate").Number, Of(back, "smsAnswerRate").Number);
        Assert.Equal(Of(r, "meanCallSecondsByType").ByType, Of(back, "meanCallSecondsByType").ByType);
    }
}
