namespace FollowUp;

/// <summary>
/// Staffing as it was (issue 16 §7 "actual"), from the operators' status changes: per hour (Paris time) the operators
/// signed in, the seconds signed in, on a call, in wrap-up and in pause, the calls taken, the occupancy ((call + wrap-up)
/// ÷ (signed in − pause)) and the calls per operator-hour (calls ÷ signed-in hours). Hours nobody was signed in are left out.
/// </summary>
[GenerateSerializer, Immutable, Alias("FollowUp.StaffingActual")]
public sealed record StaffingActual([property: Id(0)] IReadOnlyList<StaffingHour> Hours, [property: Id(1)] IReadOnlyList<StaffingHour> Days);

/// <summary>One hour (or, with <c>Hour</c> null, one day) of <see cref="StaffingActual"/>.</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.StaffingHour")]
public sealed record StaffingHour(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] int? Hour,
    [property: Id(2)] int OperatorsSignedIn,
    [property: Id(3)] int SignedInSeconds,
    [property: Id(4)] int TalkSeconds,
    [property: Id(5)] int WrapUpSeconds,
    [property: Id(6)] int PauseSeconds,
    [property: Id(7)] int Calls,
    [property: Id(8)] double? OccupancyPercent,
    [property: Id(9)] double? CallsPerOperatorHour);
