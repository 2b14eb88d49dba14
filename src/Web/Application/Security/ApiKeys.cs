using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace FollowUp.Web.Application.Security;

/// <summary>
/// Named API keys with scopes (api_keys table): created by an Admin, shown once, stored as their SHA-256, with an
/// optional expiry, revocable, and the time of their last use (written at most once a minute per key).
/// </summary>
public sealed class ApiKeys(NpgsqlDataSource db)
{
    public const string BootstrapName = "bootstrap";

    private const string Columns = "id, name, array_to_string(scopes, ',') AS scopes, created_at AS CreatedAt, created_by AS CreatedBy, expires_at " +
        "AS ExpiresAt, revoked_at AS RevokedAt, last_used_at AS LastUsedAt";
    private const string Select = $"SELECT {Columns} FROM api_keys";

    private sealed record Row(Guid Id, string Name, string Scopes, DateTime CreatedAt, string CreatedBy, DateTime? ExpiresAt, DateTime? RevokedAt,
        DateTime? LastUsedAt)
    {
        public ApiKeyInfo ToInfo() => new(Id, Name, Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries), CreatedAt, CreatedBy, ExpiresAt,
            RevokedAt, LastUsedAt);
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Field errors of a new key (empty when valid).</summary>
    public static Dictionary<string, string[]> Validate(string? name, string[]? scopes, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            errors["name"] = [SecurityTexts.Get("Err_KeyName")];
        else if (name == BootstrapName) errors["name"] = [SecurityTexts.Get("Err_KeyNameReserved", BootstrapName)];
        if (scopes is null || scopes.Length == 0) errors["scopes"] = [SecurityTexts.Get("Err_ScopesRequired", string.Join(", ", ApiScopes.All))];
        else if (scopes.FirstOrDefault(s => !ApiScopes.All.Contains(s)) is { } bad)
            errors["scopes"] = [SecurityTexts.Get("Err_ScopeUnknown", bad, string.Join(", ", ApiScopes.All))];
        if (expiresAt is { } e && e <= now) errors["expiresAt"] = [SecurityTexts.Get("Err_ExpiryPast")];
        return errors;
    }

    /// <summary>Creates a key; null when the name is taken. The returned secret is never stored.</summary>
    public async Task<(ApiKeyInfo Info, string Key)?> CreateAsync(string name, string[] scopes, DateTimeOffset? expiresAt, string createdBy)
    {
        var key = "fuk_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        var id = Guid.NewGuid();
        scopes = scopes.Distinct().ToArray();
        await using var conn = await db.OpenConnectionAsync();
        var row = await conn.QuerySingleOrDefaultAsync<Row>(
            $"INSERT INTO api_keys (id, name, scopes, key_hash, created_by, expires_at) VALUES (@id, @name, @scopes, @hash, @createdBy, " +
                $"@expiresAt) " +
            "ON CONFLICT (name) DO NOTHING RETURNING " + Columns,
            new { id, name, scopes, hash = Hash(key), createdBy, expiresAt });
        return row is null ? null : (row.ToInfo(), key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync()
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<Row>($"{Select} ORDER BY name")).Select(r => r.ToInfo()).ToList();
    }

    /// <summary>Revokes a key; false when there is no such key or it was already revoked.</summary>
    public async Task<bool> RevokeAsync(Guid id)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.ExecuteAsync("UPDATE api_keys SET revoked_at = now() WHERE id = @id AND revoked_at IS NULL", new { id }) == 1;
    }

    /// <summary>The key's record when it is valid now (not revoked, not expired), and notes its use (at most once a minute).
    /// Every API request asks this first: retried on a fresh connection when the database was away (a restart).</summary>
    public Task<ApiKeyInfo?> FindValidAsync(string key) => DatabaseRetry.RunAsync(db, () => FindValidOnceAsync(key));

    private async Task<ApiKeyInfo?> FindValidOnceAsync(string key)
    {
        await using var conn = await db.OpenConnectionAsync();
        var info = (await conn.QuerySingleOrDefaultAsync<Row>(
            $"{Select} WHERE key_hash = @hash AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())",
                new { hash = Hash(key) }))?.ToInfo();
        if (info is not null && (info.LastUsedAt is null || info.LastUsedAt < DateTime.UtcNow.AddMinutes(-1)))
            await conn.ExecuteAsync("UPDATE api_keys SET last_used_at = now() WHERE id = @Id", new { info.Id });
        return info;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>An API key as listed (never its secret).</summary>
public sealed record ApiKeyInfo(Guid Id, string Name, string[] Scopes, DateTime CreatedAt, string CreatedBy, DateTime? ExpiresAt,
    DateTime? RevokedAt, DateTime? LastUsedAt);
