using Dapper;
using Npgsql;

namespace FollowUp.Tests.Grains;

/// <summary>An operator asking "next" with nothing due writes its state once (becoming available), not at every ask.</summary>
[Collection(ClusterCollection.Name)]
public class IdleNextTests(ClusterFixture fx)
{
    [Fact]
    public async Task Asking_next_with_nothing_due_does_not_rewrite_an_unchanged_operator()
    {
        const string op = "idle-next-op";
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await conn.ExecuteAsync("INSERT INTO users (user_name, display_name, role, password_hash, departments) VALUES (@op, @op, 'Operator', " +
            "'x', @deps) ON CONFLICT DO NOTHING", new { op, deps = new[] { "idle-next" } }); // a department with nothing due
        var grain = fx.Client.GetGrain<IOperatorGrain>(op);

        Assert.Null(await grain.Next()); // offline → available: written
        var written = await VersionAsync(conn, op);
        Assert.NotNull(written);
        Assert.Equal(OperatorStatus.Available, (await grain.Get()).Status);

        for (var i = 0; i < 5; i++) Assert.Null(await grain.Next());
        Assert.Equal(written, await VersionAsync(conn, op)); // unchanged: not written again

        await grain.SetStatus(OperatorStatus.Offline, null); // a change is written as before
        var offline = await VersionAsync(conn, op);
        Assert.True(offline > written);
        Assert.Null(await grain.Next()); // offline → available again: written
        Assert.True(await VersionAsync(conn, op) > offline);
        Assert.Equal(OperatorStatus.Available, (await grain.Get()).Status);
    }

    private static Task<int?> VersionAsync(NpgsqlConnection conn, string op) => conn.ExecuteScalarAsync<int?>(
        "SELECT version FROM orleansstorage WHERE graintypestring = 'operator' AND grainidextensionstring = @op", new { op });
}
