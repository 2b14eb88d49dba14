using Dapper;
using Npgsql;

namespace FollowUp.Web.Application.Questionnaire;

/// <summary>A questionnaire link's row: whose and which milestone it is, and until when it holds.</summary>
public sealed record QuestionnaireTokenRow(Guid PersonId, string MilestoneId, string Milestone, DateTimeOffset ExpiresAt);

/// <summary>Read-only: the questionnaire links (<c>questionnaire_tokens</c>, owned by the silo's QuestionnaireTokenStore), by token hash.</summary>
public sealed class QuestionnaireTokenQueries(NpgsqlDataSource db)
{
    /// <summary>The link whose token hashes to <paramref name="hash"/>, expired or not; null when there is none.</summary>
    public async Task<QuestionnaireTokenRow?> FindAsync(byte[] hash)
    {
        await using var conn = await db.OpenConnectionAsync();
        var row = await conn.QuerySingleOrDefaultAsync<(Guid PersonId, string MilestoneId, string Milestone, DateTime ExpiresAt)?>(
            "SELECT person_id, milestone_id, milestone, expires_at FROM questionnaire_tokens WHERE token_hash = @hash", new { hash });
        return row is { } r
            ? new QuestionnaireTokenRow(r.PersonId, r.MilestoneId, r.Milestone, new DateTimeOffset(r.ExpiresAt, TimeSpan.Zero))
            : null;
    }
}
