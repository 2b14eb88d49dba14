using Dapper;
using Npgsql;

namespace FollowUp.Tests.Grains;

/// <summary>
/// An import batch includes the persons it found nowhere in storage without reading their state
/// (<see cref="IPersonGrain.IncludeNew"/>), and stays idempotent by externalId: a person stored already (or in between)
/// is never included twice, and every person included has its state, index row and reminder.
/// </summary>
[Collection(ClusterCollection.Name)]
public class BatchInclusionTests(ClusterFixture fx)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(ClusterFixture.Start.UtcDateTime);

    [Fact]
    public async Task A_batch_includes_new_persons_once_each_and_counts_those_already_stored_as_duplicates()
    {
        var requests = Enumerable.Range(0, 40).Select(i => Inclusions.Contact($"batch-new-{i}", Today, "48")).ToList();
        await fx.Client.GetGrain<IPersonGrain>(PersonIds.FromExternalId("batch-new-3")).Include(requests[3]); // stored before the batch

        var first = await fx.Client.GetGrain<IInclusionBatchGrain>(0).Include(requests);
        var again = await fx.Client.GetGrain<IInclusionBatchGrain>(0).Include(requests); // the file sent twice

        Assert.All(first, r => Assert.Null(r.Error));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i != 3), first.Select(r => r.Created));
        Assert.All(again, r => Assert.False(r.Created));
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        var ids = requests.Select(r => PersonIds.FromExternalId(r.ExternalId)).ToArray();
        Assert.Equal(40, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM person_states WHERE id = ANY(@ids)", new { ids }));
        Assert.Equal(40, await conn.ExecuteScalarAsync<int>("SELECT count(*)::int FROM persons WHERE id = ANY(@ids)", new { ids }));
        var keys = ids.Select(id => $"%{id:N}%").ToArray();
        Assert.Equal(40, await conn.ExecuteScalarAsync<int>(
            "SELECT count(DISTINCT grainid)::int FROM orleansreminderstable WHERE grainid LIKE ANY(@keys)", new { keys }));
    }

    [Fact]
    public async Task IncludeNew_on_a_person_stored_already_writes_nothing_of_the_new_one_and_includes_the_stored_one()
    {
        var request = Inclusions.Contact("batch-stored-already", Today, "48");
        var id = PersonIds.FromExternalId(request.ExternalId);
        var grain = fx.Client.GetGrain<IPersonGrain>(id);
        Assert.True((await grain.Include(request)).Created);
        await fx.Cluster.DeactivateAsync(grain);
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        const string Events = "SELECT count(*)::int FROM person_events WHERE person_id = @id";
        var events = await conn.ExecuteScalarAsync<int>(Events, new { id });

        Assert.False((await grain.IncludeNew(request with { FirstName = "Autre" })).Created);

        Assert.Equal(request.FirstName, (await grain.Get())!.FirstName); // the stored person, not the refused one
        Assert.Equal(request.FirstName, await conn.ExecuteScalarAsync<string>("SELECT first_name FROM persons WHERE id = @id", new { id }));
        Assert.Equal(events, await conn.ExecuteScalarAsync<int>(Events, new { id })); // no second inclusion in the timeline
    }
}
