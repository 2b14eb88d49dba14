using System.Net;
using System.Text.RegularExpressions;

namespace FollowUp.Tests.Security;

/// <summary>A staff browser over plain HTTP (cookies, antiforgery tokens) for the security tests.</summary>
public sealed partial class StaffClient : IDisposable
{
    public HttpClient Http { get; }
    public CookieContainer Cookies { get; } = new();

    public StaffClient(string baseUrl) =>
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    public async Task<string> TokenAsync(string page) => TokenRegex().Match(await Http.GetStringAsync(page)).Groups[1].Value;

    /// <summary>Posts a form of <paramref name="page"/> with its antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, Dictionary<string, string> fields, string? action = null)
    {
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await TokenAsync(page) };
        return await Http.PostAsync(action ?? page, new FormUrlEncodedContent(form));
    }

    public Task<HttpResponseMessage> LoginAsync(string user, string password) =>
        PostFormAsync("/Login", new() { ["UserName"] = user, ["Password"] = password });

    /// <summary>
    /// Signs in, completing every step the platform asks for: the second factor's code (from fx.Authenticators), the
    /// change of the initial password (the new one kept in fx.Passwords), the enrolment of the second factor (its app kept
    /// in fx.Authenticators); fails the test otherwise.
    /// </summary>
    public static async Task<StaffClient> SignInAsync(PlatformFixture fx, string user, string password, string? baseUrl = null)
    {
        var c = new StaffClient(baseUrl ?? fx.BaseUrl);
        var current = fx.Passwords.GetValueOrDefault($"{user}:{password}", password);
        var r = await c.LoginAsync(user, current);
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"sign-in of {user}: {r.StatusCode}");
        await c.CompleteSignInAsync(fx, user, password, r);
        return c;
    }

    /// <summary>Completes the steps after a right password (<paramref name="r"/>: the answer to it); returns where it ends.</summary>
    public async Task<string> CompleteSignInAsync(PlatformFixture fx, string user, string password, HttpResponseMessage r)
    {
        for (var steps = 0; steps < 4 && r.StatusCode == HttpStatusCode.Redirect; steps++)
        {
            var location = r.Headers.Location!.ToString();
            if (location.StartsWith("/Login/TwoFactor"))
            {
                Assert.True(fx.Authenticators.TryGetValue(user, out var app), $"{user} has a second factor the tests do not know");
                r = await PostFormAsync("/Login/TwoFactor", new() { ["Code"] = await app.NextCodeAsync() });
                Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"second factor of {user}: {r.StatusCode}");
            }
            else if (location.StartsWith("/Account/Password"))
            {
                var current = fx.Passwords.GetValueOrDefault($"{user}:{password}", password);
                var changed = current + "!h";
                r = await PostFormAsync(location, new() { ["Current"] = current, ["New"] = changed, ["Confirm"] = changed });
                Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"password change of {user}: {r.StatusCode}");
                fx.Passwords[$"{user}:{password}"] = changed;
            }
            else if (location.StartsWith("/Account/TwoFactor"))
            {
                var (app, fields) = TestAuthenticator.Enrol(await Http.GetStringAsync(location));
                var done = await PostFormAsync(location, fields);
                Assert.True(done.StatusCode == HttpStatusCode.OK, $"second factor enrolment of {user}: {done.StatusCode}");
                app.KeepRecoveryCodes(await done.Content.ReadAsStringAsync());
                fx.Authenticators[user] = app;
                return "/Account/TwoFactor";
            }
            else return location;
        }
        return r.Headers.Location?.ToString() ?? "";
    }

    public async Task<HttpStatusCode> StatusAsync(string path) => (await Http.GetAsync(path)).StatusCode;

    public void Dispose() => Http.Dispose();
}
