using System.Text;

namespace FollowUp.Web.Application.Persons;

/// <summary>A page of the person list: the persons after the cursor, and the cursor of the next page (null at the end).</summary>
public sealed record PersonPage(IReadOnlyList<PersonHit> Items, string? NextCursor);

/// <summary>A validated list query: filters (null = any), the position after which to read, the page size.</summary>
public sealed record PersonListQuery(string? Status, string? Department, string? Kind, (DateOnly InclusionDate, Guid Id)? After, int Limit);

/// <summary>
/// The persons filtered by status, department and kind, in a stable order (inclusion date, then id) read by keyset:
/// a cursor names the last person of a page, so persons included meanwhile never shift or repeat a page.
/// </summary>
public sealed class PersonList(PersonIndexQueries persons)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static (PersonListQuery? Query, Dictionary<string, string[]> Errors) Validate(string? status, string? department, string? kind,
        string? cursor, string? limit)
    {
        var errors = new Dictionary<string, string[]>();
        status = Blank(status)?.ToLowerInvariant();
        if (status is not (null or "active" or "ended")) errors["status"] = [Texts.Get("Err_OneOf", "active, ended")];
        department = Blank(department)?.ToUpperInvariant();
        if (department is not null && !Inclusion.IsDepartment(department)) errors["department"] = [Texts.Get("Err_Department")];
        kind = Blank(kind)?.ToLowerInvariant();
        if (kind is not (null or "case" or "contact")) errors["kind"] = [Texts.Get("Err_OneOf", "case, contact")];
        var size = DefaultLimit;
        if (Blank(limit) is { } l && (!int.TryParse(l, out size) || size < 1 || size > MaxLimit)) errors["limit"] = [Texts.Get("Err_Range", 1,
            MaxLimit)];
        (DateOnly, Guid)? after = null;
        if (Blank(cursor) is { } c)
        {
            if (Decode(c) is { } position) after = position;
            else errors["cursor"] = [Texts.Get("Err_Cursor")];
        }
        return errors.Count > 0 ? (null, errors) : (new PersonListQuery(status, department, kind, after, size), errors);
    }

    public async Task<PersonPage> PageAsync(PersonListQuery query)
    {
        var rows = await persons.PageAsync(query, query.Limit + 1);
        if (rows.Count <= query.Limit) return new PersonPage(rows, null);
        rows.RemoveAt(rows.Count - 1);
        return new PersonPage(rows, Encode(rows[^1].InclusionDate, rows[^1].Id));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Encode(DateOnly date, Guid id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"{date:yyyy-MM-dd}|{id:N}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (DateOnly, Guid)? Decode(string cursor)
    {
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=')));
            var parts = text.Split('|');
            return parts.Length == 2 && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", out var d)
                && Guid.TryParseExact(parts[1], "N", out var id) ? (d, id) : null;
        }
        catch (FormatException) { return null; }
    }
}
