using Npgsql;

namespace FollowUp.Tests;

/// <summary>A fresh database on the run's PostgreSQL server (FOLLOWUP_TEST_DB, set by ./test.sh), migrated with db/.</summary>
public static class TestDatabase
{
    public static string Server =>
        Environment.GetEnvironmentVariable("FOLLOWUP_TEST_DB")
        ?? throw new InvalidOperationException("FOLLOWUP_TEST_DB is not set: run the tests through ./test.sh (it starts PostgreSQL).");

    public static string Create(string prefix)
    {
        var name = $"t_{prefix}_{Guid.NewGuid():N}".ToLowerInvariant(); // t_: dropped by the next ./test.sh
        var b = new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = true, MaxPoolSize = 50 };
        FollowUp.Silo.Infrastructure.Migrator.Migrate(b.ConnectionString);
        return b.ConnectionString;
    }
}
