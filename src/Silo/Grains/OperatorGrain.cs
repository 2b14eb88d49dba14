using FollowUp.Silo.Infrastructure;

namespace FollowUp.Silo.Grains;

/// <summary>
/// One teleoperator. "Next" reserves the best due call in the index (SKIP LOCKED, so concurrent operators never get
/// the same row) and has the person grain confirm the claim (the arbiter); a refused reservation is repaired by the
/// person and the next candidate is tried. A "next" with nothing waiting is one database statement: the reservation
/// reads the operator's departments from its staff account itself (no cache: an admin's change of them applies from
/// the operator's next ask) and, when it reserved nothing, says whether a call is waiting all the same (locked for an
/// instant: asked again); after an activation or a failed "next", one more reads a reservation of its own it may have lost.
/// </summary>
public sealed class OperatorGrain(
    [PersistentState("operator", SiloHosting.StorageName)] IPersistentState<OperatorState> state,
    [FromKeyedServices(SiloHosting.ClockKey)] TimeProvider clock,
    CallQueueStore db,
    CallQueueOptions options,
    Protocol.ProtocolSettings settings,
    Reporting.OperatorStatusLog statusLog) : Grain, IOperatorGrain
{
    private const int MaxCandidates = 20;
    private OperatorState S => state.State;
    private string Id => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();
    /// <summary>True after activation or a failed "next": this operator may hold a reservation it never received.</summary>
    private bool _lostReservationPossible = true;

    public async Task<ClaimedCall?> Next()
    {
        if (S.Current is { } current && current.LeaseUntil > Now) return current;
        var expired = S.Current is not null;
        S.Current = null;
        try
        {
            return await ReserveAndClaimAsync(expired);
        }
        catch
        {
            _lostReservationPossible = true; // the failure may have come after a reservation
            throw;
        }
    }

    /// <param name="changed">The state already differs from the stored one (a call whose lease expired was let go).</param>
    private async Task<ClaimedCall?> ReserveAndClaimAsync(bool changed)
    {
        if (_lostReservationPossible)
        {
            // A reservation of ours with no call in hand: this grain died (or its "next" failed) after reserving or
            // after the person's claim. Take that person back rather than leave them waiting for the lease to expire.
            _lostReservationPossible = false;
            changed = true; // and a failed write may have left the stored state behind: this "next" writes it
            if (await db.OwnReservationAsync(Id, Now) is { } own && await ClaimAsync(own) is { } recovered) return recovered;
        }
        // Today's closing: a preferred window that starts after it cannot hold its call back (the day would end without it).
        var calendar = new Protocol.PlatformCalendar(await GrainFactory.GetGrain<ICalendarGrain>(0).GetOpeningHours(), settings.Zone);
        var closesAt = calendar.HoursOn(calendar.LocalDate(Now))?.Close;
        for (var i = 0; i < MaxCandidates; i++)
        {
            // The operator's departments (its staff account) are read by the reservation's own statement, at every ask: an
            // admin's change applies from the next "next", with no cache here to expire and no round trip of its own.
            var reserved = await db.ReserveNextCallAsync(Id, null, Now, Now + options.Lease, settings.Zone.Id, closesAt);
            if (reserved is not { } r) break;
            if (await ClaimAsync(r.PersonId) is { } claim) return claim;
        }
        if (S.Status is OperatorStatus.Offline or OperatorStatus.WrapUp or OperatorStatus.OnCall)
        {
            await Become(OperatorStatus.Available, null);
            changed = true;
        }
        // Nothing due and nothing changed: no write (100 operators asking every few seconds in a wave wrote their unchanged
        // state at each ask, the database's costliest statement then).
        if (changed || !state.RecordExists) await state.WriteStateAsync();
        return null;
    }

    /// <summary>The person grain is the arbiter: it grants the claim (or repairs the index and refuses).</summary>
    private async Task<ClaimedCall?> ClaimAsync(Guid personId)
    {
        var claim = await GrainFactory.GetGrain<IPersonGrain>(personId).ClaimCall(Id, options.Lease);
        if (claim is null) return null;
        S.Current = claim;
        await Become(OperatorStatus.OnCall, null);
        await state.WriteStateAsync();
        return claim;
    }

    public Task<OperatorView> Get() => Task.FromResult(View());

    public async Task<OperatorView> SetStatus(OperatorStatus status, string? pauseReason)
    {
        if (status is OperatorStatus.Offline or OperatorStatus.Pause && S.Current is { } c)
        {
            S.Current = null;
            await GrainFactory.GetGrain<IPersonGrain>(c.PersonId).ReleaseCall(c.CallId);
        }
        await Become(status, status == OperatorStatus.Pause ? pauseReason : null);
        await state.WriteStateAsync();
        return View();
    }

    public async Task CallStarted(string callId)
    {
        if (S.Current?.CallId != callId) return;
        await Become(OperatorStatus.OnCall, null);
        await state.WriteStateAsync();
    }

    public async Task CallEnded(OperatorCall call)
    {
        if (S.Recent.Any(c => c.CallId == call.CallId)) return;
        RollDay();
        S.Calls++;
        if (call.Outcome == CallOutcome.Reached) S.Reached++;
        S.TalkSeconds += call.DurationSeconds ?? 0;
        S.Recent.Insert(0, call);
        if (S.Recent.Count > 100) S.Recent.RemoveAt(S.Recent.Count - 1);
        if (S.Current?.CallId == call.CallId)
        {
            S.Current = null;
            await Become(OperatorStatus.WrapUp, null);
        }
        if (S.DraftCallId == call.CallId) { S.DraftCallId = null; S.Draft = []; }
        await state.WriteStateAsync();
    }

    public Task SignOut() => SetStatus(OperatorStatus.Offline, null);

    public async Task SaveDraft(string callId, Dictionary<string, string> fields)
    {
        if (S.Current?.CallId != callId) return;
        S.DraftCallId = callId;
        S.Draft = fields;
        await state.WriteStateAsync();
    }

    public async Task ForgetPerson(Guid personId)
    {
        if (S.DraftCallId is not { } id || !id.StartsWith(personId.ToString("N"), StringComparison.Ordinal)) return;
        S.DraftCallId = null;
        S.Draft = [];
        await state.WriteStateAsync();
    }

    public Task<Dictionary<string, string>> GetDraft(string callId) =>
        Task.FromResult(S.DraftCallId == callId ? new Dictionary<string, string>(S.Draft) : []);

    /// <summary>A status change: recorded in operator_status_events (staffing "actual") and sent to the live dashboard.</summary>
    private async Task Become(OperatorStatus status, string? reason)
    {
        if (S.Status == status && S.PauseReason == reason) return;
        S.Since = Now;
        S.Status = status;
        S.PauseReason = reason;
        await statusLog.RecordAsync(Id, status, reason, S.Since);
        GrainFactory.GetGrain<IReportingAggregator>(0).Operator(new OperatorStatusView(Id, status, reason, S.Since)).Ignore();
    }

    private void RollDay()
    {
        var today = Protocol.FollowUpProtocol.LocalDate(Now, settings);
        if (S.Day == today) return;
        S.Day = today;
        S.Calls = S.Reached = S.TalkSeconds = 0;
        S.Recent.Clear();
    }

    private OperatorView View()
    {
        RollDay();
        var current = S.Current is { } c && c.LeaseUntil > Now ? c : null;
        return new OperatorView(Id, S.Status, S.PauseReason, S.Since, current, S.Day, S.Calls, S.Reached, S.TalkSeconds, S.Recent.ToList());
    }
}
