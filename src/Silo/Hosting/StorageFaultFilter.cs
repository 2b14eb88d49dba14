using Microsoft.Extensions.Logging;

namespace FollowUp.Silo.Hosting;

/// <summary>
/// A grain call that met the database away (restart, broken pooled connection, unreachable server) answers a
/// serializable <see cref="StorageUnavailableException"/> (SQLSTATE, no personal data) instead of Npgsql's exception,
/// which Orleans cannot carry to the caller (it arrived as a CodecNotFoundException). The activation is deactivated:
/// its state in memory may be ahead of what storage holds (a write failed), so the next call, or the caller's retry
/// (<see cref="TransientFailureRetry"/>), reloads it from storage on a fresh connection.
/// </summary>
public sealed class StorageFaultFilter(ILogger<StorageFaultFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (ex is StorageUnavailableException || DatabaseFailure.IsUnavailable(ex))
        {
            context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "The database was unavailable."));
            if (ex is StorageUnavailableException) throw;
            var sqlState = DatabaseFailure.SqlState(ex);
            logger.LogWarning("{Interface}.{Method}: database unavailable ({Error} {SqlState}); the activation is dropped",
                context.InterfaceName, context.MethodName, DatabaseFailure.Find(ex)!.GetType().Name, sqlState);
            throw new StorageUnavailableException(sqlState,
                $"The database is unavailable ({sqlState ?? "connection failure"}); nothing was applied, try again.");
        }
    }
}
