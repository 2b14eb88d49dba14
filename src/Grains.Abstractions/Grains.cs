using Orleans.Concurrency;

namespace FollowUp;

/// <summary>One person in follow-up. Key: <see cref="PersonIds.FromExternalId"/>.</summary>
[Alias("FollowUp.IPersonGrain")]
public interface IPersonGrain : IGrainWithGuidKey
{
    [Alias("Include")] Task<InclusionResult> Include(InclusionRequest request);
    /// <summary>
    /// <see cref="Include"/> for a person the caller just found nowhere in storage (an import batch asks once for all its
    /// lines): the activation skips reading its state. Stored after all (included in between): nothing of the new person is
    /// written, and the person is included through its stored state (as <see cref="Include"/>).
    /// </summary>
    [Alias("IncludeNew")] Task<InclusionResult> IncludeNew(InclusionRequest request);
    [SafeToRepeat, ResponseTimeout(SafeToRepeatAttribute.Timeout), Alias("Get")] Task<PersonView?> Get();
    /// <summary>Processes everything due now (idempotent).</summary>
    [Alias("Wake")] Task Wake();
    [Alias("ClaimCall")] Task<ClaimedCall?> ClaimCall(string operatorId, TimeSpan lease);
    /// <summary>Starts the claimed call. <paramref name="operatorId"/> null: on behalf of the operator holding the claim (API).</summary>
    [Alias("StartCall")] Task<CallActionResult> StartCall(string callId, string? operatorId);
    /// <summary>Records the call's outcome. <paramref name="operatorId"/> null: on behalf of the operator holding the claim (API).
    /// Sent again after a lost answer: an outcome already recorded is answered Conflict and recorded once.</summary>
    [SafeToRepeat, ResponseTimeout(SafeToRepeatAttribute.Timeout), Alias("RecordOutcome")]
    Task<CallActionResult> RecordOutcome(string callId, string? operatorId, OutcomeRequest request);
    [Alias("ReleaseCall")] Task ReleaseCall(string callId);
    [Alias("SubmitQuestionnaire")] Task<bool> SubmitQuestionnaire(string milestoneId, Answers answers);
    [Alias("End")] Task End(EndReason reason, string? text, string actor);
    [Alias("CorrectPhone")] Task CorrectPhone(string phone, bool mobile, string actor);
    /// <summary>Sets or clears "socially vulnerable" (adds J4 while it is ahead, or cancels a J4 still ahead).</summary>
    [Alias("SetSociallyVulnerable")] Task SetSociallyVulnerable(bool vulnerable, string actor);
    [Alias("SetLastContactDate")] Task SetLastContactDate(DateOnly? date, string actor);
    /// <summary>Sets (or clears, null) the preferred call window; the value must be valid (see CallWindows).</summary>
    [Alias("SetCallWindow")] Task SetCallWindow(string? window, string actor);
    [Alias("SmsDeliveryReport")] Task SmsDeliveryReport(string milestoneId, bool delivered);
    /// <summary>A callback arranged outside a call (API): the open contact's call becomes due at <paramref name="at"/>.</summary>
    [Alias("ScheduleCallback")] Task<CallActionResult> ScheduleCallback(DateTimeOffset at, string actor);
    /// <summary>An SMS from the person's phone: STOP opts out of SMS.</summary>
    [Alias("SmsReplyReceived")] Task SmsReplyReceived(string text);
    /// <summary>RGPD: removes the person's personal data everywhere (retention purge, or erasure on request: the follow-up ends first);
    /// idempotent.</summary>
    [Alias("Erase")] Task Erase(string actor, bool onRequest);
}

/// <summary>The platform's calendar (opening hours), one per cluster: key 0.</summary>
[Alias("FollowUp.ICalendarGrain")]
public interface ICalendarGrain : IGrainWithIntegerKey
{
    [Alias("GetOpeningHours")] Task<OpeningHours> GetOpeningHours();
    /// <summary>Validates (7 days, opening before closing) and saves; refused hours are not saved.</summary>
    [Alias("SetOpeningHours")] Task<SettingsChange> SetOpeningHours(OpeningHours hours);
}

/// <summary>The virtual clock of simulation mode, one per cluster: key 0.</summary>
[Alias("FollowUp.ISimulationGrain")]
public interface ISimulationGrain : IGrainWithIntegerKey
{
    [Alias("Now")] Task<DateTimeOffset> Now();
    /// <summary>Moves the clock towards <paramref name="to"/>, processing the next due wakes; returns true once the clock is at <paramref name="to"/>
    /// and nothing is left due.</summary>
    [Alias("AdvanceStep")] Task<bool> AdvanceStep(DateTimeOffset to);
}

/// <summary>Reads the SMS replies (STOP, …) from the operator, one per cluster: key 0.</summary>
[Alias("FollowUp.ISmsInboxGrain")]
public interface ISmsInboxGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the inbox is polled (idempotent; called by each silo at start).</summary>
    [Alias("Start")] Task Start();
}

/// <summary>A teleoperator (key: user name): status, the call in hand, today's counters. Assigns the next call.</summary>
[Alias("FollowUp.IOperatorGrain")]
public interface IOperatorGrain : IGrainWithStringKey
{
    /// <summary>The call in hand if any, else the best due call, claimed for this operator; null when none is due.</summary>
    [SafeToRepeat, ResponseTimeout(SafeToRepeatAttribute.Timeout), Alias("Next")] Task<ClaimedCall?> Next();
    [SafeToRepeat, ResponseTimeout(SafeToRepeatAttribute.Timeout), Alias("Get")] Task<OperatorView> Get();
    [Alias("SetStatus")] Task<OperatorView> SetStatus(OperatorStatus status, string? pauseReason);
    /// <summary>The person grain reports the end of a call of this operator (outcome recorded).</summary>
    [AlwaysInterleave, Alias("CallEnded")] Task CallEnded(OperatorCall call);
    [Alias("CallStarted")] Task CallStarted(string callId);
    /// <summary>The operator leaves (logout, browser gone): the call in hand goes back to the queue.</summary>
    [Alias("SignOut")] Task SignOut();
    /// <summary>Keeps what the operator typed during a call, so a reload loses nothing.</summary>
    [Alias("SaveDraft")] Task SaveDraft(string callId, Dictionary<string, string> fields);
    [SafeToRepeat, ResponseTimeout(SafeToRepeatAttribute.Timeout), Alias("GetDraft")] Task<Dictionary<string, string>> GetDraft(string callId);
    /// <summary>RGPD: drops what was typed during a call to this person.</summary>
    [Alias("ForgetPerson")] Task ForgetPerson(Guid personId);
}

/// <summary>The call queue's ARS priorities (one per cluster, key 0).</summary>
[Alias("FollowUp.ICallQueueGrain")]
public interface ICallQueueGrain : IGrainWithIntegerKey
{
    [Alias("GetPriorities")] Task<CallPriorities> GetPriorities();
    /// <summary>Validates (every call type once, Retry at most once, put at its default place when absent) and saves.</summary>
    [Alias("SetPriorities")] Task<SettingsChange> SetPriorities(CallPriorities priorities);
}

/// <summary>Reporting (one per cluster, key 0): the daily report from durable events, and today's live figures.</summary>
[Alias("FollowUp.IReportingGrain")]
public interface IReportingGrain : IGrainWithIntegerKey
{
    [Alias("DailyReport")] Task<DailyReport> DailyReport(DateOnly day);
    /// <summary>The daily report of one department's persons.</summary>
    [Alias("DepartmentReport")] Task<DailyReport> DepartmentReport(DateOnly day, string department);
    /// <summary>Today's figures as they stand: answered at once, even while the grain awaits its tick's queries (reads memory only).</summary>
    [Orleans.Concurrency.AlwaysInterleave, Alias("Live")] Task<LiveSnapshot> Live();
    /// <summary>The next 7 days after <paramref name="today"/>: expected calls and operators (both with Sundays closed and open).</summary>
    [Alias("Forecast")] Task<StaffingForecast> Forecast(DateOnly today);
    /// <summary>Batched events from a silo's pre-aggregator.</summary>
    [Alias("Apply")] Task Apply(List<PersonEvent> events, List<OperatorStatusView> operators);
    /// <summary>A web node subscribes (again within the expiry, 1 min; the web renews every 10 s) to receive every change.</summary>
    [Alias("Subscribe")] Task Subscribe(IDashboardObserver observer);
    /// <summary>Persons whose record changed (batched by the silos' pre-aggregators): told at once to every subscribed web node,
    /// even while the grain computes a report (interleaved: one-way notifications only, no state of the grain's turn touched).</summary>
    [Orleans.Concurrency.AlwaysInterleave, Alias("PersonsChanged")] Task PersonsChanged(List<Guid> personIds);
}

/// <summary>Per-silo pre-aggregator: grains hand it their events and changes; it forwards them in one batch four times a second.</summary>
[Alias("FollowUp.IReportingAggregator")]
public interface IReportingAggregator : IGrainWithIntegerKey
{
    [OneWay, Alias("Events")] Task Events(List<PersonEvent> events);
    [OneWay, Alias("Operator")] Task Operator(OperatorStatusView status);
    /// <summary>The person's record changed (published): the screens watching it are told.</summary>
    [OneWay, Alias("PersonChanged")] Task PersonChanged(Guid personId);
}

/// <summary>
/// One share of the persons to wake (key: 0 to FollowUp:Silo:WakeShards − 1): reads the persons of its share due now from
/// the due-time index (persons.next_wake_at) and wakes them through its silo's wake queue, at the queue's pace.
/// </summary>
[Alias("FollowUp.IWakeShardGrain")]
public interface IWakeShardGrain : IGrainWithIntegerKey
{
    /// <summary>Activates the shard if it is not (each silo asks every few seconds): from then on it wakes its persons as
    /// they fall due.</summary>
    [Alias("Keep")] Task Keep();
    /// <summary>Wakes every person of the share due at <paramref name="now"/>, once, and answers how many (simulation mode's
    /// step, on its virtual clock).</summary>
    [Alias("WakeDue")] Task<int> WakeDue(DateTimeOffset now);
}
