using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace FollowUp;

/// <summary>
/// Retries a call to a person, operator or calendar grain that failed because its silo was leaving or gone
/// (<see cref="OrleansMessageRejectionException"/>: rejected before it ran; <see cref="SiloUnavailableException"/>:
/// the silo was declared dead; <see cref="StorageUnavailableException"/>: the database was away, the activation
/// dropped; <see cref="InconsistentStateException"/>: a second activation of a person, while a silo died, lost its write to
/// the first, and nothing of its transaction committed, db/0058): the grain is activated again on a live silo, its state
/// read again from storage. Safe because these grains' methods are
/// idempotent (inclusion by externalId, every wake, "next" returns the call in hand, a repeated outcome changes
/// nothing and is answered Conflict), so a silo stopping or killed under load costs a short wait, not an error.
/// A call whose answer did not come (<see cref="TimeoutException"/>: lost with a killed silo or its gateway) or that the
/// runtime cancelled (<see cref="OperationCanceledException"/>: e.g. its activation's directory registration, while the
/// cluster changes; these methods take no token, so it is never their caller's) is sent again only if its method is
/// <see cref="SafeToRepeatAttribute"/>. Attempts go on for <see cref="Window"/> from the first one: long enough for a
/// killed silo to be declared dead (its grains then activate elsewhere) and for a starved cluster to answer (in the
/// 50,000-person chaos run at load 80-98, answers took more than two 10 s timeouts: a 20 s window turned that slowness into
/// 5xx), so the platform slows down rather than fails; the last attempt, with its own response timeout, ends within
/// 70 s, which an API client's timeout must allow (README). Registered on every silo and on the web's cluster client.
/// </summary>
public sealed class TransientFailureRetry(ILogger<TransientFailureRetry> logger) : IOutgoingGrainCallFilter
{
    /// <summary>No attempt starts later than this after the first.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<MethodInfo, bool> Repeatable = new();
    private static readonly HashSet<string> Retried = [typeof(IPersonGrain).FullName!, typeof(IOperatorGrain).FullName!, typeof(ICalendarGrain)
        .FullName!];

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (!Retried.Contains(context.InterfaceMethod.DeclaringType?.FullName ?? ""))
        {
            await context.Invoke();
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var repeatable = Repeatable.GetOrAdd(context.InterfaceMethod, m => m.IsDefined(typeof(SafeToRepeatAttribute), inherit: false));
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure;
            var thrown = false;
            try
            {
                await context.Invoke();
                failure = context.Response?.Exception;
            }
            catch (Exception ex) when (IsTransient(ex, repeatable))
            {
                failure = ex;
                thrown = true;
            }
            var delay = TimeSpan.FromMilliseconds(Math.Min(1000, 100 << Math.Min(attempt - 1, 4)));
            if (failure is null || !IsTransient(failure, repeatable) || Stopwatch.GetElapsedTime(started) + delay > Window)
            {
                if (failure is not null && attempt > 1) logger.LogWarning("{Method} failed after {Attempts} attempts: {Error}", context.MethodName,
                    attempt, failure.GetType().Name);
                // The database away shows as itself, not as the Orleans error that wraps it (e.g. a failed activation).
                var shown = StorageFailure(failure) ?? failure;
                if (shown is not null && (thrown || context.Response is null)) throw shown;
                if (shown is not null && shown != failure) context.Response = Orleans.Serialization.Invocation.Response.FromException(shown);
                return;
            }
            context.Response = null!;
            await Task.Delay(delay);
        }
    }

    private static bool IsTransient(Exception ex, bool repeatable) => ex is OrleansMessageRejectionException or SiloUnavailableException
        or InconsistentStateException || (repeatable && ex is TimeoutException or OperationCanceledException) || StorageFailure(ex) is not null;

    private static StorageUnavailableException? StorageFailure(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is StorageUnavailableException s) return s;
        return null;
    }
}
