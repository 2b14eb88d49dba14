using System.Net;
using System.Net.Http.Json;

namespace FollowUp.Tests.Security;

/// <summary>
/// Issue 14 §1: the TOTP second factor is required for the roles of FollowUp:Security:RequireTwoFactorFor (default
/// Admin,Supervisor) and enforced: enrolment at the first sign-in, then no session without a code, a used code refused
/// again, recovery codes single use, wrong codes counted towards the lockout, the Admin reset, the access journal.
/// </summary>
[Collection(PlatformCollection.Name)]
public class TwoFactorTests(PlatformFixture fx)
{
    private Task CreateAsync(string user, string role, string password) => fx.StaffAsync(user, password, role);

    private async Task<long> JournalCountAsync(string user, string action)
    {
        await using var conn = new Npgsql.NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM access_log WHERE user_name = @u AND action = @a", conn);
        cmd.Parameters.AddWithValue("u", user);
        cmd.Parameters.AddWithValue("a", action);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static string Location(HttpResponseMessage r) => r.Headers.Location?.ToString() ?? "";

    /// <summary>Signs in with the password only and returns the client waiting at the code step.</summary>
    private async Task<StaffClient> AtCodeStepAsync(string user, string password)
    {
        var c = new StaffClient(fx.BaseUrl);
        var r = await c.LoginAsync(user, fx.Passwords[$"{user}:{password}"]);
        Assert.Equal("/Login/TwoFactor", Location(r));
        return c;
    }

    [Fact]
    public async Task A_supervisor_enrols_at_first_sign_in_and_has_no_session_before_the_factor()
    {
        await CreateAsync("tf.sup", "Supervisor", "two-factor-pass-2026");
        using var first = new StaffClient(fx.BaseUrl);
        var r = await first.LoginAsync("tf.sup", "two-factor-pass-2026");
        Assert.StartsWith("/Account/Password", Location(r)); // the initial password first
        var changed = "two-factor-pass-2026!x";
        r = await first.PostFormAsync(Location(r), new() { ["Current"] = "two-factor-pass-2026", ["New"] = changed, ["Confirm"] = changed });
        fx.Passwords["tf.sup:two-factor-pass-2026"] = changed;
        Assert.StartsWith("/Account/TwoFactor", Location(r)); // then the enrolment
        Assert.StartsWith("/Account/TwoFactor", Location(await first.Http.GetAsync("/Dashboard"))); // nothing else until it is done

        var page = await first.Http.GetStringAsync("/Account/TwoFactor");
        Assert.Contains("src=\"data:image/png;base64,", page); // the QR code, inline
        var (app, fields) = TestAuthenticator.Enrol(page);
        Assert.Matches("^[A-Z2-7]{32}$", app.Secret);
        var wrong = await first.PostFormAsync("/Account/TwoFactor", new(fields) { ["Code"] = fields["Code"] == "000000" ? "111111" : "000000" });
        Assert.Contains("Code refusé", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
        var done = await first.PostFormAsync("/Account/TwoFactor", fields);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        app.KeepRecoveryCodes(await done.Content.ReadAsStringAsync()); // 10 codes, shown once
        fx.Authenticators["tf.sup"] = app;
        Assert.Equal(HttpStatusCode.OK, await first.StatusAsync("/Dashboard"));
        Assert.Contains("10 code(s) de secours restant(s)", WebUtility.HtmlDecode(await first.Http.GetStringAsync("/Account")));
        Assert.Equal(1, await JournalCountAsync("tf.sup", "secondFactorEnrolled"));

        // Later sign-ins: the password alone opens no session.
        using var second = await AtCodeStepAsync("tf.sup", "two-factor-pass-2026");
        Assert.Contains("/Login", Location(await second.Http.GetAsync("/Dashboard")));
        Assert.DoesNotContain("/Login/TwoFactor", Location(await second.Http.GetAsync("/Dashboard")));
        r = await second.PostFormAsync("/Login/TwoFactor", new() { ["Code"] = "12345" });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Contains("Code refusé", WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync()));
        var code = await app.NextCodeAsync(allowRecovery: false);
        r = await second.PostFormAsync("/Login/TwoFactor", new() { ["Code"] = code });
        Assert.Equal("/", Location(r));
        Assert.Equal(HttpStatusCode.OK, await second.StatusAsync("/Dashboard"));
        Assert.Equal(1, await JournalCountAsync("tf.sup", "secondFactor"));
        Assert.Equal(1, await JournalCountAsync("tf.sup", "secondFactorFailed"));

        // The same code again (another browser, same step): refused.
        using var replay = await AtCodeStepAsync("tf.sup", "two-factor-pass-2026");
        r = await replay.PostFormAsync("/Login/TwoFactor", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Contains("/Login", Location(await replay.Http.GetAsync("/Dashboard")));
    }

    [Fact]
    public async Task A_recovery_code_opens_one_session_only()
    {
        await CreateAsync("tf.recovery", "Admin", "two-factor-pass-2026");
        (await StaffClient.SignInAsync(fx, "tf.recovery", "two-factor-pass-2026")).Dispose(); // enrols
        var recovery = fx.Authenticators["tf.recovery"].RecoveryCodes.Dequeue();

        using var c = await AtCodeStepAsync("tf.recovery", "two-factor-pass-2026");
        var r = await c.PostFormAsync("/Login/TwoFactor", new() { ["Code"] = recovery.ToUpperInvariant() }); // typed in capitals
        Assert.Equal("/", Location(r));
        Assert.Contains("9 code(s) de secours restant(s)", WebUtility.HtmlDecode(await c.Http.GetStringAsync("/Account")));
        Assert.Equal(1, await JournalCountAsync("tf.recovery", "recoveryCodeUsed"));

        using var again = await AtCodeStepAsync("tf.recovery", "two-factor-pass-2026");
        r = await again.PostFormAsync("/Login/TwoFactor", new() { ["Code"] = recovery });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode); // consumed
        Assert.Contains("/Login", Location(await again.Http.GetAsync("/Admin/Users")));
    }

    [Fact]
    public async Task Wrong_codes_count_towards_the_lockout()
    {
        await CreateAsync("tf.lock", "Supervisor", "two-factor-pass-2026");
        (await StaffClient.SignInAsync(fx, "tf.lock", "two-factor-pass-2026")).Dispose();
        using var c = await AtCodeStepAsync("tf.lock", "two-factor-pass-2026");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await c.PostFormAsync("/Login/TwoFactor", new() { ["Code"] = "00000" + i })).StatusCode);
        // Locked: a right code is refused, and so is the right password.
        var r = await c.PostFormAsync("/Login/TwoFactor",
            new() { ["Code"] = await fx.Authenticators["tf.lock"].NextCodeAsync(allowRecovery: false) });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.LoginAsync("tf.lock", fx.Passwords["tf.lock:two-factor-pass-2026"])).StatusCode);
    }

    [Fact]
    public async Task An_operator_needs_no_factor_by_default_but_may_enrol_from_Mon_compte()
    {
        await fx.OperatorAsync("tf.op", "two-factor-pass-2026");
        using var op = await StaffClient.SignInAsync(fx, "tf.op", "two-factor-pass-2026");
        Assert.False(fx.Authenticators.ContainsKey("tf.op"));
        Assert.Equal(HttpStatusCode.OK, await op.StatusAsync("/Console"));
        var account = WebUtility.HtmlDecode(await op.Http.GetStringAsync("/Account"));
        Assert.Contains("Second facteur non activé", account);
        Assert.Contains("href=\"/Account/TwoFactor\"", account);

        var (app, fields) = TestAuthenticator.Enrol(await op.Http.GetStringAsync("/Account/TwoFactor"));
        var done = await op.PostFormAsync("/Account/TwoFactor", fields);
        app.KeepRecoveryCodes(await done.Content.ReadAsStringAsync());
        fx.Authenticators["tf.op"] = app;
        Assert.Contains("Second facteur activé", WebUtility.HtmlDecode(await op.Http.GetStringAsync("/Account")));
        using var next = await AtCodeStepAsync("tf.op", "two-factor-pass-2026"); // asked from now on
    }

    [Fact]
    public async Task An_operator_must_enrol_when_the_configuration_requires_it()
    {
        await fx.OperatorAsync("tf.op.required", "two-factor-pass-2026");
        await using var node = WebNode.Start(fx, new Dictionary<string,
            string?>
        { ["FollowUp:Security:RequireTwoFactorFor"] = "Admin,Supervisor,Operator" });
        using var c = new StaffClient(node.BaseUrl);
        var r = await c.LoginAsync("tf.op.required", "two-factor-pass-2026");
        r = await c.PostFormAsync(Location(r), new()
        {
            ["Current"] = "two-factor-pass-2026",
            ["New"] = "two-factor-pass-2026!y",
            ["Confirm"] = "two-factor-pass-2026!y"
        });
        Assert.StartsWith("/Account/TwoFactor", Location(r));
        Assert.StartsWith("/Account/TwoFactor", Location(await c.Http.GetAsync("/Console")));
    }

    [Fact]
    public async Task After_an_Admin_reset_the_factor_is_enrolled_again_at_the_next_sign_in()
    {
        await CreateAsync("tf.reset", "Supervisor", "two-factor-pass-2026");
        (await StaffClient.SignInAsync(fx, "tf.reset", "two-factor-pass-2026")).Dispose();
        var oldSecret = fx.Authenticators["tf.reset"].Secret;
        using var admin = await StaffClient.SignInAsync(fx, "admin", PlatformFixture.AdminPassword);
        var reset = await admin.PostFormAsync("/Admin/Account?user=tf.reset", new() { ["user"] = "tf.reset" },
            "/Admin/Account?user=tf.reset&handler=ResetTwoFactor");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(1, await JournalCountAsync("admin", "secondFactorReset"));

        using var c = new StaffClient(fx.BaseUrl);
        var r = await c.LoginAsync("tf.reset", fx.Passwords["tf.reset:two-factor-pass-2026"]);
        Assert.StartsWith("/Account/TwoFactor", Location(r));
        var (app, _) = TestAuthenticator.Enrol(await c.Http.GetStringAsync(Location(r)));
        Assert.NotEqual(oldSecret, app.Secret);
    }
}
