using FollowUp.Silo.Protocol;
using static FollowUp.Tests.Protocol.ProtocolDriver;

namespace FollowUp.Tests.Protocol;

public class CalendarTests
{
    [Theory]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2027, "2027-03-28")]
    public void Easter_is_computed(int year, string easter) => Assert.Equal(D(easter), FrenchHolidays.EasterSunday(year));

    [Theory]
    [InlineData("2026-01-01", true)]
    [InlineData("2026-04-06", true)]  // Lundi de Pâques
    [InlineData("2026-05-01", true)]
    [InlineData("2026-05-08", true)]
    [InlineData("2026-05-14", true)]  // Ascension
    [InlineData("2026-05-25", true)]  // Lundi de Pentecôte
    [InlineData("2026-07-14", true)]
    [InlineData("2026-08-15", true)]
    [InlineData("2026-11-01", true)]
    [InlineData("2026-11-11", true)]
    [InlineData("2026-12-25", true)]
    [InlineData("2026-04-05", false)] // Easter Sunday is a Sunday, not a listed holiday
    [InlineData("2026-11-24", false)]
    public void French_holidays(string date, bool holiday) => Assert.Equal(holiday, FrenchHolidays.IsHoliday(D(date)));

    [Theory]
    // instant (local)          → next opening (local), default hours Mon–Sat 09–19
    [InlineData("2026-11-24", 8, 0, "2026-11-24", 9, 0)]    // Tuesday before opening
    [InlineData("2026-11-24", 13, 0, "2026-11-24", 13, 0)]  // open
    [InlineData("2026-11-24", 19, 0, "2026-11-25", 9, 0)]   // closing time is closed
    [InlineData("2026-11-28", 13, 0, "2026-11-28", 13, 0)]  // Saturday open
    [InlineData("2026-11-29", 13, 0, "2026-11-30", 9, 0)]   // Sunday → Monday
    [InlineData("2026-12-24", 20, 0, "2026-12-26", 9, 0)]   // Christmas (Friday) skipped
    [InlineData("2026-03-29", 10, 0, "2026-03-30", 9, 0)]   // DST starts on this Sunday
    [InlineData("2026-10-24", 19, 30, "2026-10-26", 9, 0)]  // DST ends on Sunday 25
    [InlineData("2026-05-13", 18, 0, "2026-05-13", 18, 0)]
    [InlineData("2026-05-13", 20, 0, "2026-05-15", 9, 0)]   // Ascension Thursday skipped
    public void Next_opening(string date, int h, int m, string expDate, int eh, int em)
    {
        var cal = new PlatformCalendar(OpeningHours.Default, Paris);
        Assert.Equal(At(D(expDate), eh, em), cal.NextOpenAt(At(D(date), h, m)));
    }

    [Fact]
    public void Dst_offsets_are_right()
    {
        Assert.Equal(TimeSpan.FromHours(1), At(D("2026-03-28"), 9, 0).Offset);
        Assert.Equal(TimeSpan.FromHours(2), At(D("2026-03-30"), 9, 0).Offset);
        Assert.Equal(TimeSpan.FromHours(1), At(D("2026-10-26"), 9, 0).Offset);
    }

    [Fact]
    public void Ars_opening_sundays_and_holidays_takes_effect()
    {
        var days = OpeningHours.Default.Days.ToArray();
        days[0] = new DayHours(new TimeOnly(10, 0), new TimeOnly(16, 0));
        var cal = new PlatformCalendar(new OpeningHours { Days = days, OpenOnHolidays = true }, Paris);
        Assert.Equal(At(D("2026-11-29"), 10, 0), cal.NextOpenAt(At(D("2026-11-29"), 8, 0)));
        Assert.Equal(At(D("2026-12-25"), 9, 0), cal.NextOpenAt(At(D("2026-12-25"), 7, 0)));
    }
}
