using FollowUp.Silo.Protocol;
using static FollowUp.Tests.Protocol.ProtocolDriver;

namespace FollowUp.Tests.Protocol;

/// <summary>Same-day retry (issue 16): "l'appel est renouvelé une fois dans la journée".</summary>
public class RetryTests
{
    private static readonly DateOnly Wednesday = D("2026-11-25"); // open 09:00–19:00
    private static readonly PlatformCalendar Calendar = new(OpeningHours.Default, Paris);

    [Theory]
    // failed call  gap    min gap  expected retry (local)   late   why
    [InlineData("10:00", "02:00", "00:30", "2026-11-25 12:00", false)] // the full gap fits
    [InlineData("16:59", "02:00", "00:30", "2026-11-25 18:59", false)] // the full gap fits, just
    [InlineData("17:00", "02:00", "00:30", "2026-11-25 18:30", false)] // would fall at closing: shrinks, leaving 30 min
    [InlineData("17:30", "02:00", "00:30", "2026-11-25 18:30", false)]
    [InlineData("18:10", "02:00", "00:30", "2026-11-25 18:40", false)] // never under the minimum gap
    [InlineData("18:30", "02:00", "00:30", "2026-11-25 18:59", false)] // exactly the minimum left: the last minute
    [InlineData("18:31", "02:00", "00:30", "2026-11-26 09:00", true)]  // less than the minimum left: next opening
    [InlineData("19:10", "02:00", "00:30", "2026-11-26 09:00", true)]  // after closing
    [InlineData("17:00", "01:00", "00:15", "2026-11-25 18:00", false)] // configured gaps
    [InlineData("18:00", "01:00", "00:15", "2026-11-25 18:45", false)]
    [InlineData("18:50", "01:00", "00:15", "2026-11-26 09:00", true)]
    public void The_retry_falls_before_closing_whenever_the_minimum_gap_remains(string failedAt, string gap, string minGap, string expected,
        bool late)
    {
        var p = ProtocolSettings.Default with { RetryGap = TimeSpan.Parse(gap), RetryMinGap = TimeSpan.Parse(minGap) };
        var (at, isLate) = FollowUpProtocol.RetryAt(At(Wednesday, failedAt), p, Calendar);
        Assert.Equal(DateTime.Parse(expected), TimeZoneInfo.ConvertTime(at, Paris).DateTime);
        Assert.Equal(late, isLate);
    }

    [Fact]
    public void Saturday_evening_retry_goes_to_monday_as_a_late_retry()
    {
        var (at, late) = FollowUpProtocol.RetryAt(At(D("2026-11-28"), "18:45"), ProtocolSettings.Default, Calendar);
        Assert.Equal(At(D("2026-11-30"), 9, 0), at);
        Assert.True(late);
    }

    [Fact]
    public void A_failed_call_late_in_the_day_is_retried_the_same_day_then_unreachable()
    {
        var d = new ProtocolDriver(PersonKind.Contact, D("2026-11-23"));
        d.RunUntil(At(Wednesday, 17, 25));
        d.Outcome(CallOutcome.NoAnswer); // ends 17:30
        Assert.Equal(At(Wednesday, 18, 30), d.M("J2").Call.DueAt);
        Assert.False(d.Has("retryLate"));
        Assert.Null(FollowUpProtocol.DueCall(d.State, At(Wednesday, 18, 29)));
        d.RunUntil(At(Wednesday, 18, 30));
        d.Outcome(CallOutcome.Busy);
        Assert.Equal(MilestoneOutcome.Unreachable, d.M("J2").Outcome);
        Assert.All(d.M("J2").Call.Attempts, a => Assert.Equal(Wednesday, Calendar.LocalDate(a.EndedAt)));
    }

    [Fact]
    public void A_late_retry_is_marked_on_the_timeline()
    {
        var d = new ProtocolDriver(PersonKind.Contact, D("2026-11-23"));
        d.RunUntil(At(Wednesday, 18, 40));
        d.Outcome(CallOutcome.Voicemail); // ends 18:45: 15 min left
        Assert.Equal(At(D("2026-11-26"), 9, 0), d.M("J2").Call.DueAt);
        Assert.True(d.Has("retryLate"));
    }

}
