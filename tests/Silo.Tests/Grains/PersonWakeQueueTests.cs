using FollowUp.Silo.Grains;
using Microsoft.Extensions.Logging.Abstractions;

namespace FollowUp.Tests.Grains;

/// <summary>
/// A person waiting in the wake queue is not queued again by another tick (a wave slower than the reminders' period
/// ticks each person not yet woken again); once its wake has started, a tick queues it again.
/// </summary>
[Collection(ClusterCollection.Name)]
public class PersonWakeQueueTests(ClusterFixture fx)
{
    [Fact]
    public async Task A_person_already_waiting_is_not_queued_twice_and_is_queued_again_once_its_wake_started()
    {
        var queue = new PersonWakeQueue(fx.Client, 1, NullLogger<PersonWakeQueue>.Instance);
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        Assert.True(queue.Enqueue(a));
        Assert.False(queue.Enqueue(a)); // waiting already
        Assert.True(queue.Enqueue(b));

        await queue.StartAsync(CancellationToken.None); // one worker wakes a, then b
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(1);
            var again = false;
            while (!again && DateTime.UtcNow < deadline)
            {
                again = queue.Enqueue(a); // true once a's wake has been taken from the queue
                if (!again) await Task.Delay(50);
            }
            Assert.True(again);
        }
        finally
        {
            await queue.StopAsync(CancellationToken.None);
        }
    }
}
