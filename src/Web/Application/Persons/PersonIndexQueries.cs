using Dapper;
using Npgsql;

namespace FollowUp.Web.Application.Persons;

/// <summary>
/// Read-only: the web's reads of <c>persons</c> (owned by the silo's PersonIndex, each person grain's publication):
/// a page of the list, a search, the persons already registered under the same identity. Selects only.
/// </summary>
public sealed class PersonIndexQueries(NpgsqlDataSource db)
{
    private const string Hit = """
        SELECT id, external_id AS ExternalId, kind, first_name AS FirstName, last_name AS LastName, phone, birth_date AS BirthDate,
               department, inclusion_date AS InclusionDate, socially_vulnerable AS SociallyVulnerable, status
        FROM persons
        """;

    /// <summary>Up to <paramref name="take"/> persons matching the filters (null = any) after the position, by inclusion date then id.</summary>
    public async Task<List<PersonHit>> PageAsync(PersonListQuery query, int take)
    {
        var where = new List<string>();
        if (query.Status is not null) where.Add("status = @Status");
        if (query.Department is not null) where.Add("department = @Department");
        if (query.Kind is not null) where.Add("kind = @Kind");
        if (query.After is not null) where.Add("(inclusion_date, id) > (@AfterDate, @AfterId)");
        var sql = $"""
            {Hit} {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
            ORDER BY inclusion_date, id LIMIT @Take
            """;
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<PersonHit>(sql, new
        {
            query.Status,
            query.Department,
            query.Kind,
            AfterDate = query.After?.InclusionDate,
            AfterId = query.After?.Id,
            Take = take,
        })).AsList();
    }

    /// <summary>
    /// The persons whose externalId is <paramref name="term"/>, whose phone is <paramref name="phone"/>, or whose last or first
    /// name (or both, either order) starts with <paramref name="term"/>, within <paramref name="departments"/> (empty: every one).
    /// </summary>
    public async Task<List<PersonHit>> SearchAsync(string term, string? phone, int limit, string[] departments)
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<PersonHit>($"""
            {Hit}
            WHERE (external_id = @term OR phone = @phone
               OR lower(last_name) LIKE lower(@prefix) OR lower(first_name) LIKE lower(@prefix)
               OR lower(last_name || ' ' || first_name) LIKE lower(@prefix) OR lower(first_name || ' ' || last_name) LIKE lower(@prefix))
              AND (cardinality(@departments) = 0 OR department = ANY (@departments))
            ORDER BY last_name, first_name LIMIT @limit
            """, new { term, phone, prefix = term.Replace("%", "").Replace("_", "") + "%", limit, departments })).AsList();
    }

    /// <summary>For each request, another person already registered with the same phone, names and birth date (its externalId), in one
    /// query.</summary>
    public async Task<Dictionary<string, string>> SameIdentityAsync(List<InclusionRequest> requests)
    {
        if (requests.Count == 0) return [];
        await using var conn = await db.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(string ExternalId, string Other)>("""
            SELECT x.ext, p.external_id
            FROM unnest(@exts, @phones, @lastNames, @firstNames, @birthDates) AS x(ext, phone, ln, fn, bd)
            CROSS JOIN LATERAL (
                SELECT external_id FROM persons
                WHERE phone = x.phone AND lower(last_name) = lower(x.ln) AND lower(first_name) = lower(x.fn)
                  AND birth_date IS NOT DISTINCT FROM x.bd AND external_id <> x.ext
                LIMIT 1) p
            """, new
        {
            exts = requests.Select(r => r.ExternalId).ToArray(),
            phones = requests.Select(r => r.Phone).ToArray(),
            lastNames = requests.Select(r => r.LastName).ToArray(),
            firstNames = requests.Select(r => r.FirstName).ToArray(),
            birthDates = requests.Select(r => r.BirthDate).ToArray(),
        });
        return rows.GroupBy(r => r.ExternalId).ToDictionary(g => g.Key, g => g.First().Other);
    }
}
