using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Tests.Security;
using Microsoft.AspNetCore.SignalR.Client;

namespace FollowUp.Tests;

/// <summary>
/// The console's call screen watches its person (LiveHub.WatchPerson) and hears when the person's record changed: the
/// person grain tells it through the silo's reporting aggregator and the web's dashboard relay, no query of the web.
/// </summary>
[Collection(PlatformCollection.Name)]
public class LivePersonPushTests(PlatformFixture fx)
{
    [Fact]
    public async Task A_watched_person_whose_call_outcome_is_recorded_is_pushed_to_the_screen()
    {
        await fx.OperatorAsync("live.push.op", "live-push-2026", "36");
        var (person, _) = await fx.DueCallAsync("live-push-" + Guid.NewGuid().ToString("N")[..8], "36");
        using var api = fx.Api();
        var call = await (await api.PostAsync("/api/operators/live.push.op/next", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(person, call.GetProperty("personId").GetGuid());

        using var op = await StaffClient.SignInAsync(fx, "live.push.op", "live-push-2026");
        await using var hub = new HubConnectionBuilder().WithUrl(fx.BaseUrl + "/hubs/live", o => o.Cookies = op.Cookies).Build();
        var pushed = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<Guid>("person", id => pushed.TrySetResult(id));
        await hub.StartAsync();
        await hub.InvokeAsync("WatchPerson", person);

        var callId = call.GetProperty("callId").GetString();
        (await api.PostAsync($"/api/calls/{callId}/start", null)).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"/api/calls/{callId}/outcome", new { outcome = "noAnswer" })).EnsureSuccessStatusCode();
        Assert.Equal(person, await pushed.Task.WaitAsync(TimeSpan.FromSeconds(90))); // a deadline for a lost push, not a speed check
    }
}
