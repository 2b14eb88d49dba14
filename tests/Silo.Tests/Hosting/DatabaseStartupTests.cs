using Npgsql;

namespace FollowUp.Tests.Hosting;

/// <summary>A start-up step meets PostgreSQL restarting: it waits and goes on; a wrong password fails at once.</summary>
public class DatabaseStartupTests
{
    [Fact]
    public async Task A_step_that_meets_the_database_restarting_is_tried_again_until_it_answers()
    {
        var attempts = 0;
        var told = new List<string>();
        await DatabaseStartup.RunAsync(() =>
        {
            if (++attempts < 3) throw new PostgresException("the database system is shutting down", "FATAL", "FATAL", "57P03");
            return Task.CompletedTask;
        }, "Migrations", told.Add);

        Assert.Equal(3, attempts);
        Assert.Equal(2, told.Count);
        Assert.All(told, t => Assert.StartsWith("Migrations: the database is away (57P03", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_password_is_not_waited_for()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<PostgresException>(() => DatabaseStartup.RunAsync(() =>
        {
            attempts++;
            throw new PostgresException("password authentication failed", "FATAL", "FATAL", "28P01");
        }, "Migrations", _ => { }));
        Assert.Equal(1, attempts);
    }
}
