using Orleans.Concurrency;

namespace FollowUp.Silo.Grains;

/// <summary>
/// Includes an import batch: the PersonGrains called from the silo, <see cref="Concurrency"/> at a time (each of them
/// still writes its own state, index rows and reminder; the connection budget makes the rest wait). A line whose call
/// fails is answered with its error so the import tries that line again. Reentrant: the batches in flight run side by side.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class InclusionBatchGrain : Grain, IInclusionBatchGrain
{
    /// <summary>Inclusions in flight per batch.</summary>
    public const int Concurrency = 16;

    public async Task<List<InclusionBatchResult>> Include(List<InclusionRequest> requests)
    {
        var results = new InclusionBatchResult[requests.Count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(Concurrency, requests.Count)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                try
                {
                    var r = await GrainFactory.GetGrain<IPersonGrain>(PersonIds.FromExternalId(requests[i].ExternalId)).Include(requests[i]);
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
}
