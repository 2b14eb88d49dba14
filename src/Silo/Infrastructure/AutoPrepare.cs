using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>
/// Npgsql's automatic preparation for the silo's pool (our tables): the hot path sends the same few statements for
/// every person (state, index row, due calls, events, reminder upsert), each parsed and planned by PostgreSQL every
/// time until prepared. With it, a statement used <see cref="MinUsages"/> times on a connection is prepared there and
/// later sends only its parameters (Npgsql keeps the <see cref="Statements"/> most used per connection). A connection
/// string that sets <c>Max Auto Prepare</c> itself keeps its own setting.
/// The same pool also skips Npgsql's reset of a connection given back (<c>No Reset On Close</c>): seven statements
/// (RESET ALL, CLOSE ALL, UNLISTEN *, pg_advisory_unlock_all()…) sent before the next use of every connection rented,
/// ≈ 6 rentals per SMS in a wave, for session state nothing on this pool sets (no SET, LISTEN, session advisory lock,
/// temporary table or cursor outside a transaction).
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
        b.NoResetOnClose = true;
        b.MaxAutoPrepare = Statements;
        b.AutoPrepareMinUsages = MinUsages;
        return b.ConnectionString;
    }
}
