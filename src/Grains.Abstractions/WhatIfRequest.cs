namespace FollowUp;

/// <summary>
/// The weekly page's what-if (issue 16 §7): the staffing and calendar to project the next 7 days' backlog with. Every
/// field is optional: unset, the platform's hours, priorities and last week's measures apply.
/// </summary>
[GenerateSerializer, Immutable, Alias("FollowUp.WhatIfRequest")]
public sealed record WhatIfRequest
{
    /// <summary>Sundays opened (with Saturday's hours, or the hours given below).</summary>
    [Id(0)] public bool SundaysOpen { get; init; }
    /// <summary>Opening and closing time of every open day of the projection (both or neither).</summary>
    [Id(1)] public TimeOnly? Open { get; init; }
    [Id(2)] public TimeOnly? Close { get; init; }
    /// <summary>Call types in serving order (every type once); null: the platform's priorities.</summary>
    [Id(3)] public IReadOnlyList<string>? Priorities { get; init; }
    /// <summary>Expected inclusions changed by this percentage (−100 … 1000).</summary>
    [Id(4)] public double InclusionsPercent { get; init; }
    /// <summary>Expected inclusions a day before the percentage; null: last week's mean.</summary>
    [Id(5)] public double? InclusionsPerDay { get; init; }
    /// <summary>Operators working each open day; null: those signed in on average last week.</summary>
    [Id(6)] public double? Operators { get; init; }
}
