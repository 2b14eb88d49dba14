using FollowUp.Silo.Protocol;
using FollowUp.Silo.Reporting;

namespace FollowUp.Tests.Reporting;

/// <summary>The reporting grain's live counters: fed event by event, idempotent, snapshot figures computed by hand.</summary>
public class LiveFiguresTests
{
    private static readonly DateOnly Day = new(2026, 11, 25);
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid();

    private static PersonEvent E(Guid person, int seq, int hourUtc, string name, string? detail = null) =>
        new(person, seq, new DateTimeOffset(Day.ToDateTime(new TimeOnly(hourUtc, 0)), TimeSpan.Zero), name, Actors.System, detail);

    [Fact]
    public void Each_event_counts_once_and_the_snapshot_adds_the_queue()
    {
        var live = new LiveFigures(Day);
        PersonEvent[] events =
        [
            E(A, 1, 8, "included"), E(A, 2, 8, "smsSent", "J2"), E(B, 1, 8, "smsSent", "J2"), E(A, 3, 9, "questionnaireAnswered", "J2"),
            E(A, 4, 9, "callOutcome", "J2:Reached:1:420:"), E(B, 2, 13, "callOutcome", "J4:NoAnswer:1:30:"),
        ];
        foreach (var e in events.Concat(events)) live.Add(e, Zones.Paris); // a batch sent twice counts once

        var s = live.Snapshot(DateTimeOffset.UnixEpoch, (Queue: 3, RemainingToday: 5), []);
        Assert.Equal((2, 2, 1, 1), (s.CallsMade, s.SmsSent, s.QuestionnairesCompleted, s.Inclusions));
        Assert.Equal(50.0, s.SmsAnswerRatePercent);
        Assert.Equal(new Dictionary<string, int> { ["reached"] = 1, ["noAnswer"] = 1 }, s.Outcomes);
        Assert.Equal(1, s.CallsPerHourByType["J2"][10]); // 09:00 UTC = 10:00 Paris
        Assert.Equal(1, s.CallsPerHourByType["J4"][14]);
        Assert.Equal(2, s.CallsPerHour.Sum());
        Assert.Equal((420.0, 30.0), (s.MeanCallSecondsByType["J2"], s.MeanCallSecondsByType["J4"]));
        Assert.Null(s.MeanCallSecondsByType["J9"]);
        Assert.Equal((3, 5, 7), (s.QueueLength, s.CallsRemainingToday, s.CallsToMakeToday)); // made + remaining
    }

    [Fact]
    public void Without_sms_there_is_no_answer_rate() =>
        Assert.Null(new LiveFigures(Day).Snapshot(DateTimeOffset.UnixEpoch, (0, 0), []).SmsAnswerRatePercent);
}
