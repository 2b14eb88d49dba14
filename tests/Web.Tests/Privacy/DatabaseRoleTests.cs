using System.Diagnostics;
using Npgsql;

namespace FollowUp.Tests.Privacy;

/// <summary>
/// Least privilege in the database (issue 15 §5): run.sh migrates as the owner, then scripts/pg-roles.sh grants the
/// platform's role. That role reads and writes rows, cannot create, alter or drop tables, cannot change the append-only
/// tables, and still runs the purge through its SECURITY DEFINER functions.
/// </summary>
public class DatabaseRoleTests
{
    private static string Root()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "FollowUp.sln"))) root = Path.GetDirectoryName(root)!;
        return root;
    }

    /// <summary>Runs run.sh's own grant function on a freshly migrated database; returns a connection string as the app role.</summary>
    private static async Task<string> AppRoleDatabaseAsync()
    {
        var owner = new NpgsqlConnectionStringBuilder(TestDatabase.Create("role"));
        var root = Root();
        var start = new ProcessStartInfo("bash",
        [
            "-c", "source scripts/pg.sh && PG_PORT=\"$1\" && source scripts/pg-roles.sh && pg_app_role \"$2\" && pg_app_url \"$2\"",
            "bash", owner.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), owner.Database!,
        ])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FOLLOWUP_ROOT"] = root;
        using var bash = Process.Start(start)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        var error = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.True(bash.ExitCode == 0, "pg_app_role failed: " + error);
        var app = new NpgsqlConnectionStringBuilder(output.Trim()) { Pooling = false };
        Assert.Equal("followup_app", app.Username);
        return app.ConnectionString;
    }

    private static async Task<PostgresException> RefusedAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task The_platforms_role_writes_rows_but_cannot_alter_drop_or_rewrite_the_journal()
    {
        await using var db = new NpgsqlConnection(await AppRoleDatabaseAsync());
        await db.OpenAsync();

        // Rows: read and write where the platform must.
        Assert.Equal(0L, await ScalarAsync(db, "SELECT count(*) FROM persons"));
        await ScalarAsync(db,
            "INSERT INTO access_log (entry_id, at, user_name, role, action, object_type, object_id, channel, ip) " +
            "VALUES (gen_random_uuid(), now() - interval '400 days', 'u', 'Admin', 'signIn', 'account', 'u', 'UI', '127.0.0.1')");

        // Schema: no DDL (42501 insufficient privilege / must be owner).
        Assert.Equal("42501", (await RefusedAsync(db, "ALTER TABLE persons ADD COLUMN x int")).SqlState);
        Assert.Equal("42501", (await RefusedAsync(db, "DROP TABLE persons")).SqlState);
        Assert.Equal("42501", (await RefusedAsync(db, "CREATE TABLE intruder (id int)")).SqlState);
        Assert.Equal("42501", (await RefusedAsync(db, "TRUNCATE persons")).SqlState);

        // The append-only tables: no UPDATE or DELETE grant at all.
        Assert.Equal("42501", (await RefusedAsync(db, "UPDATE access_log SET user_name = 'x'")).SqlState);
        Assert.Equal("42501", (await RefusedAsync(db, "DELETE FROM access_log")).SqlState);
        Assert.Equal("42501", (await RefusedAsync(db, "DELETE FROM person_events")).SqlState);

        // The purge still works through its own function (run as the owner, journal retention 365 days).
        Assert.Equal(1, await ScalarAsync(db, "SELECT access_log_purge(now() - interval '365 days')"));
        Assert.Equal(0L, await ScalarAsync(db, "SELECT count(*) FROM access_log"));
    }
}
