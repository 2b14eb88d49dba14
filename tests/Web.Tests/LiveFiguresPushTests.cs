using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using FollowUp.Tests.Security;
using Microsoft.AspNetCore.SignalR.Client;

namespace FollowUp.Tests;

/// <summary>
/// Issue 12 §9: the console's queue counts and the dashboard's figures are pushed by the cluster (the ReportingGrain
/// reads the call queue once for every web node and notifies their observers); a browser's SignalR connection receives
/// each change without asking, and the web no longer reads these figures from the database.
/// </summary>
[Collection(PlatformCollection.Name)]
public class LiveFiguresPushTests(PlatformFixture fx)
{
    private const string Department = "46";

    private async Task<HubConnection> HubAsync(StaffClient client)
    {
        var hub = new HubConnectionBuilder().WithUrl(fx.BaseUrl + "/hubs/live", o => o.Cookies = client.Cookies).Build();
        await hub.StartAsync();
        return hub;
    }

    /// <summary>The first pushed message that satisfies <paramref name="match"/> (fails after a generous wait: it never came).</summary>
    private static async Task<JsonElement> NextAsync(Channel<JsonElement> pushed, Func<JsonElement, bool> match, string what)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var m = await pushed.Reader.ReadAsync(cts.Token);
                if (match(m)) return m;
            }
        }
        catch (OperationCanceledException) { throw new TimeoutException("never pushed: " + what); }
    }

    private static int Total(JsonElement counts) => counts.EnumerateObject().Sum(c => c.Value.GetInt32());

    [Fact]
    public async Task A_claim_and_an_outcome_reach_the_console_counts_and_the_dashboard_without_a_poll()
    {
        await fx.OperatorAsync("op.push", "operator-push-2026", Department);
        using (var api = fx.Api())
        {
            var r = await api.PostAsJsonAsync("/api/users", new
            {
                userName = "sup.push",
                displayName = "S",
                role = "Supervisor",
                password = "supervisor-push-2026",
                departments = new[] { Department }
            });
            Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await r.Content.ReadAsStringAsync());
        }
        using var op = await StaffClient.SignInAsync(fx, "op.push", "operator-push-2026");
        using var sup = await StaffClient.SignInAsync(fx, "sup.push", "supervisor-push-2026");

        var queue = Channel.CreateUnbounded<JsonElement>();
        var dashboard = Channel.CreateUnbounded<JsonElement>();
        await using var console = await HubAsync(op);
        console.On<JsonElement>("queue", c => queue.Writer.TryWrite(c));
        await using var watcher = await HubAsync(sup);
        watcher.On<JsonElement>("dashboard", s => dashboard.Writer.TryWrite(s));
        await watcher.InvokeAsync("WatchDashboard");

        // A call falls due: the count rises at the console by itself.
        await fx.DueCallAsync("push-1", Department);
        var withCall = await NextAsync(queue, c => c.TryGetProperty("J2", out _) && Total(c) > 0, "a queue count with the new call");
        var total = Total(withCall);
        foreach (var type in Enum.GetNames<MilestoneType>()) Assert.True(withCall.TryGetProperty(type, out _), type);

        // The operator takes it: one call fewer in the queue, pushed.
        using var api2 = fx.Api();
        var next = await api2.PostAsync("/api/operators/op.push/next", null);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var callId = (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("callId").GetString();
        await NextAsync(queue, c => Total(c) == total - 1, $"the queue count going from {total} to {total - 1}");

        // The outcome: the limited supervisor's dashboard counts the call made in the department.
        int Made(JsonElement s) => s.GetProperty("byDepartment").TryGetProperty(Department, out var d) ? d.GetProperty("callsMade").GetInt32() : 0;
        var before = Made(await NextAsync(dashboard, _ => true, "a first dashboard snapshot"));
        Assert.Equal(HttpStatusCode.OK, (await api2.PostAsync($"/api/calls/{callId}/start", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api2.PostAsJsonAsync($"/api/calls/{callId}/outcome", new { outcome = "noAnswer" })).StatusCode);
        var after = await NextAsync(dashboard, s => Made(s) == before + 1, "the call made in the department's figures");
        Assert.Equal([Department], after.GetProperty("byDepartment").EnumerateObject().Select(d => d.Name));
        Assert.Empty(after.GetProperty("queueByType").EnumerateObject()); // region counts stay out of a limited snapshot
    }
}
