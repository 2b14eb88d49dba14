namespace FollowUp.Web.Application.Security;

/// <summary>FollowUp:Security:* settings (lockout, login throttling, sessions, second factor).</summary>
public sealed record SecurityOptions(
    int MaxFailedLogins, TimeSpan Lockout, int LoginPerIpPerMinute, TimeSpan LoginMinDuration,
    TimeSpan IdleTimeout, TimeSpan AbsoluteTimeout, string[] RequireTwoFactorFor)
{
    public static SecurityOptions From(IConfiguration config)
    {
        var s = config.GetSection("FollowUp:Security");
        return new(
            s.GetValue("MaxFailedLogins", 5),
            TimeSpan.FromMinutes(s.GetValue("LockoutMinutes", 15.0)),
            s.GetValue("LoginPerIpPerMinute", 20),
            TimeSpan.FromMilliseconds(s.GetValue("LoginMinMilliseconds", 400)),
            TimeSpan.FromMinutes(s.GetValue("IdleMinutes", 30.0)),
            TimeSpan.FromHours(s.GetValue("AbsoluteHours", 12.0)),
            (s["RequireTwoFactorFor"] ?? "Admin,Supervisor").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
