using Npgsql;

namespace FollowUp;

/// <summary>
/// Runs a unit of database work again on a fresh connection when the database was away (<see cref="DatabaseFailure"/>):
/// after a PostgreSQL restart every pooled connection is dead and fails its next command once; the pool is cleared
/// (<see cref="NpgsqlDataSource.Clear"/>) and the work retried, a short wait between attempts. Only for work that is
/// safe to run twice: reads, or writes in one transaction/statement (a failed attempt committed nothing).
/// </summary>
public static class DatabaseRetry
{
    public const int Attempts = 4;

    public static Task<T> RunAsync<T>(NpgsqlDataSource db, Func<Task<T>> work) => RunCoreAsync(db, work, mayRetry: null);

    /// <summary>As <see cref="RunAsync{T}(NpgsqlDataSource, Func{Task{T}})"/>, for work with no result; <paramref name="mayRetry"/>
    /// says whether a failed attempt may still be run again (e.g. nothing of an HTTP answer sent yet).</summary>
    public static Task RunAsync(NpgsqlDataSource db, Func<Task> work, Func<bool>? mayRetry = null) =>
        RunCoreAsync(db, async () => { await work(); return true; }, mayRetry);

    private static async Task<T> RunCoreAsync<T>(NpgsqlDataSource db, Func<Task<T>> work, Func<bool>? mayRetry)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (Exception ex) when (attempt < Attempts && DatabaseFailure.IsUnavailable(ex) && (mayRetry?.Invoke() ?? true))
            {
                db.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt));
            }
        }
    }
}
