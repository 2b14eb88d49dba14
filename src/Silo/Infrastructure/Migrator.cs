using DbUp;
using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>Applies the versioned scripts of db/ (embedded) once each; re-running is a no-op.</summary>
public static class Migrator
{
    public static void Migrate(string connectionString)
    {
        EnsureDatabase.For.PostgresqlDatabase(connectionString, new DbUp.Engine.Output.NoOpUpgradeLog());
        using var lockConnection = new NpgsqlConnection(connectionString);
        lockConnection.Open();
        using (var cmd = new NpgsqlCommand("SELECT pg_advisory_lock(4711)", lockConnection)) cmd.ExecuteNonQuery();
        try
        {
            var result = DeployChanges.To.PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly, name => name.Contains(".Db.Scripts."))
                .WithTransactionPerScript()
                .LogToNowhere()
                .Build()
                .PerformUpgrade();
            if (!result.Successful)
                throw new InvalidOperationException($"Database migration failed in script {result.ErrorScript?.Name}: {result.Error.Message}",
                    result.Error);
        }
        finally
        {
            using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(4711)", lockConnection);
            unlock.ExecuteNonQuery();
        }
    }
}
