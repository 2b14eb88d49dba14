namespace FollowUp;

/// <summary>Staffing figures for the weekly page (issue 16 §7), computed on any silo.</summary>
[Alias("FollowUp.IStaffingGrain")]
public interface IStaffingGrain : IGrainWithIntegerKey
{
    /// <summary>Per day and hour of [from, to) (Paris days), up to now.</summary>
    [Alias("Actual")] Task<StaffingActual> Actual(DateOnly from, DateOnly to);
}
