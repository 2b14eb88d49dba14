using Dapper;
using FollowUp.Silo.Reporting;
using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>
/// Owner of <c>person_events</c> (append-only: the published timelines; the privacy purge's database function may
/// only redact free text): appended with each person's publication (<see cref="PersonIndex"/>), read by the reports.
/// Details are read through <see cref="TimelineEvents"/> and, in SQL, through the views of db/0070.
/// </summary>
public sealed class PersonEventLog(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The command appending the timeline entries not published yet (null when there are none). An entry whose place
    /// (seq) is taken fails the command with a unique violation, so that nothing of its transaction commits: the
    /// appender's state is stale (another activation published there; <see cref="PersonStateStore.IsLostWrite"/>).
    /// <paramref name="republish"/>: the places may be taken by these same entries already (a state read from Orleans'
    /// storage, published before person_states), so a taken place is skipped.
    /// </summary>
    public static NpgsqlBatchCommand? AppendCommand(Guid personId, IReadOnlyList<TimelineEntry> timeline, int publishedEvents,
        bool republish = false)
    {
        if (publishedEvents >= timeline.Count) return null;
        var events = timeline.Skip(publishedEvents).ToList();
        return BatchCommands.Command("""
            INSERT INTO person_events (person_id, seq, at, event, actor, detail)
            SELECT $1, s, a, e, w, d FROM unnest($2::integer[], $3::timestamptz[], $4::text[], $5::text[], $6::text[]) AS t(s, a, e, w, d)
            """ + (republish ? " ON CONFLICT (person_id, seq) DO NOTHING" : ""), personId, Enumerable.Range(publishedEvents, events.Count).ToArray(),
            events.Select(e => e.At.UtcDateTime).ToArray(), events.Select(e => e.Event).ToArray(), events.Select(e => e.Actor).ToArray(),
            events.Select(e => e.Detail).ToArray());
    }

    /// <summary>The whole timelines of persons never published, in one command.</summary>
    public static NpgsqlBatchCommand AppendNewCommand(IReadOnlyList<(Guid PersonId, IReadOnlyList<TimelineEntry> Timeline)> persons)
    {
        var events = persons.SelectMany(p => p.Timeline.Select((e, i) => (p.PersonId, Seq: i, Entry: e))).ToList();
        return BatchCommands.Command("""
            INSERT INTO person_events (person_id, seq, at, event, actor, detail)
            SELECT p, s, a, e, w, d
            FROM unnest($1::uuid[], $2::integer[], $3::timestamptz[], $4::text[], $5::text[], $6::text[]) AS t(p, s, a, e, w, d)
            ON CONFLICT (person_id, seq) DO NOTHING
            """, events.Select(e => e.PersonId).ToArray(), events.Select(e => e.Seq).ToArray(), events.Select(e => e.Entry.At.UtcDateTime).ToArray(),
            events.Select(e => e.Entry.Event).ToArray(), events.Select(e => e.Entry.Actor).ToArray(), events.Select(e => e.Entry.Detail).ToArray());
    }

    /// <summary>Person events with from ≤ at &lt; to (only those named in <paramref name="only"/> when given), ordered by person
    /// then sequence.</summary>
    public async Task<List<PersonEvent>> EventsAsync(DateTimeOffset from, DateTimeOffset to, string[]? only = null)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(Guid PersonId, int Seq, DateTime At, string Event, string Actor, string? Detail)>(
            "SELECT person_id, seq, at, event, actor, detail FROM person_events WHERE at >= @from AND at < @to " +
            (only is null ? "" : "AND event = ANY(@only) ") + "ORDER BY person_id, seq",
            new { from = from.UtcDateTime, to = to.UtcDateTime, only });
        return rows.Select(r => new PersonEvent(r.PersonId, r.Seq, new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)), r.Event,
            r.Actor, r.Detail)).ToList();
    }

    /// <summary>Persons included before <paramref name="end"/> whose follow-up had not ended by then.</summary>
    public async Task<int> PersonsInFollowUpAsync(DateTimeOffset end)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<int>(
            """
            SELECT (count(*) FILTER (WHERE event = @included) - count(*) FILTER (WHERE event = @followUpEnded))::int
            FROM person_events WHERE at < @end AND event IN (@included, @followUpEnded)
            """, new { end = end.UtcDateTime, included = TimelineEvents.Included, followUpEnded = TimelineEvents.FollowUpEnded });
    }

    /// <summary>Milestones ahead between the two days, still open, with whether their call is certain (vulnerable person,
    /// no mobile, SMS opt-out).</summary>
    public async Task<List<ScheduledMilestone>> ScheduledMilestonesAsync(DateOnly from, DateOnly to)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(string Milestone, DateTime Due, bool Certain)>("""
            SELECT e.milestone, e.due_date,
                   coalesce(p.socially_vulnerable, false)
                   OR EXISTS (SELECT 1 FROM person_events o WHERE o.person_id = e.person_id AND o.event = @smsOptOut)
                   OR EXISTS (SELECT 1 FROM call_due_events c WHERE c.person_id = e.person_id
                                AND c.milestone_id = e.milestone_id AND c.reason IN (@noMobile, @smsOptOutReason))
            FROM milestone_events e
            LEFT JOIN persons p ON p.id = e.person_id
            WHERE e.due_date BETWEEN @from AND @to
              AND NOT EXISTS (SELECT 1 FROM milestone_cancelled_events x WHERE x.person_id = e.person_id AND x.milestone_id = e.milestone_id)
              AND NOT EXISTS (SELECT 1 FROM person_events y WHERE y.person_id = e.person_id AND y.event = @followUpEnded)
            """, new
        {
            from = from.ToDateTime(TimeOnly.MinValue),
            to = to.ToDateTime(TimeOnly.MinValue),
            smsOptOut = TimelineEvents.SmsOptOut,
            noMobile = CallDueDetail.NoMobile,
            smsOptOutReason = CallDueDetail.SmsOptOut,
            followUpEnded = TimelineEvents.FollowUpEnded,
        });
        return rows.Select(r => new ScheduledMilestone(r.Milestone, DateOnly.FromDateTime(r.Due), r.Certain)).ToList();
    }
}
