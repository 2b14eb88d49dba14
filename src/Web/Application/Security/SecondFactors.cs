using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;
using OtpNet;
using QRCoder;

namespace FollowUp.Web.Application.Security;

/// <summary>
/// The TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s steps, any authenticator app) and its 10 single-use
/// recovery codes (stored as SHA-256 hashes). A code is accepted for the current step ±1; a step, once used, is refused
/// again (users.totp_last_step). Wrong codes count towards the account's lockout like wrong passwords.
/// Required at sign-in for the roles of FollowUp:Security:RequireTwoFactorFor (default Admin,Supervisor).
/// </summary>
public sealed class SecondFactors(NpgsqlDataSource db, StaffAccounts accounts, SecurityOptions options)
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "FollowUp";
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    public bool IsRequired(string role) => options.TwoFactorRoles.Contains(role, StringComparer.OrdinalIgnoreCase);

    /// <summary>A new random secret (160 bits), base32 as authenticator apps expect it.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The otpauth:// URI of the secret as a QR code, a PNG data URI (no external service).</summary>
    public static string QrCodeDataUri(string userName, string secret)
    {
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer + ":" + userName)}?secret={secret}&issuer={Issuer}&algorithm=SHA1&digits=6&period=30";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    public async Task<SecondFactorStatus> StatusAsync(string userName)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.QuerySingleOrDefaultAsync<SecondFactorStatus>(
            "SELECT totp_secret IS NOT NULL AS Enabled, cardinality(recovery_codes) AS RecoveryCodesLeft FROM users WHERE user_name = @userName",
            new { userName }) ?? new SecondFactorStatus(false, 0);
    }

    /// <summary>
    /// Turns the factor on with <paramref name="secret"/> when <paramref name="code"/> proves the app has it; returns the
    /// recovery codes (shown once), or null when the code is wrong. Renews the security stamp: the account's sessions end.
    /// </summary>
    public async Task<string[]?> EnrolAsync(string userName, string secret, string? code)
    {
        if (Normalize(code) is not { Length: 6 } digits || !IsBase32(secret)) return null;
        if (!new Totp(Base32Encoding.ToBytes(secret)).VerifyTotp(digits, out var step, Window)) return null;
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToArray();
        var saved = await accounts.ChangeAsync(userName, "totp_secret = @secret, totp_last_step = @step, recovery_codes = @hashes",
            new { secret, step, hashes = codes.Select(Hash).ToArray() });
        return saved ? codes : null;
    }

    /// <summary>Checks a TOTP code (6 digits) or a recovery code (xxxxx-xxxxx) at sign-in; a success resets the failure count.</summary>
    public async Task<SecondFactorCheck> VerifyAsync(string userName, string? code)
    {
        await using var conn = await db.OpenConnectionAsync();
        var secret = await conn.QuerySingleOrDefaultAsync<string?>(
            "SELECT totp_secret FROM users WHERE user_name = @userName AND NOT disabled AND (locked_until IS NULL OR locked_until <= now())",
                new { userName });
        if (secret is null) return SecondFactorCheck.Refused;
        var result = SecondFactorCheck.Failed;
        if (Normalize(code) is { Length: 6 } digits && new Totp(Base32Encoding.ToBytes(secret)).VerifyTotp(digits, out var step, Window))
        {
            // Atomic: of two sign-ins with the same code, one wins; a step not after the last used one is refused.
            if (await conn.ExecuteAsync("UPDATE users SET totp_last_step = @step WHERE user_name = @userName AND (totp_last_step IS NULL OR " +
                "totp_last_step < @step)",
                    new { userName, step }) == 1)
                result = SecondFactorCheck.Totp;
        }
        else if (Normalize(code) is { Length: 10 } recovery &&
                 await conn.ExecuteAsync("UPDATE users SET recovery_codes = array_remove(recovery_codes, @hash) WHERE user_name = @userName AND " +
                     "@hash = ANY (recovery_codes)",
                     new { userName, hash = Hash(recovery) }) == 1)
            result = SecondFactorCheck.RecoveryCode;
        if (result == SecondFactorCheck.Failed) await accounts.CountFailureAsync(conn, userName);
        else await conn.ExecuteAsync("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE user_name = @userName", new { userName });
        await conn.ExecuteAsync("INSERT INTO staff_sign_ins (user_name, ip, succeeded) VALUES (@userName, NULL, @ok)",
            new { userName, ok = result != SecondFactorCheck.Failed });
        return result;
    }

    // Recovery codes: 10 characters of an alphabet without look-alikes, shown as xxxxx-xxxxx; typed with or without the dash, any case.
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    private static string NewRecoveryCode()
    {
        var chars = Enumerable.Range(0, 10).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray();
        return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
    }

    private static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 32) return null;
        return new string(code.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToLowerInvariant).ToArray());
    }

    private static string Hash(string normalized) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized.Replace("-", ""))));

    private static bool IsBase32(string? s) => !string.IsNullOrEmpty(s) && s.Length <= 64
        && s.All(c => c is >= 'A' and <= 'Z' or >= '2' and <= '7' or '=');
}
