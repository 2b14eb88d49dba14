using FollowUp.Silo.Protocol;
using static FollowUp.Tests.Protocol.ProtocolDriver;

namespace FollowUp.Tests.Protocol;

/// <summary>Preferred call window (issue 16): asked at J2, kept on the person, calls made inside it are marked.</summary>
public class CallWindowTests
{
    private static readonly DateOnly Monday = D("2026-11-23"), Wednesday = D("2026-11-25");

    [Theory]
    [InlineData("morning", "morning", "09:00", "12:00")]
    [InlineData("Evening", "evening", "17:00", "20:00")]
    [InlineData("10:00-11:30", "10:00-11:30", "10:00", "11:30")]
    [InlineData("9h-10h", "09:00-10:00", "09:00", "10:00")]
    [InlineData("14:00 – 16:00", "14:00-16:00", "14:00", "16:00")]
    [InlineData("11:00-10:00", null, null, null)] // backwards
    [InlineData("10:00-10:05", null, null, null)] // under 15 minutes
    [InlineData("tomorrow", null, null, null)]
    public void Windows_are_presets_or_time_ranges(string raw, string? normalized, string? from, string? to)
    {
        var ok = CallWindows.TryParse(raw, out var f, out var t, out var n);
        Assert.Equal(normalized is not null, ok);
        if (!ok) return;
        Assert.Equal((normalized, TimeOnly.Parse(from!), TimeOnly.Parse(to!)), (n, f, t));
    }

    [Fact]
    public void The_j2_answer_sets_the_window_and_calls_inside_it_are_counted()
    {
        var d = new ProtocolDriver(PersonKind.Contact, Monday, vulnerable: true);
        d.RunUntil(At(Wednesday, 10, 0));
        d.Answer("J2", new Answers
        {
            Consent = true,
            RulesReminded = true,
            Difficulty = Difficulty.None,
            SociallyVulnerable = true,
            PreferredCallWindow = "afternoon"
        });
        Assert.Equal("afternoon", d.State.CallWindow);
        d.RunUntil(At(Wednesday, 13, 0)); // vulnerable: called anyway after the wait
        d.Outcome(CallOutcome.NoAnswer);  // 13:00–13:05: outside the window
        Assert.False(d.Has("callInWindow"));
        d.RunUntil(At(Wednesday, 15, 10));
        d.Outcome(CallOutcome.Reached, new Answers { Consent = true, PreferredCallWindow = "10:00-11:00" }); // 15:10: inside; the person changes it
        Assert.Single(d.State.Timeline, e => e.Event == "callInWindow");
        Assert.Equal("10:00-11:00", d.State.CallWindow);
    }

    [Fact]
    public void An_invalid_window_changes_nothing_and_null_clears_it()
    {
        var d = new ProtocolDriver(PersonKind.Case, Monday);
        FollowUpProtocol.SetCallWindow(d.State, "midday", d.Now, "staff:sup");
        FollowUpProtocol.SetCallWindow(d.State, "whenever", d.Now, "staff:sup");
        Assert.Equal("midday", d.State.CallWindow);
        FollowUpProtocol.SetCallWindow(d.State, null, d.Now, "staff:sup");
        Assert.Null(d.State.CallWindow);
    }
}
