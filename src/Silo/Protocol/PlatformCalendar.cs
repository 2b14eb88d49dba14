namespace FollowUp.Silo.Protocol;

/// <summary>Opening hours of the call platform in its time zone: when a due call can really be made.</summary>
public sealed class PlatformCalendar(OpeningHours hours, TimeZoneInfo zone)
{
    public OpeningHours Hours { get; } = hours;
    public TimeZoneInfo Zone { get; } = zone;

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public DateTimeOffset ToInstant(DateOnly date, TimeOnly time) => Zones.ToInstant(date, time, Zone);

    public DayHours? HoursOn(DateOnly date)
    {
        if (!Hours.OpenOnHolidays && FrenchHolidays.IsHoliday(date)) return null;
        var days = Hours.Days;
        var index = (int)date.DayOfWeek;
        return index < days.Count ? days[index] : null;
    }

    public bool IsOpen(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var h = HoursOn(DateOnly.FromDateTime(local.DateTime));
        var t = TimeOnly.FromDateTime(local.DateTime);
        return h is not null && t >= h.Open && t < h.Close;
    }

    /// <summary>The first instant at or after <paramref name="instant"/> when the platform is open (null if closed for 3 weeks).</summary>
    public DateTimeOffset? NextOpenAt(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        for (var i = 0; i < 21; i++, date = date.AddDays(1), time = TimeOnly.MinValue)
        {
            if (HoursOn(date) is not { } h || time >= h.Close) continue;
            return time <= h.Open ? ToInstant(date, h.Open) : instant;
        }
        return null;
    }

    /// <summary>Closing instant of <paramref name="date"/> (Paris), or null when closed that day.</summary>
    public DateTimeOffset? ClosingOf(DateOnly date) => HoursOn(date) is { } h ? ToInstant(date, h.Close) : null;
}
