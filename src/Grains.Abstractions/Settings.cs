namespace FollowUp;

/// <summary>Opening hours of the call platform, changed by the ARS at runtime.</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.OpeningHours")]
public sealed record OpeningHours
{
    /// <summary>One entry per day of the week (Sunday = 0 … Saturday = 6); null when closed that day.</summary>
    [Id(0)] public IReadOnlyList<DayHours?> Days { get; init; } = DefaultDays();
    /// <summary>Open on French public holidays (with that weekday's hours).</summary>
    [Id(1)] public bool OpenOnHolidays { get; init; }

    public static readonly OpeningHours Default = new();

    private static DayHours?[] DefaultDays()
    {
        var nineToSeven = new DayHours(new TimeOnly(9, 0), new TimeOnly(19, 0));
        return [null, nineToSeven, nineToSeven, nineToSeven, nineToSeven, nineToSeven, nineToSeven];
    }
}

[GenerateSerializer, Immutable, Alias("FollowUp.DayHours")]
public sealed record DayHours([property: Id(0)] TimeOnly Open, [property: Id(1)] TimeOnly Close);
