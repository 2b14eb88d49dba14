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

    public static async Task<T> RunAsync<T>(NpgsqlDataSource db, Func<Task<T>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (Exception ex) when (attempt < Attempts && DatabaseFailure.IsUnavailable(ex))
            {
                db.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt));
            }
        }
    }
}
