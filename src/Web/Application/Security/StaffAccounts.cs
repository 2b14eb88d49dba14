using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace FollowUp.Web.Application.Security;

/// <summary>The security state of a staff account, as the Admin page shows it.</summary>
public sealed record AccountState(string UserName, bool Disabled, bool MustChangePassword, DateTime? LockedUntil, bool TwoFactor);

/// <summary>A sign-in attempt on an existing account.</summary>
public sealed record SignInRecord(DateTime At, string? Ip, bool Succeeded);

/// <summary>
/// Sign-in checks (lockout after N failures, the same work for unknown users, wrong passwords and locked or disabled
/// accounts) and the Admin and self-service changes of accounts. Every change of password, role, display name,
/// departments, state or factor renews the account's security stamp and ends its open sessions.
/// </summary>
public sealed class StaffAccounts(NpgsqlDataSource db, StaffUsers users, SecurityOptions options)
{
    private static readonly PasswordHasher<StaffUser> Hasher = new();
    // Verified when the user does not exist, so an unknown user name costs the same hashing as a known one.
    private static readonly string DummyHash = Hasher.HashPassword(new StaffUser("", "", "", "", []), Guid.NewGuid().ToString());

    private sealed record LoginRow(string PasswordHash, bool Disabled, DateTime? LockedUntil, int FailedLogins);

    /// <summary>The account when the password is right and the account is neither disabled nor locked; null otherwise.</summary>
    public async Task<StaffUser?> CheckPasswordAsync(string userName, string password, string? ip)
    {
        await using var conn = await db.OpenConnectionAsync();
        var row = await conn.QuerySingleOrDefaultAsync<LoginRow>(
            "SELECT password_hash AS PasswordHash, disabled, locked_until AS LockedUntil, failed_logins AS FailedLogins FROM users WHERE user_name " +
                "= @userName", new { userName });
        var verified = Hasher.VerifyHashedPassword(null!, row?.PasswordHash ?? DummyHash, password) != PasswordVerificationResult.Failed;
        if (row is null) return null;
        var locked = row.LockedUntil is { } until && until > DateTime.UtcNow;
        var ok = verified && !locked && !row.Disabled;
        if (ok)
            // With a second factor, the failure count is reset only once its code is right (SecondFactors), so that
            // the password cannot be used to reset the count between guesses of the code.
            await conn.ExecuteAsync("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE user_name = @userName AND totp_secret IS NULL",
                new { userName });
        else if (!locked && !verified)
            await CountFailureAsync(conn, userName);
        await conn.ExecuteAsync("INSERT INTO staff_sign_ins (user_name, ip, succeeded) VALUES (@userName, @ip, @ok)", new { userName, ip, ok });
        return ok ? await users.FindAsync(userName) : null;
    }

    /// <summary>A failed password or second-factor code: the N-th failure in a row locks the account for the lockout period, and the count starts
    /// again.</summary>
    public Task CountFailureAsync(NpgsqlConnection conn, string userName) =>
        conn.ExecuteAsync(
            "UPDATE users SET failed_logins = CASE WHEN failed_logins + 1 >= @max THEN 0 ELSE failed_logins + 1 END, " +
            "locked_until = CASE WHEN failed_logins + 1 >= @max THEN now() + @lockout ELSE locked_until END WHERE user_name = @userName",
            new { userName, max = options.MaxFailedLogins, lockout = options.Lockout });

    public async Task<bool> MustChangePasswordAsync(string userName)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<bool>("SELECT must_change_password FROM users WHERE user_name = @userName", new { userName });
    }

    /// <summary>Self-service change: the current password must be right; returns the refusal reason or null.</summary>
    public async Task<string?> ChangeOwnPasswordAsync(string userName, string current, string newPassword)
    {
        var user = await users.FindAsync(userName);
        if (user is null || Hasher.VerifyHashedPassword(user, user.PasswordHash, current) == PasswordVerificationResult.Failed)
            return SecurityTexts.Get("Err_CurrentPassword");
        if (PasswordPolicy.Check(userName, newPassword) is { } reason) return reason;
        if (Hasher.VerifyHashedPassword(user, user.PasswordHash,
            newPassword) != PasswordVerificationResult.Failed) return SecurityTexts.Get("Err_PasswordSame");
        await ChangeAsync(userName, "password_hash = @hash, must_change_password = false", new { hash = Hasher.HashPassword(user, newPassword) });
        return null;
    }

    /// <summary>Admin: a new initial password, to be changed at the next sign-in.</summary>
    public Task<bool> ResetPasswordAsync(string userName, string newPassword) =>
        ChangeAsync(userName, "password_hash = @hash, must_change_password = true, failed_logins = 0, locked_until = NULL",
            new { hash = Hasher.HashPassword(new StaffUser(userName, "", "", "", []), newPassword) });

    public Task<bool> SetDisabledAsync(string userName, bool disabled) =>
        ChangeAsync(userName, "disabled = @disabled, failed_logins = 0, locked_until = NULL", new { disabled });

    public Task<bool> UpdateAsync(string userName, string displayName, string role, string[] departments) =>
        ChangeAsync(userName, "display_name = @displayName, role = @role, departments = @departments", new { displayName, role, departments });

    public Task<bool> ResetTwoFactorAsync(string userName) =>
        ChangeAsync(userName, "totp_secret = NULL, totp_last_step = NULL, recovery_codes = '{}'", new { });

    /// <summary>Applies a change to the account, renews its security stamp and ends its open sessions, in one transaction.</summary>
    public async Task<bool> ChangeAsync(string userName, string set, object args)
    {
        var p = new DynamicParameters(args);
        p.Add("userName", userName);
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var n = await conn.ExecuteAsync($"UPDATE users SET {set}, security_stamp = gen_random_uuid() WHERE user_name = @userName", p, tx);
        await conn.ExecuteAsync("UPDATE staff_sessions SET ended_at = now() WHERE user_name = @userName AND ended_at IS NULL", p, tx);
        await tx.CommitAsync();
        return n == 1;
    }

    public async Task<IReadOnlyDictionary<string, AccountState>> StatesAsync()
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<AccountState>(
            "SELECT user_name AS UserName, disabled, must_change_password AS MustChangePassword, locked_until AS LockedUntil, totp_secret IS NOT " +
                "NULL AS TwoFactor FROM users"))
            .ToDictionary(s => s.UserName);
    }

    public async Task<IReadOnlyList<SignInRecord>> RecentSignInsAsync(string userName, int count = 10)
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<SignInRecord>(
            "SELECT at, ip, succeeded FROM staff_sign_ins WHERE user_name = @userName ORDER BY at DESC LIMIT @count", new { userName, count }))
                .ToList();
    }
}
