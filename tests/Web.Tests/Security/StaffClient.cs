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

    /// <summary>Signs in (changing the initial password at the first sign-in, kept in fx.Passwords); fails the test otherwise.</summary>
    public static async Task<StaffClient> SignInAsync(PlatformFixture fx, string user, string password, string? baseUrl = null)
    {
        var c = new StaffClient(baseUrl ?? fx.BaseUrl);
        var current = fx.Passwords.GetValueOrDefault($"{user}:{password}", password);
        var r = await c.LoginAsync(user, current);
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"sign-in of {user}: {r.StatusCode}");
        if (r.Headers.Location!.ToString().StartsWith("/Account/Password"))
        {
            var changed = current + "!h";
            var done = await c.PostFormAsync("/Account/Password", new() { ["Current"] = current, ["New"] = changed, ["Confirm"] = changed });
            Assert.True(done.StatusCode == HttpStatusCode.Redirect, $"password change of {user}: {done.StatusCode}");
            fx.Passwords[$"{user}:{password}"] = changed;
        }
        return c;
    }

    public async Task<HttpStatusCode> StatusAsync(string path) => (await Http.GetAsync(path)).StatusCode;

    public void Dispose() => Http.Dispose();
}
