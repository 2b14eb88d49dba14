namespace FollowUp;

/// <summary>One person in follow-up. Key: <see cref="PersonIds.FromExternalId"/>.</summary>
[Alias("FollowUp.IPersonGrain")]
public interface IPersonGrain : IGrainWithGuidKey
{
    [Alias("Include")] Task<InclusionResult> Include(InclusionRequest request);
    [Alias("Get")] Task<PersonView?> Get();
    /// <summary>Processes everything due now (idempotent).</summary>
    [Alias("Wake")] Task Wake();
    [Alias("ClaimCall")] Task<ClaimedCall?> ClaimCall(string operatorId, TimeSpan lease);
    [Alias("StartCall")] Task<CallActionResult> StartCall(string callId, string operatorId);
    [Alias("RecordOutcome")] Task<CallActionResult> RecordOutcome(string callId, string operatorId, OutcomeRequest request);
    [Alias("ReleaseCall")] Task ReleaseCall(string callId);
    [Alias("SubmitQuestionnaire")] Task<bool> SubmitQuestionnaire(string milestoneId, Answers answers);
    [Alias("End")] Task End(EndReason reason, string? text, string actor);
    [Alias("SmsDeliveryReport")] Task SmsDeliveryReport(string milestoneId, bool delivered);
    /// <summary>An SMS from the person's phone: STOP opts out of SMS.</summary>
    [Alias("SmsReplyReceived")] Task SmsReplyReceived(string text);
}

/// <summary>The platform's calendar (opening hours), one per cluster: key 0.</summary>
[Alias("FollowUp.ICalendarGrain")]
public interface ICalendarGrain : IGrainWithIntegerKey
{
    [Alias("GetOpeningHours")] Task<OpeningHours> GetOpeningHours();
    [Alias("SetOpeningHours")] Task SetOpeningHours(OpeningHours hours);
}

/// <summary>The virtual clock of simulation mode, one per cluster: key 0.</summary>
[Alias("FollowUp.ISimulationGrain")]
public interface ISimulationGrain : IGrainWithIntegerKey
{
    [Alias("Now")] Task<DateTimeOffset> Now();
    /// <summary>Moves the clock towards <paramref name="to"/>, processing the next due wakes; returns true once the clock is at <paramref name="to"/> and nothing is left due.</summary>
    [Alias("AdvanceStep")] Task<bool> AdvanceStep(DateTimeOffset to);
}

/// <summary>Reads the SMS replies (STOP, …) from the operator, one per cluster: key 0.</summary>
[Alias("FollowUp.ISmsInboxGrain")]
public interface ISmsInboxGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the inbox is polled (idempotent; called by each silo at start).</summary>
    [Alias("Start")] Task Start();
    /// <summary>Polls now; returns the number of replies handled.</summary>
    [Alias("Poll")] Task<int> Poll();
}
