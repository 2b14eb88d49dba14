using Dapper;
using FollowUp.Silo.Privacy;
using Npgsql;

namespace FollowUp.Tests.Infrastructure;

/// <summary>The database reads timeline details through the views of db/0070 the way the C# types read them.</summary>
public class TimelineEventViewsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static async Task<NpgsqlDataSource> WithEventsAsync(string name, Guid person, params (string Event, string? Detail)[] events)
    {
        var ds = NpgsqlDataSource.Create(TestDatabase.Create(name));
        await using var conn = await ds.OpenConnectionAsync();
        for (var i = 0; i < events.Length; i++)
            await conn.ExecuteAsync(
                "INSERT INTO person_events (person_id, seq, at, event, actor, detail) VALUES (@person, @i, @at, @e, 'system', @d)",
                new { person, i, at = Noon.UtcDateTime, e = events[i].Event, d = events[i].Detail });
        return ds;
    }

    [Fact]
    public async Task Milestones_and_due_calls_are_read_as_columns()
    {
        var person = Guid.NewGuid();
        await using var ds = await WithEventsAsync("tlviews", person,
            (TimelineEvents.MilestoneScheduled, new MilestoneScheduledDetail("J9-2", new DateOnly(2026, 11, 30)).Format()),
            (TimelineEvents.CallDue, new CallDueDetail("J9-2", CallDueDetail.NoMobile, Noon).Format()),
            (TimelineEvents.MilestoneCancelled, "J9-2"),
            (TimelineEvents.CallOutcome, new CallOutcomeDetail("J2", "NoAnswer", 1, 120, null).Format()));
        await using var conn = await ds.OpenConnectionAsync();
        var m = await conn.QuerySingleAsync<(string Id, string Type, DateTime Due)>("SELECT milestone_id, milestone, due_date FROM milestone_events");
        Assert.Equal(("J9-2", "J9", new DateTime(2026, 11, 30)), m);
        var c = await conn.QuerySingleAsync<(string Id, string Reason, DateTime DueAt)>("SELECT milestone_id, reason, due_at FROM call_due_events");
        Assert.Equal(("J9-2", CallDueDetail.NoMobile, Noon.UtcDateTime), (c.Id, c.Reason, c.DueAt.ToUniversalTime()));
        Assert.Equal("J9-2", await conn.QuerySingleAsync<string>("SELECT milestone_id FROM milestone_cancelled_events"));
    }

    [Fact]
    public async Task The_database_scrub_keeps_what_the_silo_scrub_keeps()
    {
        var person = Guid.NewGuid();
        (string Event, string? Detail)[] events =
        [
            (TimelineEvents.CallOutcome, "J2:Refused:2:245:notConcerned: déjà isolé"),
            (TimelineEvents.CallOutcome, "J2:NoAnswer:1:120:"),
            (TimelineEvents.CallOutcome, "J4:Reached:1::"),
            (TimelineEvents.FollowUpEnded, "Refused:notConcerned: déjà isolé"),
            (TimelineEvents.FollowUpEnded, "Dropout: "),
            (TimelineEvents.FollowUpEnded, "Completed"),
            (TimelineEvents.FollowUpEnded, "Unreachable:gone"),
            (TimelineEvents.SmsReply, "Merci: ok"),
            (TimelineEvents.MilestoneScheduled, "J2:2026-11-28"),
        ];
        await using var ds = await WithEventsAsync("tlscrub", person, events);
        await using var conn = await ds.OpenConnectionAsync();
        Assert.Equal(8, await conn.ExecuteScalarAsync<int>("SELECT person_events_scrub(@person)", new { person }));
        var scrubbed = (await conn.QueryAsync<string?>(
            "SELECT detail FROM person_events WHERE person_id = @person ORDER BY seq", new { person })).ToList();
        Assert.Equal(events.Select(e => PersonalData.ScrubDetail(e.Event, e.Detail)), scrubbed);
    }
}
