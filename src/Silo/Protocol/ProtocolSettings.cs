namespace FollowUp.Silo.Protocol;

/// <summary>The protocol's tunable rules (configuration section FollowUp:Protocol).</summary>
public sealed record ProtocolSettings
{
    /// <summary>Time of day the milestone SMS goes out.</summary>
    public TimeOnly SmsTime { get; init; } = new(9, 0);
    /// <summary>Latest time of day an SMS may go out (a late SMS waits for the next SMS day).</summary>
    public TimeOnly SmsLatest { get; init; } = new(20, 0);
    /// <summary>Days of the week SMS may go out.</summary>
    public IReadOnlySet<DayOfWeek> SmsDays { get; init; } = Enum.GetValues<DayOfWeek>().ToHashSet();
    public bool SmsOnHolidays { get; init; } = true;
    /// <summary>How long the questionnaire may stay unanswered before the call becomes due.</summary>
    public TimeSpan SmsWait { get; init; } = TimeSpan.FromHours(4);
    /// <summary>Minimum delay before the retry of an unanswered call.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromHours(2);
    /// <summary>Days after the J7 contact for the "J7 test follow-up" when the test was not done.</summary>
    public int TestFollowUpDelayDays { get; init; } = 2;
    /// <summary>Delay before a failed SMS hand-over to the gateway is tried again.</summary>
    public TimeSpan SmsResendDelay { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>The questionnaire link works until the end of the SMS's day, plus this many days minus one.</summary>
    public int QuestionnaireValidDays { get; init; } = 1;
    public TimeZoneInfo Zone { get; init; } = Zones.Paris;

    public static readonly ProtocolSettings Default = new();
}
