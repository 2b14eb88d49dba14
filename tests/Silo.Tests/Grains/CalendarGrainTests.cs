using FollowUp.Silo.Grains;

namespace FollowUp.Tests.Grains;

/// <summary>The calendar grain owns the rules of opening hours (the API and the Admin page only report what it refuses).</summary>
public class CalendarGrainTests
{
    private static readonly DayHours NineToSeven = new(new TimeOnly(9, 0), new TimeOnly(19, 0));

    [Fact]
    public void The_default_hours_are_accepted() => Assert.True(CalendarGrain.Check(OpeningHours.Default).Saved);

    [Fact]
    public void A_week_without_seven_days_is_refused()
    {
        var change = CalendarGrain.Check(new OpeningHours { Days = [NineToSeven, NineToSeven] });
        Assert.Equal([new SettingProblem("days", "7 entries, Sunday first")], change.Problems);
    }

    [Fact]
    public void A_day_closing_before_it_opens_is_refused_naming_the_day()
    {
        var monday = new DayHours(new TimeOnly(19, 0), new TimeOnly(9, 0));
        var change = CalendarGrain.Check(new OpeningHours { Days = [null, monday, NineToSeven, NineToSeven, NineToSeven, NineToSeven, null] });
        Assert.False(change.Saved);
        Assert.Equal(1, Assert.Single(change.Problems).Day);
        Assert.Equal(["day 1: open must be before close"], change.ByField()["days"]);
    }
}
