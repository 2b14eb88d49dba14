using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FollowUp.Tests.Security;

/// <summary>Issue 14 §2, §3: lockout after 5 failures, the same answer and minimum time whatever the failure, per-IP throttling, the password
/// policy.</summary>
[Collection(PlatformCollection.Name)]
public class LockoutTests(PlatformFixture fx)
{
    private Task CreateOperatorAsync(string user, string password) => fx.OperatorAsync(user, password);

    private async Task<object?> Sql(string sql, string user)
    {
        await using var conn = new Npgsql.NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("u", user);
        return await cmd.ExecuteScalarAsync();
    }

    /// <summary>The page without what changes on every response (antiforgery token, nonce).</summary>
    private static string Stable(string html) =>
        Regex.Replace(Regex.Replace(html, "value=\"CfDJ8[^\"]*\"", ""), "nonce=\"[0-9A-F]+\"", "");

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password_until_the_lockout_ends()
    {
        await CreateOperatorAsync("lock.op", "lockout-pass-2026");
        using var c = new StaffClient(fx.BaseUrl);
        for (var i = 0; i < 5; i++)
        {
            var r = await c.LoginAsync("lock.op", "wrong-password-" + i);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains("incorrect", await r.Content.ReadAsStringAsync());
        }
        var locked = await c.LoginAsync("lock.op", "lockout-pass-2026");
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("incorrect", await locked.Content.ReadAsStringAsync());
        var until = (DateTime)(await Sql("SELECT locked_until FROM users WHERE user_name = @u", "lock.op"))!;
        Assert.InRange(until - DateTime.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));

        await Sql("UPDATE users SET locked_until = now() - interval '1 second' WHERE user_name = @u", "lock.op"); // 15 minutes later
        Assert.Equal(HttpStatusCode.Redirect, (await c.LoginAsync("lock.op", "lockout-pass-2026")).StatusCode);
    }

    [Fact]
    public async Task Unknown_user_wrong_password_and_locked_account_get_the_same_page_after_the_same_minimum_time()
    {
        await CreateOperatorAsync("same.op", "same-answer-2026");
        await Sql("UPDATE users SET locked_until = now() + interval '15 minutes' WHERE user_name = 'same.op' AND @u = @u", "");
        await CreateOperatorAsync("wrong.op", "wrong-answer-2026");
        using var c = new StaffClient(fx.BaseUrl);
        var pages = new List<string>();
        foreach (var (user, password) in new[] { ("nobody.here", "whatever-pass-1"), ("wrong.op", "whatever-pass-1"),
            ("same.op", "same-answer-2026") })
        {
            var clock = Stopwatch.StartNew();
            var r = await c.LoginAsync(user, password);
            var elapsed = clock.Elapsed;
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            // FollowUp:Security:LoginMinMilliseconds (400): every refusal is answered after this floor, and each does a password hash.
            Assert.True(elapsed >= TimeSpan.FromMilliseconds(400), $"{user}: {elapsed.TotalMilliseconds} ms");
            pages.Add(Stable((await r.Content.ReadAsStringAsync()).Replace($"value=\"{user}\"", "value=\"\"")));
        }
        Assert.Equal(pages[0], pages[1]);
        Assert.Equal(pages[0], pages[2]);
    }

    [Fact]
    public async Task Sign_in_attempts_are_throttled_per_client_ip_behind_a_known_proxy()
    {
        await using var node = WebNode.Start(fx, new Dictionary<string, string?>
        {
            ["FollowUp:Web:KnownProxies"] = "127.0.0.1",
            ["FollowUp:Security:LoginPerIpPerMinute"] = "3",
        });
        using var c = new StaffClient(node.BaseUrl);
        async Task<HttpStatusCode> Attempt(string clientIp)
        {
            var token = await c.TokenAsync("/Login");
            var request = new HttpRequestMessage(HttpMethod.Post, "/Login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string,
                    string>
                { ["UserName"] = "nobody", ["Password"] = "nothing-at-all", ["__RequestVerificationToken"] = token }),
            };
            request.Headers.Add("X-Forwarded-For", clientIp);
            return (await c.Http.SendAsync(request)).StatusCode;
        }
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, await Attempt("203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Attempt("203.0.113.7"));
        Assert.Equal(HttpStatusCode.OK, await Attempt("203.0.113.8")); // another client behind the same proxy
    }

    [Fact]
    public async Task Passwords_need_12_characters_not_a_common_one_and_not_the_user_name()
    {
        using var api = fx.Api();
        foreach (var (user, password) in new[] { ("pw.short", "Short-pw-11"), ("pw.common", "123qweasdzxc"), ("pw.named", "my-pw.named-secret") })
        {
            var r = await api.PostAsJsonAsync("/api/users", new { userName = user, displayName = "X", role = "Operator", password });
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.True((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _), user);
        }
        Assert.InRange(FollowUp.Web.Application.Security.PasswordPolicy.CommonCount, 9_900, 10_000); // 10,000 lines, a few equal but for case
    }
}
