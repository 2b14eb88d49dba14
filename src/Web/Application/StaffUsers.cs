using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace FollowUp.Web.Application;

public static class Roles
{
    public const string Operator = "Operator";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";
    public static readonly string[] All = [Operator, Supervisor, Admin];
}

public sealed record StaffUser(string UserName, string DisplayName, string Role, string PasswordHash);

/// <summary>Staff accounts (users table), passwords hashed with ASP.NET Core Identity's PasswordHasher (PBKDF2).</summary>
public sealed class StaffUsers(NpgsqlDataSource db)
{
    private static readonly PasswordHasher<StaffUser> Hasher = new();

    public async Task<StaffUser?> FindAsync(string userName)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.QuerySingleOrDefaultAsync<StaffUser>(
            "SELECT user_name AS UserName, display_name AS DisplayName, role AS Role, password_hash AS PasswordHash FROM users WHERE user_name = @userName",
            new { userName });
    }

    public async Task<IReadOnlyList<StaffUser>> ListAsync()
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<StaffUser>(
            "SELECT user_name AS UserName, display_name AS DisplayName, role AS Role, '' AS PasswordHash FROM users ORDER BY user_name")).AsList();
    }

    public async Task<bool> AnyAdminAsync()
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'Admin')");
    }

    /// <summary>Creates an account; false when the user name is taken.</summary>
    public async Task<bool> CreateAsync(string userName, string displayName, string role, string password, string[]? departments = null)
    {
        departments ??= [];
        var hash = Hasher.HashPassword(new StaffUser(userName, displayName, role, ""), password);
        await using var conn = await db.OpenConnectionAsync();
        return await conn.ExecuteAsync(
            "INSERT INTO users (user_name, display_name, role, password_hash, departments) VALUES (@userName, @displayName, @role, @hash, @departments) ON CONFLICT DO NOTHING",
            new { userName, displayName, role, hash, departments }) == 1;
    }

    public async Task<StaffUser?> CheckPasswordAsync(string userName, string password)
    {
        var user = await FindAsync(userName);
        if (user is null) return null;
        return Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }

    /// <summary>Validates a new account; returns field errors (empty when valid).</summary>
    public static Dictionary<string, string[]> Validate(string? userName, string? displayName, string? role, string? password)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(userName) || userName.Length > 64 || !userName.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_'))
            errors["userName"] = ["required: 1 to 64 letters, digits, '.', '-' or '_'"];
        if (string.IsNullOrWhiteSpace(displayName)) errors["displayName"] = ["required"];
        if (role is null || !Roles.All.Contains(role)) errors["role"] = [$"must be one of {string.Join(", ", Roles.All)}"];
        if (password is null || password.Length < 10) errors["password"] = ["at least 10 characters"];
        return errors;
    }
}
