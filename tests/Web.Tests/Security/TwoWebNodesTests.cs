using System.Net;

namespace FollowUp.Tests.Security;

/// <summary>Issue 14 §4: the Data Protection keys are in PostgreSQL, so two web nodes accept each other's cookies and tokens.</summary>
[Collection(PlatformCollection.Name)]
public class TwoWebNodesTests(PlatformFixture fx)
{
    [Fact]
    public async Task A_cookie_and_a_form_token_from_one_node_work_on_the_other()
    {
        await fx.OperatorAsync("nodes.op", "two-nodes-pass-2026");
        using var onFirst = await StaffClient.SignInAsync(fx, "nodes.op", "two-nodes-pass-2026");
        var token = await onFirst.TokenAsync("/Console");
        await using var second = WebNode.Start(fx);

        using var onSecond = new HttpClient(new HttpClientHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false
        })
        { BaseAddress = new Uri(second.BaseUrl) };
        var cookie = onFirst.Cookies.GetCookieHeader(new Uri(fx.BaseUrl));
        var page = new HttpRequestMessage(HttpMethod.Get, "/Console");
        page.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.SendAsync(page)).StatusCode);

        // A form of the first node posted to the second: its antiforgery token is accepted; the logout ends the session everywhere.
        var logout = new HttpRequestMessage(HttpMethod.Post,
            "/Logout")
        { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }) };
        logout.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Redirect, (await onSecond.SendAsync(logout)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.Http.GetAsync("/Console")).StatusCode);
    }
}
