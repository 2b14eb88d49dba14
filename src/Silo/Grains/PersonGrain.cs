using FollowUp.Silo.Infrastructure;
using FollowUp.Silo.Protocol;
using FollowUp.Silo.Sms;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Storage;

namespace FollowUp.Silo.Grains;

/// <summary>
/// One person in follow-up: loads state, asks the protocol, persists, acts (SMS), publishes its indexes
/// and keeps its due instant in the index (persons.next_wake_at, read by its <see cref="WakeShardGrain"/>) and one
/// reminder an hour later as the safety net. Every wake is idempotent. Its writes go through the silo's
/// <see cref="GroupCommit"/>, each in one transaction with the state (<see cref="SaveAsync"/>), shared with other persons.
/// Collected after <see cref="IdleMinutes"/> idle (Orleans' default is 15): after a wave of 250,000 SMS each activation
/// holds its state for nothing once the delivery report is in; coming back costs one read.
/// </summary>
[CollectionAgeLimit(Minutes = IdleMinutes)]
public sealed class PersonGrain(
    PersonStateStore store,
    GroupCommit writer,
    [FromKeyedServices(SiloHosting.ClockKey)] TimeProvider clock,
    ProtocolSettings settings,
    ISmsGateway gateway,
    SmsTexts composer,
    PersonWakeQueue wakes,
    SmsLedger ledger,
    ILogger<PersonGrain> logger,
    Privacy.PrivacyDb privacy,
    ReminderRows reminderRows) : Grain, IPersonGrain, IRemindable, IIncomingGrainCallFilter
{
    /// <summary>Minutes idle before the activation is collected.</summary>
    public const int IdleMinutes = 2;
    /// <summary>The person's one reminder: its name and period.</summary>
    internal const string WakeReminder = "wake";
    internal static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(5);
    /// <summary>The reminder is the safety net: it ticks this long after the person's due time, by which its wake shard
    /// (<see cref="WakeShardGrain"/>) has woken it, and the wake has moved the reminder on. Beyond Orleans' loading window
    /// and refresh (<see cref="ReminderRows.Horizon"/>, 15 minutes), so it is written in the wake's own commit.</summary>
    internal static readonly TimeSpan SafetyNet = TimeSpan.FromHours(1);
    /// <summary>How long past its hour a person prepared ahead stays active waiting for its hour's wake: a wave's hand-overs
    /// take minutes (250,000 in 3 to 5 here), and a person collected before its turn is read again.</summary>
    internal static readonly TimeSpan PreparedKeepAlive = TimeSpan.FromMinutes(15);
    private PersonState S { get; set; } = new();
    /// <summary>The state's version in person_states (null: never written there).</summary>
    private long? _version;
    /// <summary>Whether the last <see cref="PublishAsync"/> got as far as its commit (what failed after it was durable).</summary>
    private bool _committed;
    /// <summary>The state was read from Orleans' storage: cleared there once written here.</summary>
    private bool _fromLegacy;
    private DateTimeOffset Now => clock.GetUtcNow();
    private DateTimeOffset? _registeredWake;
    /// <summary>Kept active for its SMS hour (<see cref="KeepUntilHandedOver"/>).</summary>
    private bool _keptForHour;
    /// <summary>Timeline entries already in person_events (read with the state; 0 for a state from Orleans' storage: republished
    /// once, skipping the places taken, <see cref="_republish"/>).</summary>
    private int _publishedEvents;
    /// <summary>The timeline is published again from 0 (a state from Orleans' storage): places already taken are skipped.</summary>
    private bool _republish;
    /// <summary>The index row this activation last committed (null after activation: republished once, idempotently); a
    /// publication whose row has not changed (e.g. after a delivery report) leaves it out.</summary>
    private PersonRow? _publishedRow;

    /// <summary>The state was read (or is known new): read before a call needs it, not at activation.</summary>
    private bool _loaded;

    /// <summary>The state is read before the first call that needs it (a read only: activation writes nothing); a reminder
    /// tick only queues the wake, and <see cref="IncludeNew"/> knows there is nothing to read. A person found nowhere is read
    /// again at each call: an import batch may include it meanwhile without this activation (<see cref="NewPersonInclusion"/>).</summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if ((!_loaded || NotStored) && context.ImplementationMethod.Name is not (nameof(IncludeNew) or nameof(IRemindable.ReceiveReminder)))
            await LoadAsync();
        await context.Invoke();
    }

    /// <summary>This activation knows of no stored state for the person.</summary>
    private bool NotStored => !S.Included && _version is null && !_fromLegacy;

    private async Task LoadAsync()
    {
        var stored = await store.ReadAsync(this.GetPrimaryKey(), this.GetGrainId());
        (S, _version, _fromLegacy, _publishedEvents, _loaded) = (stored.State, stored.Version, stored.FromLegacy, stored.PublishedEvents, true);
        _republish = stored.FromLegacy;
    }

    public async Task<InclusionResult> IncludeNew(InclusionRequest request)
    {
        if (_loaded) return await Include(request);
        if (await store.MayHoldLegacyAsync())
        {
            await LoadAsync(); // persons stored before person_states: read as before
            return await Include(request);
        }
        _loaded = true; // nothing stored: the first write inserts, and fails whole if the caller was wrong
        try
        {
            return await Include(request);
        }
        catch (InconsistentStateException)
        {
            await LoadAsync(); // stored in between (another import, the API): included through its stored state
            return await Include(request);
        }
    }

    public async Task<InclusionResult> Include(InclusionRequest request)
    {
        var created = !S.Included;
        if (created) FollowUpProtocol.Include(S, request, this.GetPrimaryKey(), Now, settings);
        await ProcessAsync(); // writes the state before anything else happens
        return new InclusionResult(this.GetPrimaryKey(), created);
    }

    public async Task<PersonView?> Get()
    {
        if (!S.Included) return null;
        var hours = await GrainFactory.GetGrain<ICalendarGrain>(0).GetOpeningHours();
        return PersonViews.From(S, new PlatformCalendar(hours, settings.Zone));
    }

    public async Task Wake()
    {
        if (!S.Included) return;
        await CatchUpDeliveryReportsAsync();
        await ProcessAsync();
    }

    /// <summary>Delivery reports are told to the person by the web that recorded them, from its memory; this long after
    /// the send a report should have come, so one recorded but never told is read back (one read, only then).</summary>
    private static readonly TimeSpan DeliveryReportGrace = TimeSpan.FromMinutes(15);

    /// <summary>OVH sends a delivery report within 48 hours at most: older SMS are not asked about again.</summary>
    private static readonly TimeSpan DeliveryReportHorizon = TimeSpan.FromDays(2);

    /// <summary>
    /// At a wake, the delivery reports recorded (sms_messages) but never told to this person: the web acknowledges a report
    /// to OVH once it is durable, then tells the person from memory, which a web process dying (or the cluster away
    /// through all its attempts) loses. Their timeline events (the report's smsDelivered) come back here.
    /// </summary>
    private async Task CatchUpDeliveryReportsAsync()
    {
        var awaiting = FollowUpProtocol.AwaitingDeliveryReport(S, Now - DeliveryReportHorizon, Now - DeliveryReportGrace);
        if (awaiting.Count == 0) return;
        foreach (var (milestoneId, delivered) in await ledger.DeliveryReportsAsync(S.Id, awaiting))
            FollowUpProtocol.SmsDeliveryReport(S, milestoneId, delivered, Now);
    }

    /// <summary>A tick only queues the wake on this silo's bounded queue and returns at once (a wave never times out).
    /// Activation writes nothing (a read stays a read): a crash between the state write and the index write is repaired
    /// by the next wake, which the still-registered reminder brings.</summary>
    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        FollowUpMetrics.ReminderTicks.Add(1);
        wakes.Enqueue(this.GetPrimaryKey());
        return Task.CompletedTask;
    }

    public async Task<ClaimedCall?> ClaimCall(string operatorId, TimeSpan lease)
    {
        if (!S.Included) return null;
        var callId = $"{this.GetPrimaryKey():N}-{Guid.NewGuid():N}";
        var m = FollowUpProtocol.Claim(S, callId, operatorId, Now, lease);
        await ProcessAsync(); // persists the claim and republishes the due-call index from this state (repairs a stale reservation on refusal)
        return m is null ? null : new ClaimedCall(m.Call.Claim!.CallId, S.Id, m.Type, ScriptIds.For(m.Type), m.Call.Claim.LeaseUntil);
    }

    public async Task<CallActionResult> StartCall(string callId, string? operatorId)
    {
        operatorId ??= ClaimOwner(callId);
        var result = FollowUpProtocol.Start(S, callId, operatorId, Now);
        if (result.Status != CallActionStatus.Ok) return result;
        await SaveAsync([]);
        await GrainFactory.GetGrain<IOperatorGrain>(operatorId).CallStarted(callId);
        return result;
    }

    public async Task<CallActionResult> RecordOutcome(string callId, string? operatorId, OutcomeRequest request)
    {
        operatorId ??= ClaimOwner(callId);
        if (FollowUpProtocol.IsRepeat(S, callId, request.RequestId))
        {
            await TellOperatorCallEndedAsync(callId); // its first answer was lost: the operator's grain may have missed the end too
            return CallActionResult.Ok;
        }
        var m = FollowUpProtocol.ClaimedBy(S, callId);
        var hours = await GrainFactory.GetGrain<ICalendarGrain>(0).GetOpeningHours(); // the retry falls before closing when it can
        var result = FollowUpProtocol.RecordOutcome(S, callId, operatorId, request, Now, settings, new PlatformCalendar(hours, settings.Zone));
        if (result.Status == CallActionStatus.Conflict && S.ClosedCallIds.Contains(callId))
        {
            await TellOperatorCallEndedAsync(callId); // a retry after the operator's grain missed it (e.g. database away)
            return result;
        }
        if (result.Status != CallActionStatus.Ok) return result;
        await ProcessAsync();
        var attempt = m!.Call.Attempts[^1];
        FollowUpMetrics.CallsMade.Add(1, FollowUpMetrics.Tag("type", m.Type.ToString()), FollowUpMetrics.Tag("outcome", attempt.Outcome.ToString()));
        if (attempt.DurationSeconds is { } seconds) FollowUpMetrics.CallDuration.Record(seconds, FollowUpMetrics.Tag("type", m.Type.ToString()));
        await GrainFactory.GetGrain<IOperatorGrain>(operatorId)
            .CallEnded(new OperatorCall(callId, S.Id, m.Type, attempt.Outcome, attempt.EndedAt, attempt.DurationSeconds));
        return result;
    }

    /// <summary>
    /// The outcome of <paramref name="callId"/> is durable but its operator's grain may not have heard of it (its call
    /// failed after ours committed): told again, idempotently (<c>CallEnded</c> ignores a call it already counted), so the
    /// operator is not left holding a closed call until its lease expires.
    /// </summary>
    private async Task TellOperatorCallEndedAsync(string callId)
    {
        foreach (var m in S.Milestones)
            if (m.Call.Attempts.FirstOrDefault(a => a.CallId == callId) is { } a && a.OperatorId is { Length: > 0 } op)
            {
                await GrainFactory.GetGrain<IOperatorGrain>(op).CallEnded(new OperatorCall(callId, S.Id, m.Type, a.Outcome, a.EndedAt,
                    a.DurationSeconds));
                return;
            }
    }

    public async Task ReleaseCall(string callId)
    {
        if (FollowUpProtocol.ClaimedBy(S, callId) is null) return;
        FollowUpProtocol.Release(S, callId, Now);
        await ProcessAsync();
    }

    private string ClaimOwner(string callId) => FollowUpProtocol.ClaimedBy(S, callId)?.Call.Claim?.OperatorId ?? "";

    public async Task<bool> SubmitQuestionnaire(string milestoneId, Answers answers)
    {
        if (!FollowUpProtocol.QuestionnaireAnswered(S, milestoneId, answers, Now, settings)) return false;
        FollowUpMetrics.QuestionnaireAnswers.Add(1, FollowUpMetrics.Tag("type", S.FindMilestone(milestoneId)?.Type.ToString()));
        await ProcessAsync();
        return true;
    }

    public Task End(EndReason reason, string? text, string actor) => ApplyAsync(() => FollowUpProtocol.End(S, reason, text, Now, actor));

    /// <summary>Applies a change decided by the protocol; ProcessAsync persists it before anything else happens.</summary>
    private Task ApplyAsync(Action change)
    {
        if (!S.Included) return Task.CompletedTask;
        change();
        return ProcessAsync();
    }

    public Task CorrectPhone(string phone, bool mobile, string actor) =>
        ApplyAsync(() => FollowUpProtocol.CorrectPhone(S, phone, mobile, Now, actor));

    public Task SetSociallyVulnerable(bool vulnerable, string actor) =>
        ApplyAsync(() => FollowUpProtocol.SetSociallyVulnerable(S, vulnerable, Now, actor, settings));

    public Task SetCallWindow(string? window, string actor) => ApplyAsync(() => FollowUpProtocol.SetCallWindow(S, window, Now, actor));

    public Task SetLastContactDate(DateOnly? date, string actor) => ApplyAsync(() => FollowUpProtocol.SetLastContactDate(S, date, Now, actor));

    public async Task<CallActionResult> ScheduleCallback(DateTimeOffset at, string actor)
    {
        if (!S.Included) return new(CallActionStatus.NotFound, "Unknown person.");
        var result = FollowUpProtocol.ScheduleCallback(S, at, Now, actor, settings);
        if (result.Status == CallActionStatus.Ok) await ProcessAsync();
        return result;
    }

    /// <summary>
    /// A delivery report changes nothing the protocol decides on: its event is appended to person_events alone (one
    /// command in a shared commit, no state write; the report itself is durable in sms_messages before OVH hears 200),
    /// and the state learns it from there when next read (<see cref="FollowUpProtocol.ReplayPublished"/>) or carries it
    /// at its next write. A report that changes nothing, or a state not in person_states yet, takes the usual path.
    /// </summary>
    public async Task SmsDeliveryReport(string milestoneId, bool delivered)
    {
        if (!S.Included) return;
        if (delivered) FollowUpMetrics.SmsDelivered.Add(1);
        var before = S.Timeline.Count;
        FollowUpProtocol.SmsDeliveryReport(S, milestoneId, delivered, Now);
        if (S.Timeline.Count != before + 1 || _version is null || _fromLegacy)
        {
            await ProcessAsync();
            return;
        }
        // Its place taken (a stale activation: another one published there) fails it whole. A failure drops this
        // activation: the report is in memory only, and the next activation reads what is durable.
        await CommitAsync([PersonEventLog.AppendCommand(S.Id, S.Timeline, _publishedEvents)!]);
        await AnnounceAsync();
    }

    public Task SmsReplyReceived(string text) => ApplyAsync(() => FollowUpProtocol.SmsReplyReceived(S, text, Now, settings));

    /// <summary>
    /// RGPD: the rows outside the state go first (while the state still names them), then the anonymised state is written
    /// over the old one and republished, then the published events' free text and the journal's searches naming the
    /// person are redacted. Safe to repeat after a crash at any point.
    /// </summary>
    public async Task Erase(string actor, bool onRequest)
    {
        if (!S.Included) return;
        var terms = new[] { S.Phone, S.Phone.StartsWith("+33", StringComparison.Ordinal) ? "0" + S.Phone[3..] : "", S.FirstName, S.LastName,
            S.ExternalId,
            $"{S.FirstName} {S.LastName}", $"{S.LastName} {S.FirstName}" }.Where(t => t.Trim().Length >= 2
                && !t.StartsWith("effacé-", StringComparison.Ordinal)).Distinct().ToArray();
        await privacy.DeletePersonRowsAsync(S.Id);
        _publishedRow = null; // its rows are rewritten from the anonymised state
        if (S.Status == PersonStatus.Active)
        {
            if (onRequest) FollowUpProtocol.End(S, EndReason.Other, null, Now, actor);
            else S.Status = PersonStatus.Ended; // its last milestone is long past: nothing more to do, no ending to count
        }
        if (S.FirstName.Length > 0 || S.Phone.Length > 0 || !S.ExternalId.StartsWith("effacé-", StringComparison.Ordinal))
        {
            Privacy.PersonalData.Anonymise(S);
            S.Timeline.Add(new TimelineEntry(Now, Privacy.PersonalData.ErasedEvent, actor, onRequest ? "request" : "retention"));
        }
        await ProcessAsync();
        await privacy.FinishPersonAsync(S.Id, terms, Now);
        _publishedRow = null; // the index row was anonymised there: the next publication writes the grain's own again
        foreach (var op in await privacy.OperatorsWithDraftAsync(S.Id)) await GrainFactory.GetGrain<IOperatorGrain>(op).ForgetPerson(S.Id);
        logger.LogInformation("Person {PersonId} anonymised ({Why})", S.Id, onRequest ? "request" : "retention");
    }

    /// <summary>
    /// Does what is due, persists the state (always, first: every caller's change is durable before any SMS, index or
    /// notification), sends the SMS recorded "to send", republishes indexes and the reminder. Two commits at most, each
    /// shared with other persons (<see cref="GroupCommit"/>): the state "to send" with its tokens before the gateway hears
    /// of it, then the SMS records with the state "sent", the index row, due calls and new events (a third, rare, when a
    /// delivery report came before our record). An SMS recorded "to send" ahead of its hour (SmsPrepareAhead) has its token
    /// and text committed with the publication (one commit); at its hour it is handed over as above.
    /// </summary>
    private async Task ProcessAsync()
    {
        var toSend = FollowUpProtocol.Wake(S, Now, settings);
        var tokens = new List<NpgsqlBatchCommand>();
        var unwritten = S.Status == PersonStatus.Ended ? [] : S.OpenMilestones.Where(m => m.Sms is { Status: SmsStatus.ToSend, PendingText: null });
        foreach (var m in unwritten.ToList())
        {
            FollowUpMetrics.SmsToSend.Add(1);
            var (token, hash) = QuestionnaireTokens.New();
            var expires = FollowUpProtocol.QuestionnaireExpiresAt(m.Sms, Now, settings); // from the SMS's own day
            tokens.Add(QuestionnaireTokenStore.SaveCommand(hash, S.Id, m.Id, m.Type, expires));
            m.Sms.PendingText = await composer.ComposeAsync(S.FirstName, S.Language, token);
        }
        foreach (var sms in toSend) S.FindMilestone(sms.MilestoneId)!.Sms.SendAttempts++;
        var records = new List<NpgsqlBatchCommand>();
        if (toSend.Count > 0) await SaveAsync(tokens); // "to send" and its token durable before the gateway hears of it
        else records.AddRange(tokens); // recorded ahead of the hour: with the publication, one commit
        KeepUntilHandedOver();

        var recorded = new List<string>();
        foreach (var sms in toSend)
        {
            var m = S.FindMilestone(sms.MilestoneId)!;
            try
            {
                var receipt = await gateway.SendAsync(new SmsMessage(sms.MessageId, S.Phone, m.Sms.PendingText!, m.Sms.SendAttempts > 1));
                records.AddRange(SmsLedger.SaveCommands(sms.MessageId, S.Id, m.Id, receipt.ProviderId, Now)); // committed with the "sent"
                recorded.Add(m.Id);
                m.Sms.ProviderId = receipt.ProviderId;
                FollowUpProtocol.SmsSent(S, sms.MilestoneId, Now);
                FollowUpMetrics.SmsSent.Add(1);
            }
            catch (SmsRejectedException)
            {
                FollowUpProtocol.SmsRejected(S, sms.MilestoneId, Now, settings);
            }
            catch (Exception ex)
            {
                logger.LogWarning("SMS {MessageId} not handed to the gateway ({Error}); will retry", sms.MessageId, ex.GetType()
                    .Name + ": " + ex.Message);
            }
        }
        int[] rows;
        try
        {
            rows = await PublishAsync(records);
        }
        catch (Exception ex) when (recorded.Count > 0 && !_committed)
        {
            // The gateway took them; our record failed. They stay "to send": the next attempt finds them at the gateway by id.
            logger.LogWarning("{Count} SMS of person {PersonId} handed to the gateway but not recorded ({Error}); the next attempt records them " +
                "without sending again", recorded.Count, S.Id, ex.GetType().Name + ": " + ex.Message);
            throw;
        }
        catch (Exception ex) when (recorded.Count > 0)
        {
            // Recorded with the state "sent"; what follows the commit (the live dashboard, the reminder's move) failed.
            logger.LogWarning("{Count} SMS of person {PersonId} recorded; a step after the commit failed ({Error}); the next wake does it",
                recorded.Count, S.Id, ex.GetType().Name + ": " + ex.Message);
            throw;
        }
        var early = false;
        for (var i = 0; i < recorded.Count; i++)
            if (SmsLedger.EarlyReport(rows, i * SmsLedger.CommandCount) is { } delivered)
            {
                FollowUpProtocol.SmsDeliveryReport(S, recorded[i], delivered, Now); // the report came before our record
                early = true;
            }
        if (early) await PublishAsync([]);
    }

    /// <summary>
    /// A person whose SMS is recorded ahead of its hour stays active until its shard wakes it at the hour (no second read
    /// of its state), however long the wave's hand-overs take (<see cref="PreparedKeepAlive"/> past the hour at most); once
    /// handed over it is collected like any other.
    /// </summary>
    private void KeepUntilHandedOver()
    {
        if (S.OpenMilestones.Where(m => FollowUpProtocol.IsPrepared(m.Sms, Now)).Min(m => m.Sms.ScheduledAt) is { } hour)
        {
            DelayDeactivation(hour - Now + PreparedKeepAlive);
            _keptForHour = true;
        }
        else if (_keptForHour)
        {
            DelayDeactivation(TimeSpan.Zero); // Orleans: back to the usual idle collection
            _keptForHour = false;
        }
    }

    /// <summary>Commits the state with <paramref name="with"/> (first) and the index row, due calls and new events, then
    /// tells the live dashboard and moves the reminder; answers the rows affected by <paramref name="with"/>.</summary>
    private async Task<int[]> PublishAsync(List<NpgsqlBatchCommand> with)
    {
        var next = FollowUpProtocol.NextWake(S, Now, settings);
        var commands = new List<NpgsqlBatchCommand>(with);
        var row = PersonViews.Row(S, next);
        commands.AddRange(PersonIndex.PublishCommands(row, PersonViews.DueCalls(S), S.Timeline, _publishedEvents, withRow: row != _publishedRow,
            republish: _republish));
        var reminder = ReminderCommand(next);
        if (reminder is not null) commands.Add(reminder); // last: the rows answered are those of the first commands
        _committed = false;
        var rows = await SaveAsync(commands);
        _committed = true;
        _publishedRow = row;
        _republish = false;
        await AnnounceAsync();
        if (reminder is not null) _registeredWake = next; // committed with the state
        else await ScheduleAsync(next);
        return rows;
    }

    /// <summary>Once the timeline's new entries are durable: tells the live dashboard of them and the screens watching the person.</summary>
    private async Task AnnounceAsync()
    {
        var recent = Now.AddDays(-1);
        var fresh = S.Timeline.Skip(_publishedEvents).Select((e, i) => new PersonEvent(S.Id, _publishedEvents + i, e.At, e.Event, e.Actor, e.Detail))
            .Where(e => e.At >= recent).ToList();
        _publishedEvents = S.Timeline.Count;
        if (fresh.Count > 0) await GrainFactory.GetGrain<IReportingAggregator>(0).Events(fresh); // durable first, then the live dashboard
        await GrainFactory.GetGrain<IReportingAggregator>(0).PersonChanged(S.Id); // published: the screens watching the person are told
    }

    /// <summary>
    /// The reminder moved to <see cref="SafetyNet"/> after <paramref name="next"/>, in the same transaction as the state: no
    /// message to Orleans' reminder service, no transaction of its own, and state and reminder durable together (its tick is
    /// beyond the service's loading window, so the service loads the row at a refresh, <see cref="ReminderRows"/>). Null when
    /// it has not moved, when there is none (registered or removed through Orleans after the commit, <see cref="ScheduleAsync"/>),
    /// or when its tick would fall within the window (a person an hour overdue).
    /// </summary>
    private NpgsqlBatchCommand? ReminderCommand(DateTimeOffset? next) =>
        next is { } at && at != _registeredWake
            ? reminderRows.UpsertCommand(this.GetGrainId(), WakeReminder, at + SafetyNet - Now, ReminderPeriod)
            : null;

    /// <summary>
    /// Writes the state and <paramref name="with"/> in one transaction of the silo's group commit; answers the rows
    /// affected by <paramref name="with"/>. A write that fails or loses to another activation drops this activation (its
    /// state in memory is ahead of storage): the next call reads the stored state again.
    /// </summary>
    private async Task<int[]> SaveAsync(List<NpgsqlBatchCommand> with)
    {
        var commands = new List<NpgsqlBatchCommand>(with.Count + 1) { PersonStateStore.WriteCommand(this.GetPrimaryKey(), S, _version) };
        commands.AddRange(with);
        var rows = await CommitAsync(commands);
        _version = PersonStateStore.Next(_version);
        if (_fromLegacy)
        {
            await store.ForgetLegacyAsync(this.GetGrainId());
            _fromLegacy = false;
        }
        return rows[1..];
    }

    /// <summary>Commits <paramref name="commands"/> (the first one writing the state); a failure drops this activation, and a
    /// write lost to another activation (nothing of it committed) fails with <see cref="InconsistentStateException"/>.</summary>
    private async Task<int[]> CommitAsync(List<NpgsqlBatchCommand> commands)
    {
        try
        {
            return await writer.ExecuteAsync(commands);
        }
        catch (Exception ex) when (PersonStateStore.IsLostWrite(ex))
        {
            DeactivateOnIdle();
            throw new InconsistentStateException("The person was written by another activation; read it again.");
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task ScheduleAsync(DateTimeOffset? next)
    {
        if (next is null)
        {
            if (_registeredWake is not null || S.Status == PersonStatus.Ended)
            {
                var r = await this.GetReminder(WakeReminder);
                if (r is not null) await this.UnregisterReminder(r);
            }
            _registeredWake = null;
            return;
        }
        if (_registeredWake == next) return;
        var due = next.Value + SafetyNet - Now;
        if (due < TimeSpan.FromSeconds(1)) due = TimeSpan.FromSeconds(1);
        await this.RegisterOrUpdateReminder(WakeReminder, due, ReminderPeriod);
        _registeredWake = next;
    }
}
