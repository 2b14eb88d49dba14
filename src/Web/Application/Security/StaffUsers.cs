using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace FollowUp.Web.Application.Security;

/// <summary>Staff accounts (users table), passwords hashed with ASP.NET Core Identity's PasswordHasher (PBKDF2).</summary>
public sealed class StaffUsers(NpgsqlDataSource db)
{
    private static readonly PasswordHasher<StaffUser> Hasher = new();
    private const string Select = "SELECT user_name AS UserName, display_name AS DisplayName, role AS Role, password_hash AS PasswordHash, " +
        "array_to_string(departments, ',') AS Departments FROM users";

    private sealed record Row(string UserName, string DisplayName, string Role, string PasswordHash, string Departments)
    {
        public StaffUser ToUser() => new(UserName, DisplayName, Role, PasswordHash, Departments.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    public async Task<StaffUser?> FindAsync(string userName)
    {
        await using var conn = await db.OpenConnectionAsync();
        var row = await conn.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE user_name = @userName", new { userName });
        return row?.ToUser();
    }

    public async Task<IReadOnlyList<StaffUser>> ListAsync()
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<Row>($"{Select} ORDER BY user_name")).Select(r => r.ToUser() with { PasswordHash = "" }).ToList();
    }

    public async Task<bool> AnyAdminAsync()
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'Admin')");
    }

    /// <summary>Creates an account, whose initial password must be changed at first sign-in; false when the user name is taken.</summary>
    public async Task<bool> CreateAsync(string userName, string displayName, string role, string password, string[]? departments = null)
    {
        departments ??= [];
        var hash = Hasher.HashPassword(new StaffUser(userName, displayName, role, "", departments), password);
        await using var conn = await db.OpenConnectionAsync();
        return await conn.ExecuteAsync(
            "INSERT INTO users (user_name, display_name, role, password_hash, departments, must_change_password) VALUES (@userName, @displayName, " +
                "@role, @hash, @departments, true) ON CONFLICT DO NOTHING",
            new { userName, displayName, role, hash, departments }) == 1;
    }

    /// <summary>Validates a new account; returns field errors (empty when valid).</summary>
    /// <summary>Up to 64 letters, digits, '.', '-' or '_'.</summary>
    public static bool IsUserName([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? userName) =>
        !string.IsNullOrWhiteSpace(userName) && userName.Length <= 64 && userName.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_');

    public static Dictionary<string, string[]> Validate(string? userName, string? displayName, string? role, string? password,
        string[]? departments = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsUserName(userName))
            errors["userName"] = [Texts.Get("Err_UserName")];
        if (string.IsNullOrWhiteSpace(displayName)) errors["displayName"] = [Texts.Get("Err_Required")];
        if (role is null || !Roles.All.Contains(role)) errors["role"] = [Texts.Get("Err_NotOneOf", role ?? "", string.Join(", ", Roles.All))];
        if (Security.PasswordPolicy.Check(userName, password) is { } weak) errors["password"] = [weak];
        if (departments?.FirstOrDefault(d => !Inclusion.IsDepartment(d)) is { } bad) errors["departments"] = [Texts.Get("Err_DepartmentIn", bad)];
        return errors;
    }

    /// <summary>"13, 83 ;2A" → ["13", "83", "2A"] (as typed on the Admin page).</summary>
    public static string[] ParseDepartments(string? text) =>
        (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => d.ToUpperInvariant())
            .Distinct().ToArray();
}
