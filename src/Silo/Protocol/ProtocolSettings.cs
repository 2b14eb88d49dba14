namespace FollowUp.Silo.Protocol;

/// <summary>What the J-days count from (FollowUp:Protocol:Anchor).</summary>
public enum ProtocolAnchor { InclusionDate, IsolationStartDate }

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
    /// <summary>Gap before the retry of an unanswered call (FollowUp:Protocol:RetryGap; RetryDelay is read as a fallback).</summary>
    public TimeSpan RetryGap { get; init; } = TimeSpan.FromHours(2);
    /// <summary>The gap shrinks down to this so the retry falls before closing the same day; less time left → next opening (late retry).</summary>
    public TimeSpan RetryMinGap { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>J-days count from the inclusion date (default) or from the isolation start when given.</summary>
    public ProtocolAnchor Anchor { get; init; } = ProtocolAnchor.InclusionDate;
    /// <summary>Days after the J7 contact for the "J7 test follow-up" when the test was not done.</summary>
    public int TestFollowUpDelayDays { get; init; } = 2;
    /// <summary>How long before its hour a milestone SMS is recorded "to send" (its token and text durable), so that the
    /// hour's wave only hands SMS over. Zero here (the pure protocol's tests); FollowUp:Protocol:SmsPrepareAhead's default
    /// is <see cref="ProductionPrepareAhead"/>.</summary>
    public TimeSpan SmsPrepareAhead { get; init; } = TimeSpan.Zero;
    public static readonly TimeSpan ProductionPrepareAhead = TimeSpan.FromMinutes(10);
    /// <summary>Delay before a failed SMS hand-over to the gateway is tried again.</summary>
    public TimeSpan SmsResendDelay { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>The questionnaire link works until the end of the SMS's day, plus this many days minus one.</summary>
    public int QuestionnaireValidDays { get; init; } = 1;
    public TimeZoneInfo Zone { get; init; } = Zones.Paris;

    public static readonly ProtocolSettings Default = new();
}
