namespace FollowUp.Web.Application.Security;

/// <summary><c>FollowUp:Security</c>: lockout, sign-in throttling, session lifetimes, who needs a second factor.</summary>
public sealed class SecurityOptions : ISectionOptions
{
    public static string Section => "FollowUp:Security";

    /// <summary>Wrong passwords or codes in a row before the account locks.</summary>
    public int MaxFailedLogins { get; set; } = 5;

    public double LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-in attempts a minute per client IP.</summary>
    public int LoginPerIpPerMinute { get; set; } = 20;

    /// <summary>Every sign-in answer takes at least this long, so timing tells nothing.</summary>
    public int LoginMinMilliseconds { get; set; } = 400;

    public double IdleMinutes { get; set; } = 30;

    public double AbsoluteHours { get; set; } = 12;

    /// <summary>Roles that must use a second factor, separated by ',' ';' or spaces.</summary>
    public string RequireTwoFactorFor { get; set; } = "Admin,Supervisor";

    /// <summary>A PKCS#12 file (.pfx) whose certificate encrypts the Data Protection key ring at rest (the keys that sign
    /// session cookies and anti-forgery tokens, kept in data_protection_keys); empty: kept unencrypted (ASP.NET Core warns at start).</summary>
    public string KeyRingCertificate { get; set; } = "";

    /// <summary>The password of <see cref="KeyRingCertificate"/> (a secret: from the environment).</summary>
    public string KeyRingCertificatePassword { get; set; } = "";

    public TimeSpan Lockout => TimeSpan.FromMinutes(LockoutMinutes);
    public TimeSpan LoginMinDuration => TimeSpan.FromMilliseconds(LoginMinMilliseconds);
    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleMinutes);
    public TimeSpan AbsoluteTimeout => TimeSpan.FromHours(AbsoluteHours);

    public IReadOnlyList<string> TwoFactorRoles =>
        RequireTwoFactorFor.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<string> Problems()
    {
        if (MaxFailedLogins < 1) yield return $"FollowUp:Security:MaxFailedLogins must be at least 1 (got {MaxFailedLogins}).";
        if (LockoutMinutes <= 0) yield return $"FollowUp:Security:LockoutMinutes must be positive (got {LockoutMinutes}).";
        if (LoginPerIpPerMinute < 1) yield return $"FollowUp:Security:LoginPerIpPerMinute must be at least 1 (got {LoginPerIpPerMinute}).";
        if (LoginMinMilliseconds < 0) yield return $"FollowUp:Security:LoginMinMilliseconds must not be negative (got {LoginMinMilliseconds}).";
        if (IdleMinutes <= 0) yield return $"FollowUp:Security:IdleMinutes must be positive (got {IdleMinutes}).";
        if (AbsoluteHours <= 0) yield return $"FollowUp:Security:AbsoluteHours must be positive (got {AbsoluteHours}).";
        if (KeyRingCertificate.Length > 0 && !File.Exists(KeyRingCertificate))
            yield return $"FollowUp:Security:KeyRingCertificate: no file '{KeyRingCertificate}'.";
        foreach (var role in TwoFactorRoles.Where(r => !Roles.All.Contains(r, StringComparer.OrdinalIgnoreCase)))
            yield return $"FollowUp:Security:RequireTwoFactorFor: '{role}' is not a role ({string.Join(", ", Roles.All)}).";
    }
}
