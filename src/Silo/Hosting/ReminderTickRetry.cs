using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace FollowUp.Silo.Hosting;

/// <summary>
/// Sends again a person's reminder tick that could not be delivered because the silo hosting the person's activation
/// was killed. Orleans' reminder service (LocalReminderService, 10.4) logs such a tick as a failure ("Could not deliver
/// reminder tick for [wake, person/…], next …": the <c>fail:</c> lines after a kill, with "Unable to connect",
/// <see cref="SiloUnavailableException"/>, or a <see cref="TimeoutException"/> when the tick was sent just before the
/// kill) and does not retry it: the reminder fires again only at its next period, so the person's wake (a J2 SMS at
/// the SMS hour) came up to 5 minutes late. Here the tick is sent again, at most 5 s apart, for up to
/// <see cref="Window"/>: once the killed silo is declared dead (<see cref="KilledSiloDetection"/>: seconds, longer on a
/// starved host) the person is activated on a live silo and the tick delivered. Any failure is sent again: a person's
/// tick cannot fail by itself (it only queues the person's wake), so a failure is the runtime's. Safe: every wake does
/// what its state says is due, so a tick delivered twice sends nothing twice. Not while this silo stops: its reminder
/// service waits for the ticks in flight.
/// </summary>
public sealed class ReminderTickRetry(IHostApplicationLifetime lifetime) : IOutgoingGrainCallFilter
{
    /// <summary>No attempt starts later than this after the first (well within the reminder's 5-minute period): a tick
    /// whose answer was lost (Orleans' 30 s response timeout) is sent again, to the person's next activation.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(2);
    private static readonly GrainType Person = GrainType.Create("person");

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.InterfaceMethod.DeclaringType != typeof(IRemindable) || !context.TargetId.Type.Equals(Person))
        {
            await context.Invoke();
            return;
        }
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure;
            try
            {
                await context.Invoke();
                failure = context.Response?.Exception;
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 100 << Math.Min(attempt - 1, 6)));
            if (failure is null || lifetime.ApplicationStopping.IsCancellationRequested
                || Stopwatch.GetElapsedTime(started) + delay > Window)
            {
                if (failure is not null && context.Response is null) throw failure;
                return; // delivered, or failed for good: Orleans logs it and the reminder fires at its next period
            }
            context.Response = null!;
            await Task.Delay(delay);
        }
    }
}
