using Orleans.Concurrency;

namespace FollowUp.Silo.Grains;

/// <summary>
/// One per silo (stateless worker): gathers the silo's person events, operator statuses and changed persons and hands
/// them to the <see cref="ReportingGrain"/> every 250 ms, so the cluster's single reporting grain is not called per event.
/// It holds what it has not handed over yet, so Orleans must not remove it as an idle worker between two flushes (that
/// dropped a screen's push now and then), and a deactivation hands over what it holds.
/// </summary>
[StatelessWorker(1, removeIdleWorkers: false)]
public sealed class ReportingAggregator : Grain, IReportingAggregator
{
    private List<PersonEvent> _events = [];
    private Dictionary<string, OperatorStatusView> _operators = [];
    private HashSet<Guid> _changed = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(TimeSpan.FromMilliseconds(250),
            TimeSpan.FromMilliseconds(250))
        { KeepAlive = true });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    public Task Events(List<PersonEvent> events) { _events.AddRange(events); return Task.CompletedTask; }

    public Task Operator(OperatorStatusView status) { _operators[status.OperatorId] = status; return Task.CompletedTask; }

    public Task PersonChanged(Guid personId) { _changed.Add(personId); return Task.CompletedTask; }

    /// <summary>
    /// Changed persons first and on their own: a screen waiting for its person is not held behind the figures' batch,
    /// nor lost when that batch fails (the persons stay here and go with the next flush).
    /// </summary>
    private async Task FlushAsync(CancellationToken ct)
    {
        if (_changed.Count > 0)
        {
            var changed = _changed;
            _changed = [];
            try { await GrainFactory.GetGrain<IReportingGrain>(0).PersonsChanged([.. changed]); }
            catch (Exception) { _changed.UnionWith(changed); throw; }
        }
        if (_events.Count > 0 || _operators.Count > 0)
        {
            var (events, operators) = (_events, _operators.Values.ToList());
            _events = [];
            _operators = [];
            await GrainFactory.GetGrain<IReportingGrain>(0).Apply(events, operators);
        }
    }
}
