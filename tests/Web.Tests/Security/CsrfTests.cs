using System.Net;

namespace FollowUp.Tests.Security;

/// <summary>Issue 14: a form post without its antiforgery token is rejected and changes nothing.</summary>
[Collection(PlatformCollection.Name)]
public class CsrfTests(PlatformFixture fx)
{
    [Fact]
    public async Task A_post_without_the_token_is_rejected()
    {
        await fx.OperatorAsync("csrf.victim", "csrf-victim-2026");
        using var admin = await StaffClient.SignInAsync(fx, "admin", PlatformFixture.AdminPassword);
        var forged = await admin.Http.PostAsync("/Admin/Account?user=csrf.victim&handler=Disable",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "csrf.victim" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var victim = await StaffClient.SignInAsync(fx, "csrf.victim", "csrf-victim-2026"); // still enabled

        var login = await new HttpClient { BaseAddress = new Uri(fx.BaseUrl) }.PostAsync("/Login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = "admin", ["Password"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        var logout = await victim.Http.PostAsync("/Logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await victim.StatusAsync("/Console"));
    }
}
