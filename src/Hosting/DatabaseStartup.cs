namespace FollowUp;

/// <summary>
/// A process starting while PostgreSQL restarts (or is not up yet) waits for it instead of exiting: each start-up step
/// that needs the database (migrations, the connection budget check) is tried again while the failure is the database
/// away (<see cref="DatabaseFailure.IsUnavailable"/>: refused, starting up, shutting down), for <see cref="Patience"/>.
/// A wrong connection string, password or database fails at once. In the chaos run a silo restarted at the moment
/// of PostgreSQL's restart exited on "57P03: the database system is shutting down" and stayed down.
/// </summary>
public static class DatabaseStartup
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(Func<Task> step, string what, Action<string>? tell = null)
    {
        var until = DateTime.UtcNow + Patience;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await step();
                return;
            }
            catch (Exception ex) when (DatabaseFailure.IsUnavailable(ex) && DateTime.UtcNow < until)
            {
                (tell ?? Console.Error.WriteLine)($"{what}: the database is away ({ex.Message}); trying again.");
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 250 * attempt)));
            }
        }
    }
}
