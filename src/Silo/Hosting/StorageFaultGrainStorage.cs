using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace FollowUp.Silo.Hosting;

/// <summary>
/// Orleans' ADO.NET grain storage with the database's unavailability said in a form Orleans can carry: a read or write
/// that meets the database away (restart, broken pooled connection) throws <see cref="StorageUnavailableException"/>
/// instead of Npgsql's exception — also when it happens while a grain activates, outside any grain call filter, where
/// Npgsql's exception made the caller's answer fail with a CodecNotFoundException. The broken connection has already
/// made Npgsql clear the pool, so the caller's retry (<see cref="TransientFailureRetry"/>) reads on a fresh one.
/// </summary>
public sealed class StorageFaultGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Wraps the grain storage registered under <paramref name="name"/> (call after registering it).</summary>
    public static void Decorate(IServiceCollection services, string name)
    {
        var registered = services.Last(s => s.ServiceType == typeof(IGrainStorage) && s.IsKeyedService && Equals(s.ServiceKey, name));
        var factory = registered.KeyedImplementationFactory ?? throw new InvalidOperationException($"Grain storage '{name}' has no factory to wrap.");
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => new StorageFaultGrainStorage((IGrainStorage)factory(sp, key)));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(inner.ClearStateAsync(stateName, grainId, grainState));

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private static async Task Guard(Task operation)
    {
        try
        {
            await operation;
        }
        catch (Exception ex) when (DatabaseFailure.IsUnavailable(ex))
        {
            var sqlState = DatabaseFailure.SqlState(ex);
            throw new StorageUnavailableException(sqlState,
                $"The grain storage is unavailable ({sqlState ?? "connection failure"}); nothing was applied, try again.");
        }
    }
}
