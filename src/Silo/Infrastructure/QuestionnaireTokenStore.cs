using Dapper;
using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>Owner of <c>questionnaire_tokens</c>: the hash of each SMS link's token, the milestone it answers and when it expires.</summary>
public sealed class QuestionnaireTokenStore(NpgsqlDataSource dataSource)
{
    public async Task SaveQuestionnaireTokenAsync(byte[] tokenHash, Guid personId, string milestoneId, MilestoneType milestone,
        DateTimeOffset expiresAt)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            INSERT INTO questionnaire_tokens (token_hash, person_id, milestone_id, milestone, expires_at)
            VALUES (@tokenHash, @personId, @milestoneId, @m, @expiresAt) ON CONFLICT DO NOTHING
            """, new { tokenHash, personId, milestoneId, m = milestone.ToString(), expiresAt = expiresAt.ToUniversalTime() });
    }
}
