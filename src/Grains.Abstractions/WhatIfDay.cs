namespace FollowUp;

/// <summary>One day of <see cref="StaffingWhatIf"/>: calls falling due, calls the staffing can make, calls left over (backlog).</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.WhatIfDay")]
public sealed record WhatIfDay
{
    [Id(0)] public DateOnly Date { get; init; }
    [Id(1)] public bool Open { get; init; }
    [Id(2)] public double OpenHours { get; init; }
    /// <summary>Calls falling due that day per type (live cohort + expected inclusions), before the backlog.</summary>
    [Id(3)] public Dictionary<string, double> DueByType { get; init; } = [];
    [Id(4)] public double Due { get; init; }
    /// <summary>Operator-hours of calls the staffing gives that day: operators × open hours × occupancy.</summary>
    [Id(5)] public double CapacityHours { get; init; }
    [Id(6)] public Dictionary<string, double> MadeByType { get; init; } = [];
    [Id(7)] public double Made { get; init; }
    /// <summary>Calls due and not made at the day's end, per type: carried to the next open day.</summary>
    [Id(8)] public Dictionary<string, double> BacklogByType { get; init; } = [];
    [Id(9)] public double Backlog { get; init; }
}
