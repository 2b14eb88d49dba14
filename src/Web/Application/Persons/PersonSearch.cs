using Dapper;
using Npgsql;

namespace FollowUp.Web.Application.Persons;

public sealed record PersonHit(Guid Id, string ExternalId, string Kind, string FirstName, string LastName, string Phone, DateOnly? BirthDate,
    string Department, DateOnly InclusionDate, bool SociallyVulnerable, string Status);

/// <summary>Finds persons by externalId, phone (any form) or name (start of last or first name, accents as typed).</summary>
public sealed class PersonSearch(NpgsqlDataSource db)
{
    /// <summary>Shorter terms would list whole swathes of the file (ASVS: no bulk browsing through search).</summary>
    public const int MinLength = 3;

    public static bool TooShort(string? query) => (query ?? "").Trim().Length < MinLength;

    /// <summary>The persons matching <paramref name="query"/>, within <paramref name="departments"/> when given (empty: every department).</summary>
    public async Task<IReadOnlyList<PersonHit>> FindAsync(string query, int limit = 50, string[]? departments = null)
    {
        var q = query.Trim();
        if (q.Length < MinLength) return [];
        var phone = q.Any(char.IsDigit) ? Inclusion.ParsePhone(q).E164 : null;
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<PersonHit>("""
            SELECT id, external_id AS ExternalId, kind, first_name AS FirstName, last_name AS LastName, phone, birth_date AS BirthDate,
                   department, inclusion_date AS InclusionDate, socially_vulnerable AS SociallyVulnerable, status
            FROM persons
            WHERE (external_id = @q OR phone = @phone
               OR lower(last_name) LIKE lower(@prefix) OR lower(first_name) LIKE lower(@prefix)
               OR lower(last_name || ' ' || first_name) LIKE lower(@prefix) OR lower(first_name || ' ' || last_name) LIKE lower(@prefix))
              AND (cardinality(@departments) = 0 OR department = ANY (@departments))
            ORDER BY last_name, first_name LIMIT @limit
            """, new { q, phone, prefix = q.Replace("%", "").Replace("_", "") + "%", limit, departments = departments ?? [] })).AsList();
    }
}
