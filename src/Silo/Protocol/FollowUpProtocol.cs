namespace FollowUp.Silo.Protocol;

/// <summary>An SMS the grain must hand to the gateway (already recorded "to send" in the state).</summary>
public sealed record SmsToSend(string MilestoneId, string MessageId);

/// <summary>
/// The tender's follow-up rules (CCTP art. 3.1) as pure code: no I/O, no Orleans, time passed in.
/// Every method mutates the given state deterministically and appends timeline events.
/// </summary>
public static class FollowUpProtocol
{
    private static readonly (MilestoneType Type, int Day)[] Plan =
        [(MilestoneType.J2, 2), (MilestoneType.J4, 4), (MilestoneType.J7, 7), (MilestoneType.J9, 9)];

    public static void Include(PersonState s, InclusionRequest r, Guid id, DateTimeOffset now, ProtocolSettings p)
    {
        if (s.Included) return;
        s.Included = true;
        s.Id = id;
        s.ExternalId = r.ExternalId;
        s.Kind = r.Kind;
        s.FirstName = r.FirstName;
        s.LastName = r.LastName;
        s.Phone = r.Phone;
        s.PhoneIsMobile = r.PhoneIsMobile;
        s.BirthDate = r.BirthDate;
        s.Department = r.Department;
        s.InclusionDate = r.InclusionDate;
        s.IsolationStartDate = r.IsolationStartDate;
        s.LastContactDate = r.Kind == PersonKind.Contact ? r.LastContactDate : null;
        s.Anchor = p.Anchor == ProtocolAnchor.IsolationStartDate
            && r.IsolationStartDate is not null ? ProtocolAnchor.IsolationStartDate : ProtocolAnchor.InclusionDate;
        s.AnchorDate = s.Anchor == ProtocolAnchor.IsolationStartDate ? r.IsolationStartDate!.Value : r.InclusionDate;
        s.SociallyVulnerable = r.SociallyVulnerable;
        s.Language = string.IsNullOrWhiteSpace(r.Language) ? "fr" : r.Language;
        Log(s, now, TimelineEvents.Included, r.Actor, r.Kind == PersonKind.Case ? "case" : "contact");
        if (r.SociallyVulnerable) Log(s, now, TimelineEvents.SociallyVulnerableIdentified, r.Actor, "inclusion");
        if (s.Anchor != ProtocolAnchor.InclusionDate) Log(s, now, TimelineEvents.PlanAnchored, Actors.System,
            "isolationStartDate:" + TimelineEvents.Day(s.J0));
        AddMilestone(s, MilestoneType.J2, s.J0.AddDays(2), now, Actors.System);
        if (r.SociallyVulnerable) AddMilestone(s, MilestoneType.J4, s.J0.AddDays(4), now, Actors.System);
        if (r.Kind == PersonKind.Contact) AddMilestone(s, MilestoneType.J7, s.J0.AddDays(7), now, Actors.System);
        else AddMilestone(s, MilestoneType.J9, s.J0.AddDays(9), now, Actors.System);
    }

    public static int DayOf(MilestoneType type) => Array.Find(Plan, x => x.Type == type).Day;

    /// <summary>Does everything due at <paramref name="now"/>; returns the SMS to hand to the gateway.</summary>
    public static IReadOnlyList<SmsToSend> Wake(PersonState s, DateTimeOffset now, ProtocolSettings p)
    {
        var sms = new List<SmsToSend>();
        if (!s.Included || s.Status == PersonStatus.Ended) return sms;
        foreach (var m in s.OpenMilestones.ToList())
        {
            var st = m.Sms;
            if (st.Status == SmsStatus.NotPlanned)
            {
                if (!s.PhoneIsMobile || s.SmsOptOut || s.WrongNumber)
                {
                    st.Status = SmsStatus.Skipped;
                    MakeCallDue(s, m, Max(now, Zones.ToInstant(m.DueDate, p.SmsTime, p.Zone)), urgent: false, now,
                        s.SmsOptOut ? CallDueDetail.SmsOptOut : CallDueDetail.NoMobile);
                }
                else
                {
                    st.Status = SmsStatus.Planned;
                    st.ScheduledAt = SmsSlot(Max(now, Zones.ToInstant(m.DueDate, p.SmsTime, p.Zone)), p);
                }
            }
            if (st.Status == SmsStatus.Planned && now >= st.ScheduledAt - p.SmsPrepareAhead)
            {
                // Recorded "to send" (with its token and text) up to SmsPrepareAhead before its hour, handed over at the hour.
                st.Status = SmsStatus.ToSend;
                st.MessageId = $"{s.Id:N}-{m.Id}-1";
                st.QueuedAt = now;
                Log(s, now, TimelineEvents.SmsQueued, Actors.System, m.Id);
            }
            if (st.Status == SmsStatus.ToSend && now >= Zones.ToInstant(SmsDay(st, now, p), p.SmsLatest, p.Zone))
            {
                // Still not handed to the operator at the latest SMS time (gateway down, rate limits): the call takes over.
                st.Status = SmsStatus.Skipped;
                st.PendingText = null;
                Log(s, now, TimelineEvents.SmsNotSent, Actors.Sms, m.Id);
                MakeCallDue(s, m, now, urgent: false, now, CallDueDetail.SmsNotSent);
            }
            if (st.Status == SmsStatus.ToSend && !(now < st.ScheduledAt)) sms.Add(new SmsToSend(m.Id, st.MessageId!));
            if (st.Status == SmsStatus.Sent && m.Call.DueAt is null && now >= st.SentAt + p.SmsWait)
            {
                if (st.AnsweredAt is null) MakeCallDue(s, m, st.SentAt!.Value + p.SmsWait, false, now, CallDueDetail.NoAnswer);
                else if (s.SociallyVulnerable) MakeCallDue(s, m, st.SentAt!.Value + p.SmsWait, false, now, CallDueDetail.SociallyVulnerable);
            }
        }
        return sms;
    }

    /// <summary>An SMS recorded "to send" ahead of its hour, not yet due: never handed to the gateway.</summary>
    public static bool IsPrepared(SmsStep sms, DateTimeOffset now) => sms.Status == SmsStatus.ToSend && now < sms.ScheduledAt;

    /// <summary>The day an SMS "to send" belongs to: its hour's, or its queuing's when later (a same-day retry). An SMS recorded
    /// ahead, the evening before a 00:05 hour, belongs to the next day: its latest-SMS time and its link's validity count from it.</summary>
    public static DateOnly SmsDay(SmsStep sms, DateTimeOffset now, ProtocolSettings p) => LocalDate(Later(sms.QueuedAt, sms.ScheduledAt) ?? now, p);

    /// <summary>When the questionnaire link of an SMS "to send" expires: midnight (Paris), QuestionnaireValidDays after its day.</summary>
    public static DateTimeOffset QuestionnaireExpiresAt(SmsStep sms, DateTimeOffset now, ProtocolSettings p) =>
        Zones.ToInstant(SmsDay(sms, now, p).AddDays(p.QuestionnaireValidDays), TimeOnly.MinValue, p.Zone);

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : Max(a.Value, b.Value);

    /// <summary>The next instant the person must be woken, or null when nothing is scheduled.</summary>
    public static DateTimeOffset? NextWake(PersonState s, DateTimeOffset now, ProtocolSettings p)
    {
        if (!s.Included || s.Status == PersonStatus.Ended) return null;
        DateTimeOffset? next = null;
        foreach (var m in s.OpenMilestones)
        {
            DateTimeOffset? t = m.Sms.Status switch
            {
                SmsStatus.NotPlanned => now,
                SmsStatus.Planned => m.Sms.ScheduledAt - p.SmsPrepareAhead,
                SmsStatus.ToSend => now < m.Sms.ScheduledAt ? m.Sms.ScheduledAt : now + p.SmsResendDelay,
                SmsStatus.Sent when m.Call.DueAt is null && (m.Sms.AnsweredAt is null || s.SociallyVulnerable) => m.Sms.SentAt + p.SmsWait,
                _ => null,
            };
            if (t is { } v && (next is null || v < next)) next = v;
        }
        return next;
    }

    /// <summary>The gateway accepted the SMS: the SMS-wait counts from now.</summary>
    public static void SmsSent(PersonState s, string milestoneId, DateTimeOffset now)
    {
        var m = s.FindMilestone(milestoneId);
        if (m is null || m.Sms.Status != SmsStatus.ToSend) return;
        m.Sms.Status = SmsStatus.Sent;
        m.Sms.SentAt = now;
        m.Sms.PendingText = null;
        Log(s, now, TimelineEvents.SmsSent, Actors.Sms, milestoneId);
    }

    /// <summary>The operator refused the SMS for good (invalid number): the milestone goes to a call.</summary>
    public static void SmsRejected(PersonState s, string milestoneId, DateTimeOffset now, ProtocolSettings p)
    {
        var m = s.FindMilestone(milestoneId);
        if (m is null || m.Sms.Status != SmsStatus.ToSend) return;
        m.Sms.Status = SmsStatus.Skipped;
        m.Sms.PendingText = null;
        Log(s, now, TimelineEvents.SmsRejected, Actors.Sms, milestoneId);
        MakeCallDue(s, m, now, false, now, CallDueDetail.SmsRejected);
    }

    /// <summary>A delivery report arrived for the milestone's SMS.</summary>
    public static void SmsDeliveryReport(PersonState s, string milestoneId, bool delivered, DateTimeOffset now)
    {
        var m = s.FindMilestone(milestoneId);
        if (m is null || m.Sms.Status != SmsStatus.Sent || m.Sms.DeliveredAt is not null) return;
        if (!delivered && s.Timeline.Any(e => e.Event == TimelineEvents.SmsNotDelivered && e.Detail == milestoneId)) return; // told twice
        if (delivered) m.Sms.DeliveredAt = now;
        Log(s, now, delivered ? TimelineEvents.SmsDelivered : TimelineEvents.SmsNotDelivered, Actors.Sms, milestoneId);
    }

    /// <summary>
    /// The timeline entries published (person_events) after <paramref name="s"/> was written, in order: a delivery report
    /// appends its event without writing the state (nothing the protocol decides on depends on it), so a state read back
    /// takes them from there. Each is appended as it was published (the timeline stays aligned with person_events); a
    /// delivered report also sets its milestone's delivery instant.
    /// </summary>
    public static void ReplayPublished(PersonState s, IEnumerable<TimelineEntry> published)
    {
        foreach (var e in published)
        {
            if (e.Event == TimelineEvents.SmsDelivered && e.Detail is { } id && s.FindMilestone(id) is { Sms.DeliveredAt: null } m)
                m.Sms.DeliveredAt = e.At;
            s.Timeline.Add(e);
        }
    }

    /// <summary>
    /// Milestones whose SMS was sent between <paramref name="from"/> and <paramref name="until"/> and whose delivery report
    /// this state has not heard of (neither delivered nor failed): the report may be recorded without the person having
    /// been told (the web that acknowledged it died first, or the cluster stayed away through its attempts).
    /// </summary>
    public static List<string> AwaitingDeliveryReport(PersonState s, DateTimeOffset from, DateTimeOffset until) =>
        [.. s.Milestones.Where(m => m.Sms.Status == SmsStatus.Sent && m.Sms.DeliveredAt is null && m.Sms.SentAt is { } at
            && at >= from && at <= until
            && !s.Timeline.Any(e => e.Event is TimelineEvents.SmsDelivered or TimelineEvents.SmsNotDelivered && e.Detail == m.Id))
            .Select(m => m.Id)];

    /// <summary>The person sent an SMS back: STOP (any case, any trailing text) opts out; anything else is noted for the operators.</summary>
    public static void SmsReplyReceived(PersonState s, string text, DateTimeOffset now, ProtocolSettings p)
    {
        var t = text.Trim();
        if (t.StartsWith("STOP", StringComparison.OrdinalIgnoreCase)) SmsOptOut(s, now, p);
        else Log(s, now, TimelineEvents.SmsReply, Actors.Sms, t.Length > 160 ? t[..160] : t);
    }

    /// <summary>The person replied STOP: no more SMS; calls go on (a planned SMS becomes a call).</summary>
    public static void SmsOptOut(PersonState s, DateTimeOffset now, ProtocolSettings p)
    {
        if (s.SmsOptOut) return;
        s.SmsOptOut = true;
        Log(s, now, TimelineEvents.SmsOptOut, Actors.Sms, null);
        foreach (var m in s.OpenMilestones.Where(m => m.Sms.Status == SmsStatus.Planned || IsPrepared(m.Sms, now)))
        {
            m.Sms.Status = SmsStatus.Skipped;
            m.Sms.PendingText = null;
            MakeCallDue(s, m, Max(now, Zones.ToInstant(m.DueDate, p.SmsTime, p.Zone)), false, now, CallDueDetail.SmsOptOut);
        }
    }

    /// <summary>The questionnaire of a milestone was submitted. Returns false when it cannot be accepted (closed, already answered).</summary>
    public static bool QuestionnaireAnswered(PersonState s, string milestoneId, Answers answers, DateTimeOffset now, ProtocolSettings p)
    {
        var m = s.FindMilestone(milestoneId);
        if (m is null || s.Status == PersonStatus.Ended || m.Outcome is not null || m.Sms.AnsweredAt is not null) return false;
        m.Sms.AnsweredAt = now;
        Log(s, now, TimelineEvents.QuestionnaireAnswered, Actors.Questionnaire, m.Id);
        ApplyAnswers(s, m, answers, now, Actors.Questionnaire, p);
        if (s.Status == PersonStatus.Ended || m.Outcome is not null) return true;

        var difficulty = answers.Difficulty is { } d && d != Difficulty.None || answers.SupportNeeded == true;
        if (difficulty)
        {
            if (m.Call.Claim is null) MakeCallDue(s, m, now, urgent: true, now, CallDueDetail.Difficulty, force: true);
        }
        else if (!s.SociallyVulnerable && m.Call.Claim is null)
        {
            Complete(s, m, now, Actors.Questionnaire);
        }
        return true;
    }

    /// <summary>An operator asks for this person's due call. Returns the milestone claimed, or null.</summary>
    public static Milestone? Claim(PersonState s, string callId, string operatorId, DateTimeOffset now, TimeSpan lease)
    {
        if (s.Status == PersonStatus.Ended) return null;
        var m = DueCall(s, now);
        if (m is null) return null;
        if (m.Call.Claim is { } c && c.LeaseUntil > now && c.OperatorId != operatorId) return null;
        m.Call.Claim = new CallClaim { CallId = callId, OperatorId = operatorId, ClaimedAt = now, LeaseUntil = now + lease };
        Log(s, now, TimelineEvents.CallClaimed, Actors.Operator(operatorId), m.Id);
        return m;
    }

    /// <summary>The open milestone whose call is due now (earliest first), if any.</summary>
    public static Milestone? DueCall(PersonState s, DateTimeOffset now) =>
        s.OpenMilestones.Where(m => m.Call.DueAt is { } d && d <= now).OrderByDescending(m => m.Call.Urgent).ThenBy(m => m.Call.DueAt)
            .FirstOrDefault();

    public static Milestone? ClaimedBy(PersonState s, string callId) =>
        s.OpenMilestones.FirstOrDefault(m => m.Call.Claim?.CallId == callId);

    public static CallActionResult Start(PersonState s, string callId, string operatorId, DateTimeOffset now)
    {
        var check = CheckClaim(s, callId, operatorId, now, out var m);
        if (check.Status != CallActionStatus.Ok) return check;
        m!.Call.Claim!.StartedAt ??= now;
        Log(s, now, TimelineEvents.CallStarted, Actors.Operator(operatorId), m.Id);
        return CallActionResult.Ok;
    }

    public static void Release(PersonState s, string callId, DateTimeOffset now)
    {
        var m = ClaimedBy(s, callId);
        if (m is null) return;
        var op = m.Call.Claim!.OperatorId;
        m.Call.Claim = null;
        Log(s, now, TimelineEvents.CallReleased, Actors.Operator(op), m.Id);
    }

    /// <summary>
    /// True when <paramref name="requestId"/> is the request that recorded <paramref name="callId"/>'s outcome: the same
    /// request sent again because its answer was lost (a silo killed, a timeout), to be answered as the first time, not
    /// as a conflict. Another request for a call already ended stays a conflict.
    /// </summary>
    public static bool IsRepeat(PersonState s, string callId, Guid? requestId) =>
        requestId is { } id && s.ClosedCallIds.Contains(callId)
        && s.Milestones.Any(m => m.Call.Attempts.Any(a => a.CallId == callId && a.RequestId == id));

    /// <summary>Records what happened on a call, then applies the tender's consequences.</summary>
    public static CallActionResult RecordOutcome(PersonState s, string callId, string operatorId, OutcomeRequest r, DateTimeOffset now,
        ProtocolSettings p,
        PlatformCalendar? calendar = null)
    {
        var check = CheckClaim(s, callId, operatorId, now, out var m);
        if (check.Status != CallActionStatus.Ok) return check;
        if (r.Outcome == CallOutcome.CallbackRequested && (r.CallbackAt is not { } cb || cb <= now))
            return new(CallActionStatus.Invalid, "callbackAt: a future date and time is required for callbackRequested.");
        if (r.Outcome is CallOutcome.Refused or CallOutcome.Dropout && string.IsNullOrWhiteSpace(r.Reason))
            return new(CallActionStatus.Invalid, "reason: required for refused and dropout.");

        var claim = m!.Call.Claim!;
        var actor = r.ApiKeyName is { } key ? Actors.ApiFor(key, operatorId) : Actors.Operator(operatorId);
        m.Call.Claim = null;
        s.ClosedCallIds.Add(callId);
        m.Call.Attempts.Add(new CallAttempt
        {
            CallId = callId,
            OperatorId = operatorId,
            StartedAt = claim.StartedAt,
            EndedAt = now,
            Outcome = r.Outcome,
            Reason = r.Reason,
            RequestId = r.RequestId,
        });
        var attempt = m.Call.Attempts[^1];
        Log(s, now, TimelineEvents.CallOutcome, actor,
            new CallOutcomeDetail(m.Id, r.Outcome.ToString(), m.Call.Attempts.Count, attempt.DurationSeconds, r.Reason).Format());
        if (s.CallWindow is not null && CallWindows.Contains(s.CallWindow,
            TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(attempt.StartedAt ?? now, p.Zone).DateTime)))
            Log(s, now, TimelineEvents.CallInWindow, Actors.System, TimelineEvents.MilestoneDetail(m.Id, s.CallWindow));

        switch (r.Outcome)
        {
            case CallOutcome.Reached:
                m.Call.Urgent = false;
                ApplyAnswers(s, m, r.Answers, now, actor, p);
                if (s.Status == PersonStatus.Active && m.Outcome is null) Complete(s, m, now, actor);
                break;
            case CallOutcome.NoAnswer or CallOutcome.Busy or CallOutcome.Voicemail:
                m.Call.FailedAttempts++;
                if (m.Call.FailedAttempts >= 2)
                {
                    m.Outcome = MilestoneOutcome.Unreachable;
                    Log(s, now, TimelineEvents.Unreachable, Actors.System, m.Id);
                    EndIfDone(s, now);
                }
                else
                {
                    var (retryAt, late) = RetryAt(now, p, calendar);
                    m.Call.DueAt = retryAt;
                    Log(s, now, TimelineEvents.RetryScheduled, Actors.System, new CallScheduledDetail(m.Id, retryAt).Format());
                    if (late) Log(s, now, TimelineEvents.RetryLate, Actors.System, m.Id);
                }
                break;
            case CallOutcome.WrongNumber:
                s.WrongNumber = true;
                m.Outcome = MilestoneOutcome.Unreachable;
                Log(s, now, TimelineEvents.WrongNumber, actor, m.Id);
                EndIfDone(s, now);
                break;
            case CallOutcome.CallbackRequested:
                m.Call.CallbackAt = r.CallbackAt;
                m.Call.DueAt = r.CallbackAt;
                Log(s, now, TimelineEvents.CallbackScheduled, actor, new CallScheduledDetail(m.Id, r.CallbackAt!.Value).Format());
                break;
            case CallOutcome.Refused:
                End(s, EndReason.Refused, r.Reason, now, actor);
                break;
            case CallOutcome.Dropout:
                End(s, EndReason.Dropout, r.Reason, now, actor);
                break;
        }
        return CallActionResult.Ok;
    }

    /// <summary>
    /// When the retry of an unanswered call is due (tender: renewed once the same day). The gap is RetryGap; when that
    /// falls at or after closing it shrinks — to leave RetryMinGap before closing when it can, never under RetryMinGap
    /// after the failed call — as long as at least RetryMinGap remains before closing. Otherwise the retry goes to the
    /// next opening and is late. Without a calendar (or on a closed day) the gap is applied as is.
    /// </summary>
    public static (DateTimeOffset At, bool Late) RetryAt(DateTimeOffset now, ProtocolSettings p, PlatformCalendar? calendar)
    {
        var plain = now + p.RetryGap;
        if (calendar is null) return (plain, false);
        var closing = calendar.ClosingOf(calendar.LocalDate(now));
        if (closing is { } close && now < close)
        {
            if (plain < close) return (plain, false);
            if (close - now >= p.RetryMinGap)
            {
                var at = Max(now + p.RetryMinGap, close - p.RetryMinGap);
                if (at >= close) at = close.AddMinutes(-1); // exactly RetryMinGap left: the last minute of the day
                return (at, false);
            }
        }
        return (calendar.NextOpenAt(plain) ?? plain, true);
    }

    /// <summary>Sets or clears the preferred call window; an invalid value changes nothing.</summary>
    public static void SetCallWindow(PersonState s, string? window, DateTimeOffset now, string actor)
    {
        string? value = null;
        if (!string.IsNullOrWhiteSpace(window))
        {
            if (!CallWindows.TryParse(window, out _, out _, out var normalized)) return;
            value = normalized;
        }
        if (s.CallWindow == value) return;
        s.CallWindow = value;
        Log(s, now, TimelineEvents.CallWindowSet, actor, value);
    }

    /// <summary>Sets the date of the last contact with the confirmed case (contacts): the recommended test date follows.</summary>
    public static void SetLastContactDate(PersonState s, DateOnly? date, DateTimeOffset now, string actor)
    {
        if (s.Kind != PersonKind.Contact || s.LastContactDate == date) return;
        s.LastContactDate = date;
        Log(s, now, TimelineEvents.LastContactDateSet, actor, date is { } d ? TimelineEvents.Day(d) : null);
    }

    /// <summary>Ends the follow-up: no more SMS or calls.</summary>
    public static void End(PersonState s, EndReason reason, string? text, DateTimeOffset now, string actor)
    {
        if (s.Status == PersonStatus.Ended) return;
        foreach (var m in s.OpenMilestones.ToList())
        {
            m.Outcome = MilestoneOutcome.Cancelled;
            m.Call.Claim = null;
        }
        s.Status = PersonStatus.Ended;
        s.EndReason = reason;
        s.EndReasonText = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        Log(s, now, TimelineEvents.FollowUpEnded, actor, new FollowUpEndDetail(reason.ToString(), s.EndReasonText).Format());
    }

    /// <summary>
    /// A callback arranged outside a call (API): the open contact's call (the one already due, else the earliest whose
    /// day has come) becomes due at <paramref name="at"/>, as an operator's "callback requested" would make it.
    /// </summary>
    public static CallActionResult ScheduleCallback(PersonState s, DateTimeOffset at, DateTimeOffset now, string actor, ProtocolSettings p)
    {
        if (at <= now) return new(CallActionStatus.Invalid, "at: a future date and time is required.");
        if (s.Status == PersonStatus.Ended) return new(CallActionStatus.Conflict, "The follow-up has ended: no more calls.");
        var today = LocalDate(now, p);
        var m = s.OpenMilestones.Where(x => x.Call.DueAt is not null).OrderBy(x => x.Call.DueAt).FirstOrDefault()
            ?? s.OpenMilestones.Where(x => x.DueDate <= today).OrderBy(x => x.DueDate).FirstOrDefault();
        if (m is null) return new(CallActionStatus.Conflict, "No contact is open today: nothing to call back yet.");
        if (m.Call.Claim is { } c && c.LeaseUntil > now) return new(CallActionStatus.Conflict, "This person's call is in an operator's hands.");
        m.Call.CallbackAt = at;
        m.Call.DueAt = at;
        Log(s, now, TimelineEvents.CallbackScheduled, actor, new CallScheduledDetail(m.Id, at).Format());
        return CallActionResult.Ok;
    }

    /// <summary>A corrected phone number: future SMS and calls use it; a wrong-number mark is cleared.</summary>
    public static void CorrectPhone(PersonState s, string phone, bool mobile, DateTimeOffset now, string actor)
    {
        if (s.Phone == phone && s.PhoneIsMobile == mobile && !s.WrongNumber) return;
        s.Phone = phone;
        s.PhoneIsMobile = mobile;
        s.WrongNumber = false;
        Log(s, now, TimelineEvents.PhoneCorrected, actor, null);
    }

    /// <summary>Sets or clears social vulnerability (supervisor correction): adds or removes J4 while it is still ahead.</summary>
    public static void SetSociallyVulnerable(PersonState s, bool vulnerable, DateTimeOffset now, string actor, ProtocolSettings p)
    {
        if (s.Status == PersonStatus.Ended || s.SociallyVulnerable == vulnerable) return;
        if (vulnerable) { MarkVulnerable(s, now, actor, p, "record"); return; }
        s.SociallyVulnerable = false;
        Log(s, now, TimelineEvents.SociallyVulnerableCleared, actor, null);
        var today = LocalDate(now, p);
        var j4 = s.OpenMilestones.FirstOrDefault(m => m.Type == MilestoneType.J4 && m.DueDate > today
            && m.Sms.Status is SmsStatus.NotPlanned or SmsStatus.Planned);
        if (j4 is not null)
        {
            j4.Outcome = MilestoneOutcome.Cancelled;
            Log(s, now, TimelineEvents.MilestoneCancelled, actor, j4.Id);
            EndIfDone(s, now);
        }
    }

    private static void ApplyAnswers(PersonState s, Milestone m, Answers a, DateTimeOffset now, string actor, ProtocolSettings p)
    {
        m.Answers = a;
        if (m.Type == MilestoneType.J2 && a.Consent == false)
        {
            End(s, EndReason.Refused, "consentRefused", now, actor);
            return;
        }
        if (a.Difficulty is { } d && d != Difficulty.None || a.SupportNeeded == true)
            Log(s, now, TimelineEvents.CtaiReferral, actor, TimelineEvents.MilestoneDetail(m.Id, s.Department,
                (a.Difficulty is { } dd && dd != Difficulty.None ? dd : Difficulty.Other).ToString().ToLowerInvariant()));
        if (a.PreferredCallWindow is { Length: > 0 } window) SetCallWindow(s, window, now, actor);
        if (a.MobileTeamNeeded == true) Log(s, now, TimelineEvents.MobileTeamReferral, actor, TimelineEvents.MilestoneDetail(m.Id, s.Department));
        if (a.SociallyVulnerable is { } vulnerable) Log(s, now, TimelineEvents.VulnerabilityAssessed, actor,
            TimelineEvents.VulnerabilityAssessedDetail(m.Id, vulnerable));
        if (a.SociallyVulnerable == true && !s.SociallyVulnerable) MarkVulnerable(s, now, actor, p, m.Id);

        switch (a.TestResult)
        {
            case TestResult.Negative when a.Symptoms != true:
                Log(s, now, TimelineEvents.QuarantineLifted, actor, m.Id);
                break;
            case TestResult.Negative:
                Log(s, now, TimelineEvents.SymptomsSeeDoctor, actor, m.Id);
                break;
            case TestResult.Positive:
                Log(s, now, TimelineEvents.PositiveDeclared, actor, m.Id);
                break;
            case TestResult.NotReceived:
                Log(s, now, TimelineEvents.TestResultPending, actor, m.Id);
                break;
            case TestResult.NotDone:
                Log(s, now, TimelineEvents.TestNotDone, actor, m.Id);
                if (m.Type == MilestoneType.J7 && !s.Milestones.Any(x => x.Type == MilestoneType.J7TestFollowUp))
                    AddMilestone(s, MilestoneType.J7TestFollowUp, LocalDate(now, p).AddDays(p.TestFollowUpDelayDays), now, actor);
                break;
        }

        if (m.Type == MilestoneType.J9)
        {
            if (a.IsolationEnded == true) Log(s, now, TimelineEvents.IsolationEnded, actor, m.Id);
            else if (a.IsolationProlongedUntil is { } until)
            {
                Log(s, now, TimelineEvents.IsolationProlonged, actor, TimelineEvents.MilestoneDetail(m.Id, TimelineEvents.Day(until)));
                if (until > LocalDate(now, p)) AddMilestone(s, MilestoneType.J9, until, now, actor);
            }
        }
    }

    private static void MarkVulnerable(PersonState s, DateTimeOffset now, string actor, ProtocolSettings p, string where)
    {
        s.SociallyVulnerable = true;
        Log(s, now, TimelineEvents.SociallyVulnerableIdentified, actor, where);
        var j4 = s.J0.AddDays(4);
        if (j4 >= LocalDate(now, p) && !s.Milestones.Any(m => m.Type == MilestoneType.J4 && m.Outcome != MilestoneOutcome.Cancelled))
            AddMilestone(s, MilestoneType.J4, j4, now, actor);
    }

    private static void AddMilestone(PersonState s, MilestoneType type, DateOnly due, DateTimeOffset now, string actor)
    {
        var n = s.Milestones.Count(m => m.Type == type);
        var id = n == 0 ? type.ToString() : $"{type}-{n + 1}";
        s.Milestones.Add(new Milestone { Id = id, Type = type, DueDate = due });
        Log(s, now, TimelineEvents.MilestoneScheduled, actor, new MilestoneScheduledDetail(id, due).Format());
    }

    private static void MakeCallDue(PersonState s, Milestone m, DateTimeOffset dueAt, bool urgent, DateTimeOffset now, string why, bool force = false)
    {
        if (m.Call.DueAt is not null && !force) return;
        m.Call.DueAt = m.Call.DueAt is { } existing && existing < dueAt ? existing : dueAt;
        m.Call.Urgent |= urgent;
        Log(s, now, TimelineEvents.CallDue, Actors.System, new CallDueDetail(m.Id, why, m.Call.DueAt.Value).Format());
    }

    private static void Complete(PersonState s, Milestone m, DateTimeOffset now, string actor)
    {
        m.Outcome = MilestoneOutcome.Completed;
        Log(s, now, TimelineEvents.MilestoneCompleted, actor, m.Id);
        EndIfDone(s, now);
    }

    private static void EndIfDone(PersonState s, DateTimeOffset now)
    {
        if (s.Status == PersonStatus.Active && s.Milestones.All(m => m.Outcome is not null))
        {
            s.Status = PersonStatus.Ended;
            s.EndReason = EndReason.Completed;
            Log(s, now, TimelineEvents.FollowUpEnded, Actors.System, nameof(EndReason.Completed));
        }
    }

    private static CallActionResult CheckClaim(PersonState s, string callId, string operatorId, DateTimeOffset now, out Milestone? m)
    {
        m = ClaimedBy(s, callId);
        if (s.ClosedCallIds.Contains(callId)) return new(CallActionStatus.Conflict, "An outcome was already recorded for this call.");
        if (m is null) return new(CallActionStatus.Expired,
            "This call is no longer assigned to you (its claim expired or was released); take the next call.");
        var c = m.Call.Claim!;
        if (c.OperatorId != operatorId) return new(CallActionStatus.Conflict, "This call is assigned to another operator.");
        if (c.LeaseUntil <= now) return new(CallActionStatus.Expired, "The claim on this call expired; take the next call.");
        return CallActionResult.Ok;
    }

    /// <summary>First instant at or after <paramref name="at"/> when an SMS may go out.</summary>
    public static DateTimeOffset SmsSlot(DateTimeOffset at, ProtocolSettings p)
    {
        var local = TimeZoneInfo.ConvertTime(at, p.Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        for (var i = 0; i < 14; i++, date = date.AddDays(1), time = TimeOnly.MinValue)
        {
            if (!p.SmsDays.Contains(date.DayOfWeek) || !p.SmsOnHolidays && FrenchHolidays.IsHoliday(date) || time > p.SmsLatest) continue;
            return time <= p.SmsTime ? Zones.ToInstant(date, p.SmsTime, p.Zone) : at;
        }
        return at;
    }

    public static DateOnly LocalDate(DateTimeOffset now, ProtocolSettings p) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, p.Zone).DateTime);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static void Log(PersonState s, DateTimeOffset at, string evt, string actor, string? detail) =>
        s.Timeline.Add(new TimelineEntry(at, evt, actor, detail));
}
