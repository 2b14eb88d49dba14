using Dapper;
using FollowUp.Silo.Infrastructure;
using Npgsql;

namespace FollowUp.Tests.Infrastructure;

/// <summary>
/// The due-time index the wake shards read (<see cref="PersonIndex.DueInShardAsync"/>): the shards share the persons due
/// without overlap, and paging through a wave (many persons due at the same instant) neither skips nor repeats anyone.
/// </summary>
public sealed class PersonIndexTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SmsHour = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private NpgsqlDataSource _ds = null!;
    private PersonIndex _index = null!;

    public async Task InitializeAsync()
    {
        _ds = NpgsqlDataSource.Create(TestDatabase.Create("personindex"));
        _index = new PersonIndex(_ds);
        await using var conn = await _ds.OpenConnectionAsync();
        // 300 persons due at the SMS hour (the wave), 50 a minute before, 50 tomorrow, 20 with nothing to wake for.
        var persons = Enumerable.Range(0, 420).Select(i => (Id: PersonIds.FromExternalId($"due-{i}"), At: i switch
        {
            < 300 => (DateTime?)SmsHour.UtcDateTime,
            < 350 => SmsHour.AddMinutes(-1).UtcDateTime,
            < 400 => SmsHour.AddDays(1).UtcDateTime,
            _ => null,
        })).ToList();
        await conn.ExecuteAsync("""
            INSERT INTO persons (id, external_id, kind, first_name, last_name, phone, department, inclusion_date, socially_vulnerable, status,
                                 next_wake_at)
            SELECT id, id::text, 'Contact', 'A', 'B', '+33600000000', '49', '2026-11-21', false, 'active', at
            FROM unnest(@ids, @ats) AS x(id, at)
            """, new { ids = persons.Select(p => p.Id).ToArray(), ats = persons.Select(p => p.At).ToArray() });
    }

    public async Task DisposeAsync() => await _ds.DisposeAsync();

    private async Task<List<DueWake>> AllPagesAsync(int shard, int shards, int pageSize)
    {
        var all = new List<DueWake>();
        var after = DueWake.First;
        while (true)
        {
            var page = await _index.DueInShardAsync(shard, shards, SmsHour, after, pageSize);
            all.AddRange(page);
            if (page.Count < pageSize) return all;
            after = page[^1];
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public async Task The_shards_share_the_persons_due_each_once_in_due_order_across_small_pages(int shards)
    {
        var byShard = new List<List<DueWake>>();
        for (var shard = 0; shard < shards; shard++) byShard.Add(await AllPagesAsync(shard, shards, pageSize: 7));

        var all = byShard.SelectMany(s => s).ToList();
        Assert.Equal(350, all.Count); // the wave and the minute before it; not tomorrow's, not those with nothing due
        Assert.Equal(350, all.Select(d => d.Id).Distinct().Count()); // no person in two shards, nor twice in one
        Assert.All(byShard, s => Assert.Equal(s.OrderBy(d => d.At).ThenBy(d => d.Id.ToString(), StringComparer.Ordinal).Select(d => d.Id),
            s.Select(d => d.Id)));
        if (shards > 1) Assert.All(byShard, s => Assert.NotEmpty(s)); // the ids' last byte spreads them
    }
}
