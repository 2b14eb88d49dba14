using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FollowUp.Silo.Grains;

/// <summary>
/// Every silo asks each wake shard to stay active every few seconds (<see cref="IWakeShardGrain.Keep"/>): a shard lost
/// with its silo (killed, or leaving) is activated again on a live one at the next ask, so its persons are woken late by
/// seconds, not by their reminders' hour of safety net. Only while the silo is active: from the host's start (the silo
/// has joined) until its stop begins (the silo is still in the cluster). Off in simulation mode (the simulation's step
/// drives the shards).
/// </summary>
public sealed class WakeShardKeeper(IGrainFactory grains, SiloOptions silo, IHostApplicationLifetime lifetime, ILogger<WakeShardKeeper> logger)
    : BackgroundService
{
    internal static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        var token = stop.Token;
        using var timer = new PeriodicTimer(Every);
        var failures = 0;
        try
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
                await started.Task.WaitAsync(token);
            do
            {
                try
                {
                    await Task.WhenAll(Enumerable.Range(0, silo.WakeShards).Select(i => grains.GetGrain<IWakeShardGrain>(i).Keep()));
                    failures = 0;
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    // the cluster starting, or a silo just lost: asked again shortly
                    if (++failures % 12 == 0) logger.LogWarning("Wake shards not reached for a minute ({Error})", ex.GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(token));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested) { }
    }
}
