using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>
/// Npgsql's automatic preparation for the silo's pool (our tables): the hot path sends the same few statements for
/// every person (state, index row, due calls, events, reminder upsert), each parsed and planned by PostgreSQL every
/// time until prepared. With it, a statement used <see cref="MinUsages"/> times on a connection is prepared there and
/// later sends only its parameters (Npgsql keeps the <see cref="Statements"/> most used per connection). A connection
/// string that sets <c>Max Auto Prepare</c> itself keeps its own setting.
/// </summary>
public static class AutoPrepare
{
    /// <summary>Statements kept prepared per connection.</summary>
    public const int Statements = 64;
    /// <summary>Uses on a connection before a statement is prepared there.</summary>
    public const int MinUsages = 2;

    /// <summary><paramref name="connectionString"/> with automatic preparation on (unless it says otherwise).</summary>
    public static string Apply(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        if (b.MaxAutoPrepare > 0) return connectionString;
        b.MaxAutoPrepare = Statements;
        b.AutoPrepareMinUsages = MinUsages;
        return b.ConnectionString;
    }
}
