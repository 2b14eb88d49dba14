using System.Security.Claims;
using Dapper;
using FollowUp.Web.Application.Platform;
using FollowUp.Web.Application.Privacy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FollowUp.Tests.Privacy;

/// <summary>
/// A read run again after the database was away (<see cref="DatabaseReadRetry"/>) is one read: journaled once, and
/// journaled by the attempt that succeeds when the first attempt's entry could not be written.
/// </summary>
[Collection(PlatformCollection.Name)]
public class AccessJournalRetryTests(PlatformFixture fx)
{
    [Fact]
    public async Task A_read_run_again_after_the_database_was_away_is_journaled_once()
    {
        await using var db = NpgsqlDataSource.Create(fx.ConnectionString);
        var journal = new AccessJournal(db, new PlatformClock(null!, new SimulationOptions()), NullLogger<AccessJournal>.Instance);
        await journal.StartAsync(CancellationToken.None);
        var user = "retry." + Guid.NewGuid().ToString("N")[..12];
        var attempts = 0;
        var retry = new DatabaseReadRetry(async http =>
        {
            await journal.Record(http, AccessActions.PersonRead, "person", "p-1");
            if (++attempts == 1) throw new NpgsqlException("connection lost", new IOException("reset")); // the read met a dead connection
            await journal.Record(http, AccessActions.PersonRead, "person", "p-2");
        }, db);
        var context = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], "Cookies")) };
        context.Request.Method = HttpMethods.Get;

        await retry.InvokeAsync(context);
        await journal.StopAsync(CancellationToken.None);

        Assert.Equal(2, attempts);
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        var entries = (await conn.QueryAsync<string>("SELECT object_id FROM access_log WHERE user_name = @user ORDER BY object_id", new { user }))
            .ToList();
        Assert.Equal(["p-1", "p-2"], entries);
    }
}
