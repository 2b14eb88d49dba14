using Microsoft.Extensions.Logging;

namespace FollowUp;

/// <summary>
/// Retries a call to a person, operator or calendar grain that failed because its silo was leaving or gone
/// (<see cref="OrleansMessageRejectionException"/>: rejected before it ran; <see cref="SiloUnavailableException"/>:
/// the silo was declared dead): the grain is activated again on a live silo. Safe because these grains' methods are
/// idempotent (inclusion by externalId, every wake, "next" returns the call in hand, a repeated outcome changes
/// nothing and is answered Conflict), so a silo stopping or killed under load costs a short wait, not an error.
/// Registered on every silo and on the web's cluster client.
/// </summary>
public sealed class TransientFailureRetry(ILogger<TransientFailureRetry> logger) : IOutgoingGrainCallFilter
{
    private const int Attempts = 8;
    private static readonly HashSet<string> Retried = [typeof(IPersonGrain).FullName!, typeof(IOperatorGrain).FullName!, typeof(ICalendarGrain).FullName!];

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (!Retried.Contains(context.InterfaceMethod.DeclaringType?.FullName ?? ""))
        {
            await context.Invoke();
            return;
        }
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure;
            try
            {
                await context.Invoke();
                failure = context.Response?.Exception;
            }
            catch (Exception ex) when (IsTransient(ex) && attempt < Attempts)
            {
                failure = ex;
            }
            if (failure is null || !IsTransient(failure) || attempt >= Attempts)
            {
                if (failure is not null && attempt > 1) logger.LogWarning("{Method} failed after {Attempts} attempts: {Error}", context.MethodName, attempt, failure.GetType().Name);
                if (failure is not null && context.Response is null) throw failure;
                return;
            }
            context.Response = null!;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 100 << (attempt - 1))));
        }
    }

    private static bool IsTransient(Exception ex) => ex is OrleansMessageRejectionException or SiloUnavailableException;
}
