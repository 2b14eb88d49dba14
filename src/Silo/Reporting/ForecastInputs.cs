using FollowUp.Silo.Protocol;

namespace FollowUp.Silo.Reporting;

/// <summary>What the staffing forecast and the what-if start from: today, last week's daily reports (answer and retry
/// rates, measured durations), the live cohort's scheduled milestones, last week's inclusions, the calendar, the protocol
/// (to place new inclusions' milestones) and the staffing assumptions.</summary>
public sealed record ForecastInputs(
    DateOnly Today,
    IReadOnlyList<DailyReport> Past,
    IReadOnlyList<ScheduledMilestone> Scheduled,
    InclusionMix Inclusions,
    PlatformCalendar Calendar,
    ProtocolSettings Protocol,
    StaffingOptions Options);
