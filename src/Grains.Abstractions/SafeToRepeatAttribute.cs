namespace FollowUp;

/// <summary>
/// A grain method that may be sent again when its answer did not come (a <see cref="TimeoutException"/>, or the runtime
/// cancelled it: <see cref="OperationCanceledException"/>): sending it twice
/// changes nothing a single call would not have, because the grain is the arbiter (a read; "next" returns the call in hand;
/// an outcome request already recorded is answered as the first time, by its id). <see cref="TransientFailureRetry"/> sends it again after a timeout
/// (within its retry window); give such methods a <c>[ResponseTimeout]</c> shorter than Orleans' 30 s, so that a call lost
/// with a killed silo is sent again while its caller still waits.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SafeToRepeatAttribute : Attribute
{
    /// <summary>The response timeout of the methods marked so (<c>[ResponseTimeout(SafeToRepeatAttribute.Timeout)]</c>).</summary>
    public const string Timeout = "00:00:10";
}
