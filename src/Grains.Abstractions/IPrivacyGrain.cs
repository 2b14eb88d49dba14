namespace FollowUp;

/// <summary>The RGPD retention purge, one per cluster (key 0): daily, driven by a reminder; batches with progress in the log.</summary>
[Alias("FollowUp.IPrivacyGrain")]
public interface IPrivacyGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the daily reminder exists (idempotent; called by each silo at start).</summary>
    [Alias("Start")] Task Start();
    /// <summary>Runs the purge unless one succeeded on the platform's (Paris) today (a failed one is tried again); returns whether it ran.</summary>
    [Alias("Tick")] Task<bool> Tick();
}
