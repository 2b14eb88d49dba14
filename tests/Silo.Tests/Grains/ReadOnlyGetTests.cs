using Dapper;
using FollowUp.Silo.Protocol;
using Npgsql;

namespace FollowUp.Tests.Grains;

/// <summary>A read stays a read: activating a person to read it writes nothing (state, indexes, events, reminder, tokens).</summary>
[Collection(ClusterCollection.Name)]
public class ReadOnlyGetTests(ClusterFixture fx)
{
    [Fact]
    public async Task Get_never_writes_even_when_it_activates_the_person()
    {
        var id = PersonIds.FromExternalId("get-never-writes");
        var grain = fx.Client.GetGrain<IPersonGrain>(id);
        await grain.Include(Inclusions.Contact("get-never-writes", DateOnly.FromDateTime(ClusterFixture.Start.UtcDateTime), "83"));
        await fx.Cluster.DeactivateAsync(grain);
        var before = await SnapshotAsync(id);
        Assert.StartsWith("1@", before, StringComparison.Ordinal); // the state was written once, by the inclusion

        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await grain.Get()); // the first activates the person from storage
            await fx.Cluster.DeactivateAsync(grain);
        }

        Assert.Equal(before, await SnapshotAsync(id));
    }

    private async Task<string> SnapshotAsync(Guid id)
    {
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        var key = id.ToString("N");
        return string.Join(" | ",
            await conn.ExecuteScalarAsync<string>("SELECT version::text || '@' || updated_at::text FROM person_states WHERE id = @id", new { id }),
            await conn.ExecuteScalarAsync<string>("SELECT updated_at::text FROM persons WHERE id = @id", new { id }),
            await conn.ExecuteScalarAsync<string>("SELECT count(*)::text FROM person_events WHERE person_id = @id", new { id }),
            await conn.ExecuteScalarAsync<string>("SELECT count(*)::text FROM questionnaire_tokens WHERE person_id = @id", new { id }),
            await conn.ExecuteScalarAsync<string>("SELECT string_agg(version::text || '@' || starttime::text, ',') FROM orleansreminderstable " +
                "WHERE grainid LIKE '%' || @key || '%'", new { key }));
    }
}
