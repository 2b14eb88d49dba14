using FollowUp.Silo.Infrastructure;
using Npgsql;

namespace FollowUp.Tests.Infrastructure;

/// <summary><see cref="Migrator"/>: a restart of the same build skips DbUp only when every script of db/ is applied.</summary>
public class MigratorTests
{
    [Fact]
    public void A_database_not_created_yet_is_not_up_to_date_and_is_then_migrated()
    {
        var cs = new NpgsqlConnectionStringBuilder(TestDatabase.Server) { Database = $"t_migrator_{Guid.NewGuid():N}" }.ConnectionString;
        Assert.False(Migrator.UpToDate(cs));
        Migrator.Migrate(cs);
        Assert.True(Migrator.UpToDate(cs));
    }

    [Fact]
    public void A_database_missing_one_script_is_not_up_to_date()
    {
        var cs = TestDatabase.Create("migrator");
        Assert.True(Migrator.UpToDate(cs));
        using (var connection = new NpgsqlConnection(cs))
        {
            connection.Open();
            using var forget = new NpgsqlCommand("UPDATE schemaversions SET scriptname = scriptname || '.renamed' "
                + "WHERE schemaversionsid = (SELECT max(schemaversionsid) FROM schemaversions)", connection);
            Assert.Equal(1, forget.ExecuteNonQuery());
        }
        Assert.False(Migrator.UpToDate(cs));
    }

    [Fact]
    public void A_database_without_the_journal_is_not_up_to_date()
    {
        var cs = TestDatabase.Create("migrator");
        using (var connection = new NpgsqlConnection(cs))
        {
            connection.Open();
            using var drop = new NpgsqlCommand("DROP TABLE schemaversions", connection);
            drop.ExecuteNonQuery();
        }
        Assert.False(Migrator.UpToDate(cs));
    }
}
