using System.Net.Sockets;
using Npgsql;

namespace FollowUp;

/// <summary>
/// Tells a database that is away (restarting, unreachable, a pooled connection broken by a restart, no connection to
/// be had) from a failure of the statement itself: the first is worth a retry on a fresh connection, or a 503; the
/// second is a bug or bad data and must not be retried.
/// </summary>
public static class DatabaseFailure
{
    /// <summary>The Npgsql exception in <paramref name="exception"/> or its inner exceptions that says the database is unavailable; null when none
    /// does.</summary>
    public static NpgsqlException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is NpgsqlException n && IsUnavailable(n)) return n;
        return null;
    }

    public static bool IsUnavailable(Exception? exception) => Find(exception) is not null;

    /// <summary>The SQLSTATE of the failure when the server sent one (57P01 …), else null (a network error).</summary>
    public static string? SqlState(Exception? exception) => (Find(exception) as PostgresException)?.SqlState;

    private static bool IsUnavailable(NpgsqlException e) => e is PostgresException p
        ? p.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exceptions
            || p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections
        : e.IsTransient || e.InnerException is IOException or SocketException or TimeoutException;
}
