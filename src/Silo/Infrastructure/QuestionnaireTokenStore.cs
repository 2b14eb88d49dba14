using Npgsql;

namespace FollowUp.Silo.Infrastructure;

/// <summary>Owner of <c>questionnaire_tokens</c>: the hash of each SMS link's token, the milestone it answers and when it expires.</summary>
public sealed class QuestionnaireTokenStore
{
    /// <summary>The command saving a token (idempotent), for the person's <see cref="GroupCommit"/> submission.</summary>
    public static NpgsqlBatchCommand SaveCommand(byte[] tokenHash, Guid personId, string milestoneId, MilestoneType milestone,
        DateTimeOffset expiresAt) => BatchCommands.Command("""
            INSERT INTO questionnaire_tokens (token_hash, person_id, milestone_id, milestone, expires_at)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING
            """, tokenHash, personId, milestoneId, milestone.ToString(), expiresAt.UtcDateTime);
}
