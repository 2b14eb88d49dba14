namespace FollowUp;

/// <summary>The projected backlog of the next 7 days under a <see cref="WhatIfRequest"/>, with the assumptions used.</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.StaffingWhatIf")]
public sealed record StaffingWhatIf
{
    [Id(0)] public double Operators { get; init; }
    /// <summary>Operators signed in on average on last week's working days (the default of <see cref="Operators"/>).</summary>
    [Id(1)] public double MeasuredOperators { get; init; }
    [Id(2)] public IReadOnlyList<string> Priorities { get; init; } = [];
    /// <summary>Inclusions a day used (the mean or the override, changed by the percentage).</summary>
    [Id(3)] public double InclusionsPerDay { get; init; }
    [Id(4)] public double Occupancy { get; init; }
    [Id(5)] public List<WhatIfDay> Days { get; init; } = [];
}
