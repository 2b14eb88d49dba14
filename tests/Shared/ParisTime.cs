using FollowUp.Silo.Protocol;

namespace FollowUp.Tests;

/// <summary>
/// The one time helper of the tests: instants given as Paris wall-clock times, as the protocol and the staff think of
/// them (imported into every test file with a global <c>using static</c>).
/// </summary>
public static class ParisTime
{
    /// <summary>The instant of <paramref name="hour"/>:<paramref name="minute"/> in Paris on <paramref name="day"/> (summer time applied).</summary>
    public static DateTimeOffset At(DateOnly day, int hour, int minute = 0) => Zones.ToInstant(day, new TimeOnly(hour, minute), Zones.Paris);

    /// <summary>The instant of a Paris time written "HH:mm" on <paramref name="day"/>.</summary>
    public static DateTimeOffset At(DateOnly day, string hhmm) =>
        Zones.ToInstant(day, TimeOnly.Parse(hhmm, System.Globalization.CultureInfo.InvariantCulture), Zones.Paris);

    /// <summary>The Paris calendar day of an instant.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zones.Paris).DateTime);
}
