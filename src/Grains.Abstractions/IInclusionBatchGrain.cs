namespace FollowUp;

/// <summary>
/// Includes a batch of an import file's lines from inside the cluster (a stateless worker on each silo): one message
/// from the web per batch instead of one per line, the PersonGrains called from the silo with bounded concurrency.
/// Each line's inclusion stays one PersonGrain call (idempotent by externalId), so a crash leaves every line included
/// or not.
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
