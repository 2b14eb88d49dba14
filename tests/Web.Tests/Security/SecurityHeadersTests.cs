using System.Net;
using System.Text.RegularExpressions;

namespace FollowUp.Tests.Security;

/// <summary>Issue 14 §5, §6, §10: the security headers on /Login, /q/… and /api/…, HTTPS when the public URL is https, the favicon.</summary>
[Collection(PlatformCollection.Name)]
public class SecurityHeadersTests(PlatformFixture fx)
{
    private static void AssertSecurityHeaders(HttpResponseMessage r, bool noStore = true)
    {
        var csp = string.Join(";", r.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", r.Headers.GetValues("Referrer-Policy").Single());
        var permissions = r.Headers.GetValues("Permissions-Policy").Single();
        Assert.Contains("camera=()", permissions);
        Assert.Contains("geolocation=()", permissions);
        Assert.Contains("microphone=()", permissions);
        if (noStore) Assert.True(r.Headers.CacheControl?.NoStore, $"{r.RequestMessage?.RequestUri}: Cache-Control {r.Headers.CacheControl}");
    }

    [Fact]
    public async Task Login_questionnaire_and_api_carry_the_headers_and_no_store()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        AssertSecurityHeaders(await anonymous.GetAsync("/Login"));
        AssertSecurityHeaders(await anonymous.GetAsync("/q/not-a-real-token"));
        AssertSecurityHeaders(await anonymous.GetAsync("/api/persons/" + Guid.NewGuid())); // 401
        using var api = fx.Api();
        var person = await api.GetAsync("/api/persons?q=Durand");
        Assert.Equal(HttpStatusCode.OK, person.StatusCode);
        AssertSecurityHeaders(person);
        AssertSecurityHeaders(await api.GetAsync($"/api/reports/daily?date={await fx.TodayAsync():yyyy-MM-dd}&format=csv"));
    }

    [Fact]
    public async Task Each_response_has_its_own_nonce_and_every_script_of_the_page_carries_it()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        var first = await anonymous.GetAsync("/Login");
        var second = await anonymous.GetAsync("/Login");
        var nonce = Nonce(first);
        Assert.NotEqual(nonce, Nonce(second));
        var html = await first.Content.ReadAsStringAsync();
        var scripts = Regex.Matches(html, "<script[^>]*>");
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains($"nonce=\"{nonce}\"", s.Value));
        Assert.DoesNotContain(" style=\"", html);
        Assert.DoesNotContain(" onclick=", html);
    }

    private static string Nonce(HttpResponseMessage r) =>
        Regex.Match(r.Headers.GetValues("Content-Security-Policy").Single(), "'nonce-([^']+)'").Groups[1].Value;

    [Fact]
    public async Task The_favicon_is_served()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        foreach (var path in new[] { "/favicon.ico", "/favicon.svg" })
        {
            var r = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            AssertSecurityHeaders(r, noStore: false);
        }
        Assert.Contains("rel=\"icon\"", await anonymous.GetStringAsync("/Login"));
    }

    [Fact]
    public async Task With_an_https_public_url_http_is_redirected_and_cookies_are_secure()
    {
        await using var node = WebNode.Start(fx, new Dictionary<string, string?> { ["FollowUp:PublicBaseUrl"] = "https://suivi.example.test" });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(node.BaseUrl) };
        var r = await http.GetAsync("/Login");
        Assert.Equal(HttpStatusCode.PermanentRedirect, r.StatusCode);
        Assert.StartsWith("https://127.0.0.1", r.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode); // probes stay on http

        // Behind the proxy (X-Forwarded-Proto from a known proxy) the page is served, with HSTS and Secure cookies.
        await using var proxied = WebNode.Start(fx, new Dictionary<string, string?>
        {
            ["FollowUp:PublicBaseUrl"] = "https://suivi.example.test",
            ["FollowUp:Web:KnownProxies"] = "127.0.0.1",
        });
        using var viaProxy = new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false
        })
        { BaseAddress = new Uri(proxied.BaseUrl) };
        var request = new HttpRequestMessage(HttpMethod.Get, "/Login");
        request.Headers.Host = "suivi.example.test";
        request.Headers.Add("X-Forwarded-Proto", "https");
        var page = await viaProxy.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));

        // The same header from an unknown address is not believed: still redirected.
        var untrusted = new HttpRequestMessage(HttpMethod.Get, "/Login");
        untrusted.Headers.Add("X-Forwarded-Proto", "https");
        Assert.Equal(HttpStatusCode.PermanentRedirect, (await http.SendAsync(untrusted)).StatusCode);
    }
}
