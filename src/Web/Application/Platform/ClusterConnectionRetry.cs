using Orleans;

namespace FollowUp.Web.Application.Platform;

/// <summary>Keeps trying to reach the cluster at start (silos may start after the web), logging each failure.</summary>
public sealed class ClusterConnectionRetry(ILogger<ClusterConnectionRetry> logger) : IClientConnectionRetryFilter
{
    private int _attempt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        _attempt++;
        if (_attempt > 90) return false;
        logger.LogWarning("Cluster not reachable yet (attempt {Attempt}): {Reason}", _attempt, exception.GetType().Name);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        return true;
    }
}
