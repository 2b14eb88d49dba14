using FollowUp.Web.Application.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace FollowUp.Tests.Application.Live;

/// <summary>The web node's dashboard subscription is renewed whatever a subscription attempt threw, until the node stops.</summary>
public class DashboardRelayTests
{
    [Fact]
    public async Task A_subscription_cancelled_by_the_cluster_is_tried_again_not_abandoned()
    {
        var attempts = 0;
        var renewed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        Task Subscribe()
        {
            switch (++attempts)
            {
                case 1: throw new OperationCanceledException("a silo stopped under the call");
                case 2: throw new TimeoutException();
                case 3: return Task.CompletedTask;
                default: renewed.TrySetResult(); return Task.CompletedTask;
            }
        }

        var loop = DashboardRelay.RenewAsync(Subscribe, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(10),
            NullLogger.Instance, stop.Token);
        await renewed.Task.WaitAsync(TimeSpan.FromSeconds(30)); // a deadline for a loop that gave up, not a speed check
        Assert.False(loop.IsCompleted);
        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(attempts >= 4);
    }
}
