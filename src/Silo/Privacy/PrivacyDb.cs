using Dapper;
using Npgsql;

namespace FollowUp.Silo.Privacy;

/// <summary>The purge's statements: candidates, a person's rows outside its grain state, the table-wide retention.</summary>
public sealed class PrivacyDb(NpgsqlDataSource db)
{
    /// <summary>Persons not purged yet whose follow-up ended before <paramref name="cutoff"/> (or, still open, whose last milestone was before that
    /// day).</summary>
    public async Task<IReadOnlyList<Guid>> CandidatesAsync(DateTimeOffset cutoff, DateOnly horizon, int limit)
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<Guid>("""
            SELECT p.id FROM persons p
            WHERE p.purged_at IS NULL AND p.inclusion_date < @horizon
              AND (EXISTS (SELECT 1 FROM person_events e WHERE e.person_id = p.id AND e.event = @followUpEnded AND e.at < @cutoff)
                   OR (p.status = 'active'
                       AND NOT EXISTS (SELECT 1 FROM milestone_events e WHERE e.person_id = p.id AND e.due_date >= @horizon)))
            ORDER BY p.inclusion_date LIMIT @limit
            """,
            new
            {
                cutoff = cutoff.UtcDateTime,
                horizon = horizon.ToDateTime(TimeOnly.MinValue),
                limit,
                followUpEnded = TimelineEvents.FollowUpEnded,
            }))
            .AsList();
    }

    public async Task<DateOnly?> OldestCandidateInclusionAsync(DateOnly horizon)
    {
        await using var conn = await db.OpenConnectionAsync();
        var d = await conn.ExecuteScalarAsync<DateTime?>("SELECT min(inclusion_date) FROM persons WHERE purged_at IS NULL AND inclusion_date < " +
            "@horizon",
            new { horizon = horizon.ToDateTime(TimeOnly.MinValue) });
        return d is { } v ? DateOnly.FromDateTime(v) : null;
    }

    /// <summary>Deletes the person's rows outside its state: links, SMS records and their early delivery reports, due calls, fake-operator
    /// SMS.</summary>
    public async Task<(int Tokens, int Sms, int Reports)> DeletePersonRowsAsync(Guid personId)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var reports = await conn.ExecuteAsync(
            "DELETE FROM pending_delivery_reports WHERE provider_id IN (SELECT provider_id FROM sms_messages WHERE person_id = @personId AND " +
                "provider_id IS NOT NULL)",
            new { personId }, tx);
        var sms = await conn.ExecuteAsync("DELETE FROM sms_messages WHERE person_id = @personId", new { personId }, tx);
        sms += await conn.ExecuteAsync("DELETE FROM fake_sms WHERE message_id LIKE @prefix", new { prefix = personId.ToString("N") + "%" }, tx);
        var tokens = await conn.ExecuteAsync("DELETE FROM questionnaire_tokens WHERE person_id = @personId", new { personId }, tx);
        await conn.ExecuteAsync("DELETE FROM due_calls WHERE person_id = @personId", new { personId }, tx);
        await tx.CommitAsync();
        return (tokens, sms, reports);
    }

    /// <summary>After the grain wrote its anonymised state: scrubs the free text of its published events, redacts journal
    /// searches naming it, and marks it purged.</summary>
    public async Task FinishPersonAsync(Guid personId, string[] identifyingTerms, DateTimeOffset at)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("SELECT person_events_scrub(@personId)", new { personId }, tx);
        await conn.ExecuteAsync("SELECT access_log_redact('-infinity'::timestamptz, @terms)", new { terms = identifyingTerms }, tx);
        // The grain's upsert never rewrites external_id (the key it was found by): set here with the rest.
        await conn.ExecuteAsync("""
            UPDATE persons SET purged_at = @at, external_id = @anonymous, first_name = '', last_name = '', phone = '',
                birth_date = NULL WHERE id = @personId
            """, new { personId, at = at.UtcDateTime, anonymous = PersonalData.AnonymousExternalId(personId) }, tx);
        await tx.CommitAsync();
    }

    /// <summary>Operators (grain keys) whose kept draft is about this person.</summary>
    public async Task<IReadOnlyList<string>> OperatorsWithDraftAsync(Guid personId)
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<string>("""
            SELECT grainidextensionstring FROM orleansstorage
            WHERE grainidextensionstring IS NOT NULL AND position(@needle in convert_from(payloadbinary, 'UTF8')) > 0
            """, new { needle = $"\"DraftCallId\":\"{personId:N}-" })).AsList();
    }

    /// <summary>Table-wide retention: orphan delivery reports, old imports' rejected lines and errors, the journal.</summary>
    public async Task<Dictionary<string, int>> RetentionAsync(DateTimeOffset cutoff, DateTimeOffset journalCutoff)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var c = new Dictionary<string, int>
        {
            ["questionnaireTokens"] = await conn.ExecuteAsync("DELETE FROM questionnaire_tokens WHERE expires_at < @cutoff",
                new { cutoff = cutoff.UtcDateTime }, tx),
            ["pendingDeliveryReports"] = await conn.ExecuteAsync("DELETE FROM pending_delivery_reports WHERE received_at < @cutoff",
                new { cutoff = cutoff.UtcDateTime }, tx),
            ["importsCleared"] = await conn.ExecuteAsync("""
                UPDATE imports SET rejects_csv = NULL, errors = '[]', possible_duplicates = '[]'
                WHERE created_at < @cutoff AND (rejects_csv IS NOT NULL OR errors <> '[]'::jsonb OR possible_duplicates <> '[]'::jsonb)
                """, new { cutoff = cutoff.UtcDateTime }, tx),
            ["accessLogDeleted"] = await conn.ExecuteScalarAsync<int>("SELECT access_log_purge(@journalCutoff)",
                new { journalCutoff = journalCutoff.UtcDateTime }, tx),
            ["searchTermsRedacted"] = await conn.ExecuteScalarAsync<int>("SELECT access_log_redact(@cutoff, '{}'::text[])",
                new { cutoff = cutoff.UtcDateTime }, tx),
        };
        await tx.CommitAsync();
        return c;
    }

    public async Task<DateTimeOffset?> LastPurgeStartAsync()
    {
        await using var conn = await db.OpenConnectionAsync();
        var d = await conn.ExecuteScalarAsync<DateTime?>("SELECT max(started_at) FROM privacy_purges WHERE error IS NULL");
        return d is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
    }

    public async Task<long> StartRunAsync(DateTimeOffset at, DateOnly horizon)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("INSERT INTO privacy_purges (started_at, horizon) VALUES (@at, @horizon) RETURNING id",
            new { at = at.UtcDateTime, horizon = horizon.ToDateTime(TimeOnly.MinValue) });
    }

    public async Task FinishRunAsync(long id, DateTimeOffset at, Dictionary<string, int> counts, string? error)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("UPDATE privacy_purges SET finished_at = @at, counts = @counts::jsonb, error = @error WHERE id = @id",
            new { id, at = at.UtcDateTime, counts = System.Text.Json.JsonSerializer.Serialize(counts), error });
    }
}
