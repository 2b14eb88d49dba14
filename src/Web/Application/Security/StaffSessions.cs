using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Npgsql;

namespace FollowUp.Web.Application.Security;

/// <summary>
/// Server-side staff sessions (staff_sessions): the cookie carries the session id; every request checks that the session
/// is open, idle less than FollowUp:Security:IdleMinutes, younger than AbsoluteHours, and that the account is enabled
/// with the same security stamp. Logout and any Admin change of the account end it at once.
/// </summary>
public sealed class StaffSessions(NpgsqlDataSource db, SecurityOptions options)
{
    public const string SessionClaim = "sid";
    public const string PendingClaim = "pending"; // "password" or "enrol": the only pages open are those that complete the sign-in

    private sealed record SessionRow(DateTime CreatedAt, DateTime LastSeenAt, DateTime? EndedAt, bool Valid);

    /// <summary>Opens a session and signs the browser in with it.</summary>
    public async Task SignInAsync(HttpContext http, StaffUser user, string? pending)
    {
        var id = Guid.NewGuid();
        await using (var conn = await db.OpenConnectionAsync())
            await conn.ExecuteAsync(
                "INSERT INTO staff_sessions (id, user_name, security_stamp, ip) SELECT @id, user_name, security_stamp, @ip FROM users WHERE " +
                    "user_name = @userName",
                new { id, userName = user.UserName, ip = http.Connection.RemoteIpAddress?.ToString() });
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName), new("display_name", user.DisplayName), new(ClaimTypes.Role, user.Role),
                new(SessionClaim, id.ToString()),
        };
        if (pending is not null) claims.Add(new Claim(PendingClaim, pending));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)),
            new AuthenticationProperties { IsPersistent = false, IssuedUtc = DateTimeOffset.UtcNow });
    }

    /// <summary>Ends the browser's session on the server, then removes its cookie.</summary>
    public async Task SignOutAsync(HttpContext http)
    {
        if (Guid.TryParse(http.User.FindFirst(SessionClaim)?.Value, out var id))
        {
            await using var conn = await db.OpenConnectionAsync();
            await conn.ExecuteAsync("UPDATE staff_sessions SET ended_at = now() WHERE id = @id AND ended_at IS NULL", new { id });
        }
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>True when the session named by the principal may go on; notes the activity (at most once a minute).
    /// Every staff request asks this first: retried on a fresh connection when the database was away (a restart).</summary>
    public Task<bool> IsValidAsync(ClaimsPrincipal principal) => DatabaseRetry.RunAsync(db, () => IsValidOnceAsync(principal));

    private async Task<bool> IsValidOnceAsync(ClaimsPrincipal principal)
    {
        if (!Guid.TryParse(principal.FindFirst(SessionClaim)?.Value, out var id)) return false;
        await using var conn = await db.OpenConnectionAsync();
        var s = await conn.QuerySingleOrDefaultAsync<SessionRow>(
            "SELECT s.created_at AS CreatedAt, s.last_seen_at AS LastSeenAt, s.ended_at AS EndedAt, " +
            "(NOT u.disabled AND u.security_stamp = s.security_stamp AND u.role = @role) AS Valid " +
            "FROM staff_sessions s JOIN users u ON u.user_name = s.user_name WHERE s.id = @id AND s.user_name = @name",
            new { id, name = principal.Identity?.Name, role = principal.FindFirst(ClaimTypes.Role)?.Value });
        var now = DateTime.UtcNow;
        if (s is null || s.EndedAt is not null || !s.Valid || now - s.LastSeenAt > options.IdleTimeout || now - s.CreatedAt > options.AbsoluteTimeout)
        {
            if (s is not null && s.EndedAt is null)
                await conn.ExecuteAsync("UPDATE staff_sessions SET ended_at = now() WHERE id = @id", new { id });
            return false;
        }
        if (now - s.LastSeenAt > TimeSpan.FromMinutes(1))
            await conn.ExecuteAsync("UPDATE staff_sessions SET last_seen_at = now() WHERE id = @id", new { id });
        return true;
    }
}
