using FollowUp.Silo.Infrastructure;

namespace FollowUp.Silo.Grains;

/// <summary>The ARS priority order of call types (the queue itself is the due_calls index).</summary>
public sealed class CallQueueGrain(CallQueueStore db) : Grain, ICallQueueGrain
{
    public Task<CallPriorities> GetPriorities() => db.GetCallPrioritiesAsync();

    public async Task<SettingsChange> SetPriorities(CallPriorities priorities)
    {
        if (!priorities.IsComplete)
            return new([new SettingProblem("order",
                "every call type exactly once (J2, J4, J7, J7TestFollowUp, J9); Retry at most once (without it, it keeps its default place)")]);
        await db.SetCallPrioritiesAsync(priorities.WithRetry());
        return SettingsChange.Done;
    }
}
