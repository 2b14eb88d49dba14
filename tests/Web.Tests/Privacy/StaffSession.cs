using System.Net;
using System.Text.RegularExpressions;

namespace FollowUp.Tests.Privacy;

/// <summary>A staff member's browser session without a browser: cookies, the login form and its antiforgery token.</summary>
public sealed partial class StaffSession : IDisposable
{
    public HttpClient Http { get; }

    private StaffSession(string baseUrl) =>
        Http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(baseUrl) };

    /// <summary>Signs in, completing the second factor, the first password change and the factor's enrolment like
    /// <see cref="Security.StaffClient"/> (state kept in fx.Passwords and fx.Authenticators); returns the session and whether the sign-in
    /// succeeded.</summary>
    public static async Task<(StaffSession Session, bool SignedIn)> SignInAsync(PlatformFixture fx, string userName, string password)
    {
        var s = new StaffSession(fx.BaseUrl);
        var current = fx.Passwords.GetValueOrDefault($"{userName}:{password}", password);
        var r = await s.PostFormAsync("/Login", new() { ["UserName"] = userName, ["Password"] = current });
        var path = r.RequestMessage!.RequestUri!.AbsolutePath;
        if (path.StartsWith("/Login/TwoFactor", StringComparison.OrdinalIgnoreCase) && fx.Authenticators.TryGetValue(userName, out var known))
        {
            r = await s.PostFormAsync("/Login/TwoFactor", new() { ["Code"] = await known.NextCodeAsync() });
            path = r.RequestMessage!.RequestUri!.AbsolutePath;
        }
        if (path.StartsWith("/Account/Password", StringComparison.OrdinalIgnoreCase))
        {
            var changed = current + "!h";
            r = await s.PostFormAsync("/Account/Password", new() { ["Current"] = current, ["New"] = changed, ["Confirm"] = changed });
            fx.Passwords[$"{userName}:{password}"] = changed;
            path = r.RequestMessage!.RequestUri!.AbsolutePath;
        }
        if (path.StartsWith("/Account/TwoFactor", StringComparison.OrdinalIgnoreCase))
        {
            var (app, fields) = TestAuthenticator.Enrol(await r.Content.ReadAsStringAsync());
            r = await s.PostFormAsync(r.RequestMessage!.RequestUri!.PathAndQuery, fields);
            app.KeepRecoveryCodes(await r.Content.ReadAsStringAsync());
            fx.Authenticators[userName] = app;
            path = r.RequestMessage!.RequestUri!.AbsolutePath;
        }
        return (s, !path.StartsWith("/Login", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWith("/Account/Password", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>GETs <paramref name="formPage"/> for its antiforgery token, then posts the fields to it (or to <paramref name="action"/>).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, Dictionary<string, string> fields, string? action = null)
    {
        var html = await Http.GetStringAsync(formPage);
        var token = Token().Match(html).Groups[1].Value;
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) };
        return await Http.PostAsync(action ?? formPage, new FormUrlEncodedContent(all));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public void Dispose() => Http.Dispose();
}
