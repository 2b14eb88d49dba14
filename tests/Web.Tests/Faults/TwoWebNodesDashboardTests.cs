using System.Net.Http.Headers;
using System.Net.Http.Json;
using FollowUp.Tests.Security;
using Microsoft.Playwright;

namespace FollowUp.Tests.Faults;

/// <summary>Issue 13: two web nodes on one cluster. A supervisor signed in on one node uses the other without signing
/// in again (Data Protection keys and sessions in PostgreSQL), and an outcome recorded through either node reaches the
/// live dashboard of both (each node subscribes to the ReportingGrain and pushes to its own SignalR clients).</summary>
[Collection(PlatformCollection.Name)]
public class TwoWebNodesDashboardTests(PlatformFixture fx) : BrowserTest
{
    [Fact]
    public async Task Signed_in_on_one_node_the_supervisor_uses_the_other_and_both_dashboards_follow_the_outcomes()
    {
        await using var second = WebNode.Start(fx);
        using var api = fx.Api();
        await fx.StaffAsync("sup.nodes", "supervisor-nodes-2026", "Supervisor", "Superviseur");
        await fx.OperatorAsync("op.nodes", "operator-nodes-2026", "976");
        await fx.DueCallAsync("nodes-dash-1", "976");
        await fx.DueCallAsync("nodes-dash-2", "976");

        var context = await Browser.NewContextAsync();
        var first = BrowserTest.Patient(await context.NewPageAsync());
        await first.GotoAsync(fx.BaseUrl + "/");
        await BrowserLogin.LogInAsync(first, fx, "sup.nodes", "supervisor-nodes-2026");
        await first.GotoAsync(fx.BaseUrl + "/Dashboard");
        var other = BrowserTest.Patient(await context.NewPageAsync());
        await other.GotoAsync(second.BaseUrl + "/Dashboard"); // the same session cookie, the other node: no sign-in asked
        Assert.DoesNotContain("/Login", other.Url);
        foreach (var page in new[] { first, other })
        {
            await page.Locator("#chart-hours").WaitForAsync();
            await Assertions.Expect(page.Locator("#calls-remaining")).Not.ToHaveTextAsync("0", new() { Timeout = 15_000 });
        }
        var before = int.Parse(await first.InnerTextAsync("#calls-made"));
        Assert.Equal(before, int.Parse(await other.InnerTextAsync("#calls-made")));

        // One outcome through each node's API: both dashboards count both, without reload.
        using var secondApi = new HttpClient { BaseAddress = new Uri(second.BaseUrl) };
        secondApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PlatformFixture.ApiKey);
        foreach (var node in new[] { secondApi, api })
        {
            var next = await node.PostAsync("/api/operators/op.nodes/next", null);
            next.EnsureSuccessStatusCode();
            var call = await next.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            (await node.PostAsJsonAsync($"/api/calls/{call.GetProperty("callId").GetString()}/outcome", new { outcome = "noAnswer" }))
                .EnsureSuccessStatusCode();
        }
        foreach (var page in new[] { first, other })
            await Assertions.Expect(page.Locator("#calls-made")).ToHaveTextAsync((before + 2).ToString(), new() { Timeout = 15_000 });
        await context.DisposeAsync();
    }
}
