using FollowUp.Silo.Infrastructure;
using Orleans.Concurrency;
using Orleans.Storage;

namespace FollowUp.Silo.Grains;

/// <summary>
/// Includes an import batch: the PersonGrains called from the silo, <see cref="Concurrency"/> at a time (each of them
/// still writes its own state, index rows and reminder; the connection budget makes the rest wait). A line whose call
/// fails is answered with its error so the import tries that line again. Reentrant: the batches in flight run side by side.
/// One query asks which of the batch's persons are stored already: the others are included without reading their state
/// (<see cref="IPersonGrain.IncludeNew"/>; one included in between is included again the normal way).
/// </summary>
[StatelessWorker, Reentrant]
public sealed class InclusionBatchGrain(PersonStateStore store) : Grain, IInclusionBatchGrain
{
    /// <summary>Inclusions in flight per batch.</summary>
    public const int Concurrency = 16;

    public async Task<List<InclusionBatchResult>> Include(List<InclusionRequest> requests)
    {
        var results = new InclusionBatchResult[requests.Count];
        var ids = requests.Select(r => PersonIds.FromExternalId(r.ExternalId)).ToList();
        var stored = await store.StoredAsync(ids);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(Concurrency, requests.Count)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                try
                {
                    var person = GrainFactory.GetGrain<IPersonGrain>(ids[i]);
                    var r = stored.Contains(ids[i]) ? await person.Include(requests[i]) : await IncludeNewAsync(person, requests[i]);
                    results[i] = new InclusionBatchResult(r.Created, null);
                }
                catch (Exception ex)
                {
                    results[i] = new InclusionBatchResult(false, ex.GetType().Name);
                }
            }
        }));
        return [.. results];
    }

    private static async Task<InclusionResult> IncludeNewAsync(IPersonGrain person, InclusionRequest request)
    {
        try
        {
            return await person.IncludeNew(request);
        }
        catch (InconsistentStateException)
        {
            return await person.Include(request); // stored in between (another import, the API): its state is read this time
        }
    }
}
