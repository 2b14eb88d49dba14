using System.Net;
using System.Net.Http.Json;

namespace FollowUp.Tests.Security;

/// <summary>Issue 14 §3, §4: a disabled (or changed) account's open session is refused at its next request; logout and timeouts end sessions on the
/// server.</summary>
[Collection(PlatformCollection.Name)]
public class SessionTests(PlatformFixture fx)
{
    private async Task<StaffClient> OperatorAsync(string user)
    {
        await fx.OperatorAsync(user, "session-pass-2026");
        var c = await StaffClient.SignInAsync(fx, user, "session-pass-2026");
        Assert.Equal(HttpStatusCode.OK, await c.StatusAsync("/Console"));
        return c;
    }

    private static bool ToLogin(HttpResponseMessage r) => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString()
        .Contains("/Login");

    private async Task Sql(string sql, string user)
    {
        await using var conn = new Npgsql.NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("u", user);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_disabled_accounts_open_session_is_refused_and_it_cannot_sign_in_again()
    {
        using var op = await OperatorAsync("sess.disabled");
        using var admin = await StaffClient.SignInAsync(fx, "admin", PlatformFixture.AdminPassword);
        var disable = await admin.PostFormAsync("/Admin/Account?user=sess.disabled", new() { ["user"] = "sess.disabled" },
            "/Admin/Account?user=sess.disabled&handler=Disable");
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Contains("Désactivé", WebUtility.HtmlDecode(await disable.Content.ReadAsStringAsync()));

        Assert.True(ToLogin(await op.Http.GetAsync("/Console")));
        var again = await op.LoginAsync("sess.disabled", fx.Passwords["sess.disabled:session-pass-2026"]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // the login page again, refused

        // Enabled again: signs in.
        await admin.PostFormAsync("/Admin/Account?user=sess.disabled", new() { ["user"] = "sess.disabled" },
            "/Admin/Account?user=sess.disabled&handler=Enable");
        Assert.Equal(HttpStatusCode.Redirect, (await op.LoginAsync("sess.disabled", fx.Passwords["sess.disabled:session-pass-2026"])).StatusCode);
    }

    [Fact]
    public async Task A_role_change_or_a_password_reset_ends_the_open_session()
    {
        using var op = await OperatorAsync("sess.role");
        using var admin = await StaffClient.SignInAsync(fx, "admin", PlatformFixture.AdminPassword);
        var edit = await admin.PostFormAsync("/Admin/Account?user=sess.role",
            new() { ["user"] = "sess.role", ["DisplayName"] = "Renamed", ["Role"] = "Supervisor", ["Departments"] = "13" },
                "/Admin/Account?user=sess.role&handler=Edit");
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.True(ToLogin(await op.Http.GetAsync("/Console")));

        using var again = await StaffClient.SignInAsync(fx, "sess.role", "session-pass-2026");
        Assert.Equal(HttpStatusCode.OK, await again.StatusAsync("/Dashboard")); // now a supervisor
        var reset = await admin.PostFormAsync("/Admin/Account?user=sess.role", new() { ["user"] = "sess.role" },
            "/Admin/Account?user=sess.role&handler=ResetPassword");
        var temporary = System.Text.RegularExpressions.Regex.Match(await reset.Content.ReadAsStringAsync(), "id=\"temporary-password\">([^<]+)<")
            .Groups[1].Value;
        Assert.NotEmpty(temporary);
        Assert.True(ToLogin(await again.Http.GetAsync("/Dashboard")));
        var login = await again.LoginAsync("sess.role", temporary);
        Assert.StartsWith("/Login/TwoFactor", login.Headers.Location!.ToString()); // a supervisor now: the second factor first
        login = await again.PostFormAsync("/Login/TwoFactor", new() { ["Code"] = await fx.Authenticators["sess.role"].NextCodeAsync() });
        Assert.StartsWith("/Account/Password", login.Headers.Location!.ToString()); // then the password must be changed
        Assert.Equal(HttpStatusCode.Redirect, (await again.Http.GetAsync("/Dashboard")).StatusCode); // nothing else until then
    }

    [Fact]
    public async Task Logout_ends_the_session_on_the_server_so_a_copied_cookie_no_longer_works()
    {
        using var op = await OperatorAsync("sess.logout");
        var cookie = op.Cookies.GetCookieHeader(new Uri(fx.BaseUrl));
        var logout = await op.PostFormAsync("/Console", new(), "/Logout");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var replay = new HttpClient(new HttpClientHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false
        })
        { BaseAddress = new Uri(fx.BaseUrl) };
        var request = new HttpRequestMessage(HttpMethod.Get, "/Console");
        request.Headers.Add("Cookie", cookie);
        Assert.True(ToLogin(await replay.SendAsync(request)));
    }

    [Fact]
    public async Task Idle_and_absolute_timeouts_end_the_session()
    {
        using var idle = await OperatorAsync("sess.idle");
        await Sql("UPDATE staff_sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_name = @u", "sess.idle");
        Assert.True(ToLogin(await idle.Http.GetAsync("/Console")));

        using var old = await OperatorAsync("sess.old");
        await Sql("UPDATE staff_sessions SET created_at = now() - interval '12 hours 1 minute' WHERE user_name = @u", "sess.old");
        Assert.True(ToLogin(await old.Http.GetAsync("/Console")));
    }

    [Fact]
    public async Task Mon_compte_lists_the_recent_sign_ins()
    {
        await fx.OperatorAsync("sess.account", "session-pass-2026");
        using (var c = new StaffClient(fx.BaseUrl)) await c.LoginAsync("sess.account", "not-the-right-one");
        using var op = await StaffClient.SignInAsync(fx, "sess.account", "session-pass-2026");
        var page = WebUtility.HtmlDecode(await op.Http.GetStringAsync("/Account"));
        Assert.Contains("refusée", page);
        Assert.Contains("réussie", page);
        Assert.Contains("127.0.0.1", page);
    }
}
