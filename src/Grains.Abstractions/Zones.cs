namespace FollowUp;

/// <summary>The platform's time zone (the agency's: every time shown, typed or scheduled is Paris time), in one place for both processes.</summary>
public static class Zones
{
    public static TimeZoneInfo Paris { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Local wall-clock time to an instant; a time inside a DST gap moves forward by the gap.</summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
