namespace FollowUp.Web.Application.Persons;

public sealed record PersonHit(Guid Id, string ExternalId, string Kind, string FirstName, string LastName, string Phone, DateOnly? BirthDate,
    string Department, DateOnly InclusionDate, bool SociallyVulnerable, string Status);

/// <summary>Finds persons by externalId, phone (any form) or name (start of last or first name, accents as typed).</summary>
public sealed class PersonSearch(PersonIndexQueries persons)
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
        return await persons.SearchAsync(q, phone, limit, departments ?? []);
    }
}
