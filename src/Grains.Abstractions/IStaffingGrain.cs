namespace FollowUp;

/// <summary>Staffing figures for the weekly page (issue 16 §7), computed on any silo.</summary>
[Alias("FollowUp.IStaffingGrain")]
public interface IStaffingGrain : IGrainWithIntegerKey
{
    /// <summary>Per day and hour of [from, to) (Paris days), up to now.</summary>
    [Alias("Actual")] Task<StaffingActual> Actual(DateOnly from, DateOnly to);

    /// <summary>The 7 days after <paramref name="today"/>: expected calls per type, operator-hours and operators needed;
    /// <paramref name="inclusionsPerDay"/> overrides last week's mean of inclusions.</summary>
    [Alias("Forecast")] Task<StaffingForecast> Forecast(DateOnly today, double? inclusionsPerDay);

    /// <summary>The 7 days after <paramref name="today"/>: projected backlog under the what-if's staffing and calendar.</summary>
    [Alias("WhatIf")] Task<StaffingWhatIf> WhatIf(DateOnly today, WhatIfRequest request);
}
