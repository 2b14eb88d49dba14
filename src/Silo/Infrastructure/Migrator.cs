using DbUp;
using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>Applies the versioned scripts of db/ (embedded) once each; re-running is a no-op.</summary>
public static class Migrator
{
    private const string ScriptPrefix = ".Db.Scripts.";

    public static void Migrate(string connectionString)
    {
        if (UpToDate(connectionString)) return;
        EnsureDatabase.For.PostgresqlDatabase(connectionString, new DbUp.Engine.Output.NoOpUpgradeLog());
        using var lockConnection = new NpgsqlConnection(connectionString);
        lockConnection.Open();
        using (var cmd = new NpgsqlCommand("SELECT pg_advisory_lock(4711)", lockConnection)) cmd.ExecuteNonQuery();
        try
        {
            var result = DeployChanges.To.PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly, name => name.Contains(ScriptPrefix))
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

    /// <summary>
    /// True when DbUp's journal already lists every embedded script: one query, where DbUp's own check (the database's
    /// existence through the server's maintenance database, the lock, its engine and journal read) took seconds of a
    /// silo's restart under load. Anything else — no database, no journal, a script not applied yet — takes the full path.
    /// </summary>
    public static bool UpToDate(string connectionString)
    {
        var scripts = typeof(Migrator).Assembly.GetManifestResourceNames().Where(n => n.Contains(ScriptPrefix, StringComparison.Ordinal));
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var read = new NpgsqlCommand("SELECT scriptname FROM schemaversions", connection);
            using var journal = read.ExecuteReader();
            var applied = new HashSet<string>(StringComparer.Ordinal);
            while (journal.Read()) applied.Add(journal.GetString(0));
            return scripts.All(applied.Contains);
        }
        catch (PostgresException)
        {
            return false; // no database or no journal yet, or a role that may not read it: DbUp's path decides, as before
        }
    }
}
