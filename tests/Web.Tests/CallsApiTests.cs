using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FollowUp.Tests;

/// <summary>The call API as integrations and load tests use it: next, start, outcome; priorities.</summary>
[Collection(PlatformCollection.Name)]
public class CallsApiTests(PlatformFixture fx)
{
    [Fact]
    public async Task Next_start_outcome_then_conflict_and_the_retry_is_scheduled()
    {
        await fx.OperatorAsync("api-op-2a", "operator-pass-9", "2A");
        var (id, _) = await fx.DueCallAsync("calls-api-1", "2A");
        using var api = fx.Api();

        var next = await api.PostAsync("/api/operators/api-op-2a/next", null);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var call = await next.Content.ReadFromJsonAsync<JsonElement>();
        var callId = call.GetProperty("callId").GetString()!;
        Assert.Equal(id, call.GetProperty("personId").GetGuid());
        Assert.Equal("J2", call.GetProperty("milestone").GetString());
        Assert.Equal("j2-first-contact", call.GetProperty("scriptId").GetString());

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/calls/{callId}/start", null)).StatusCode);

        var unknown = await api.PostAsJsonAsync($"/api/calls/{callId}/outcome", new { outcome = "maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("maybe", await unknown.Content.ReadAsStringAsync());
        var badAnswer = await api.PostAsJsonAsync($"/api/calls/{callId}/outcome",
            new { outcome = "reached", answers = new { difficulty = "lots", testResult = "positive" } });
        Assert.Equal(HttpStatusCode.BadRequest, badAnswer.StatusCode);
        var errors = (await badAnswer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("answers.difficulty", out _));
        Assert.False(errors.TryGetProperty("answers.testResult", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync($"/api/calls/{callId}/outcome", new { outcome = "refused" }))
            .StatusCode); // reason required

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/calls/{callId}/outcome", new { outcome = "noAnswer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsJsonAsync($"/api/calls/{callId}/outcome", new { outcome = "reached" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/operators/api-op-2a/next", null)).StatusCode); // retry is 2 h later

        var person = await fx.PersonAsync(id);
        Assert.Contains(person.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("event").GetString() == "retryScheduled");
        var j2 = person.GetProperty("milestones")[0];
        Assert.Equal("noAnswer", j2.GetProperty("call").GetProperty("attempts")[0].GetProperty("outcome").GetString());
        var op = await api.GetFromJsonAsync<JsonElement>("/api/operators/api-op-2a");
        Assert.Equal(1, op.GetProperty("callsToday").GetInt32());
    }

    [Fact]
    public async Task An_outcome_sent_again_with_its_idempotency_key_is_answered_as_the_first_time_and_recorded_once()
    {
        await fx.OperatorAsync("api-op-65", "operator-pass-9", "65");
        var (id, _) = await fx.DueCallAsync("calls-api-idem", "65");
        using var api = fx.Api();
        var callId = (await (await api.PostAsync("/api/operators/api-op-65/next", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("callId").GetString()!;

        HttpRequestMessage Outcome(string outcome, string? key)
        {
            var m = new HttpRequestMessage(HttpMethod.Post, $"/api/calls/{callId}/outcome") { Content = JsonContent.Create(new { outcome }) };
            if (key is not null) m.Headers.Add("Idempotency-Key", key);
            return m;
        }
        var tooLong = await api.SendAsync(Outcome("noAnswer", new string('k', 201)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("Idempotency-Key", await tooLong.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Outcome("noAnswer", "outcome-1"))).StatusCode);
        var again = await api.SendAsync(Outcome("noAnswer", "outcome-1")); // the client never saw the first answer
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("noAnswer", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await api.SendAsync(Outcome("reached", "outcome-2"))).StatusCode); // another request
        Assert.Equal(HttpStatusCode.Conflict, (await api.SendAsync(Outcome("noAnswer", null))).StatusCode); // no key: another request

        var attempts = (await fx.PersonAsync(id)).GetProperty("milestones")[0].GetProperty("call").GetProperty("attempts");
        Assert.Equal("noAnswer", Assert.Single(attempts.EnumerateArray()).GetProperty("outcome").GetString());
        Assert.Equal(1, (await api.GetFromJsonAsync<JsonElement>("/api/operators/api-op-65")).GetProperty("callsToday").GetInt32());
    }

    [Fact]
    public async Task Reached_with_answers_and_an_expired_claim()
    {
        await fx.OperatorAsync("api-op-2b", "operator-pass-9", "2B");
        var (id, _) = await fx.DueCallAsync("calls-api-2", "2B", kind: "case");
        var (late, _) = await fx.DueCallAsync("calls-api-3", "2B");
        using var api = fx.Api();

        var call = await (await api.PostAsync("/api/operators/api-op-2b/next", null)).Content.ReadFromJsonAsync<JsonElement>();
        var callId = call.GetProperty("callId").GetString()!;
        var first = call.GetProperty("personId").GetGuid();
        var r = await api.PostAsJsonAsync($"/api/calls/{callId}/outcome", new
        {
            outcome = "reached",
            answers = new { consent = true, rulesReminded = true, difficulty = "housing", sociallyVulnerable = true },
        });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var person = await fx.PersonAsync(first);
        var events = person.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Contains("ctaiReferral", events);
        Assert.Contains("sociallyVulnerableIdentified", events);
        Assert.Contains(person.GetProperty("milestones").EnumerateArray(), m => m.GetProperty("type")
            .GetString() == "J4"); // vulnerable → J4 while ahead

        var second = await (await api.PostAsync("/api/operators/api-op-2b/next", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(second.GetProperty("personId").GetGuid(), new[] { id, late });
        var lease = second.GetProperty("leaseUntil").GetDateTimeOffset();
        var paris = Zones.Paris;
        var local = TimeZoneInfo.ConvertTime(lease.AddMinutes(1), paris);
        await fx.AdvanceAsync(DateOnly.FromDateTime(local.DateTime), local.Hour, local.Minute);
        var expired = await api.PostAsJsonAsync($"/api/calls/{second.GetProperty("callId").GetString()}/outcome", new { outcome = "reached" });
        Assert.Equal(HttpStatusCode.Conflict, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Priorities_are_read_and_changed_at_runtime()
    {
        using var api = fx.Api();
        var current = await api.GetFromJsonAsync<JsonElement>("/api/settings/call-priorities");
        Assert.Equal(6, current.GetProperty("order").GetArrayLength()); // issue 16: the five call types and "Retry"
        var bad = await api.PutAsJsonAsync("/api/settings/call-priorities",
            new { order = new[] { "J2", "J2", "J4", "J7", "J9" }, vulnerableFirst = true });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var unknown = await api.PutAsJsonAsync("/api/settings/call-priorities", new { order = new[] { "J3" } });
        Assert.Contains("J3", await unknown.Content.ReadAsStringAsync());
        var order = new[] { "J9", "J7TestFollowUp", "J7", "J4", "J2" };
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/settings/call-priorities", new { order, vulnerableFirst = false }))
            .StatusCode);
        var after = await api.GetFromJsonAsync<JsonElement>("/api/settings/call-priorities");
        Assert.Equal(["Retry", .. order], after.GetProperty("order").EnumerateArray()
            .Select(x => x.GetString())); // today's body: Retry at its default place
        var withRetry = new[] { "J9", "J7TestFollowUp", "Retry", "J7", "J4", "J2" };
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/settings/call-priorities",
            new { order = withRetry, vulnerableFirst = false })).StatusCode);
        Assert.Equal(withRetry, (await api.GetFromJsonAsync<JsonElement>("/api/settings/call-priorities")).GetProperty("order").EnumerateArray()
            .Select(x => x.GetString()));
        await api.PutAsJsonAsync("/api/settings/call-priorities",
            new { order = current.GetProperty("order"), vulnerableFirst = current.GetProperty("vulnerableFirst").GetBoolean() });
    }
}
