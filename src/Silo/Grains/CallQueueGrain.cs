using FollowUp.Silo.Infrastructure;

namespace FollowUp.Silo.Grains;

/// <summary>The ARS priority order of call types (the queue itself is the due_calls index).</summary>
public sealed class CallQueueGrain(FollowUpDb db) : Grain, ICallQueueGrain
{
    public Task<CallPriorities> GetPriorities() => db.GetCallPrioritiesAsync();

    public async Task SetPriorities(CallPriorities priorities)
    {
        if (!priorities.IsComplete)
            throw new ArgumentException("order: every call type exactly once (J2, J4, J7, J7TestFollowUp, J9), and Retry at most once.");
        await db.SetCallPrioritiesAsync(priorities.WithRetry());
    }
}
