using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FollowUp.Tests;

/// <summary>Issue 16 §5: at J4 the script's "équipes mobiles" referral is recorded like the CTAI referral (an event
/// naming the department on the person's timeline), through the call API as the call screen posts it.</summary>
[Collection(PlatformCollection.Name)]
public class MobileTeamReferralApiTests(PlatformFixture fx)
{
    [Fact]
    public async Task A_J4_call_records_the_mobile_team_referral_with_the_department()
    {
        await fx.OperatorAsync("api-op-52", "operator-pass-52", "52");
        await fx.OpenNowAsync();
        // Vulnerable at inclusion, on a landline (no SMS), included 4 days ago: the J2 and the J4 calls are both due.
        var (id, _) = await fx.IncludeAsync("mobile-team-52", vulnerable: true, department: "52", phone: "+33325" + Random.Shared.Next(100_000,
            999_999), daysAgo: 4);
        using var api = fx.Api();
        async Task<JsonElement> NextAsync()
        {
            var r = await api.PostAsync("/api/operators/api-op-52/next", null);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var call = await r.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(id, call.GetProperty("personId").GetGuid());
            (await api.PostAsync($"/api/calls/{call.GetProperty("callId").GetString()}/start", null)).EnsureSuccessStatusCode();
            return call;
        }

        // The two calls in the order of the ARS priorities (another test may have changed them): J2 reached, then J4.
        for (var served = 0; served < 2; served++)
        {
            var call = await NextAsync();
            var callId = call.GetProperty("callId").GetString();
            if (call.GetProperty("milestone").GetString() == "J2")
            {
                (await api.PostAsJsonAsync($"/api/calls/{callId}/outcome", new { outcome = "reached" })).EnsureSuccessStatusCode();
                continue;
            }
            Assert.Equal(("J4", "j4-extra-contact"), (call.GetProperty("milestone").GetString(), call.GetProperty("scriptId").GetString()));
            var outcome = await api.PostAsJsonAsync($"/api/calls/{callId}/outcome",
                new { outcome = "reached", answers = new { mobileTeamNeeded = true, supportNeeded = true } });
            Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
        }

        var timeline = (await fx.PersonAsync(id)).GetProperty("timeline").EnumerateArray()
            .Select(e => (Event: e.GetProperty("event").GetString(), Detail: e.GetProperty("detail").GetString())).ToList();
        var mobileTeam = Assert.Single(timeline, e => e.Event == "mobileTeamReferral");
        Assert.StartsWith("J4", mobileTeam.Detail);
        Assert.EndsWith(":52", mobileTeam.Detail);
        // Recorded like the CTAI referral of the same call: the same milestone and department.
        var ctai = Assert.Single(timeline, e => e.Event == "ctaiReferral");
        Assert.StartsWith(mobileTeam.Detail, ctai.Detail);
    }
}
