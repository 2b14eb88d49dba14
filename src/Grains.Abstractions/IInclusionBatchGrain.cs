namespace FollowUp;

/// <summary>
/// Includes a batch of an import file's lines from inside the cluster (a stateless worker on each silo): one message
/// from the web per batch instead of one per line. The batch's new persons due far ahead are written by the batch itself
/// (one transaction), the others through their PersonGrains with bounded concurrency; each line's inclusion is atomic
/// and idempotent by externalId, so a crash leaves every line included or not.
/// </summary>
[Alias("FollowUp.IInclusionBatchGrain")]
public interface IInclusionBatchGrain : IGrainWithIntegerKey
{
    /// <summary>One result per request, in order.</summary>
    [Alias("Include")] Task<List<InclusionBatchResult>> Include(List<InclusionRequest> requests);
}

/// <summary>A line's inclusion: created, or already there (a duplicate), or failed for now (<see cref="Error"/>: try it again).</summary>
[GenerateSerializer, Immutable, Alias("FollowUp.InclusionBatchResult")]
public sealed record InclusionBatchResult([property: Id(0)] bool Created, [property: Id(1)] string? Error);
