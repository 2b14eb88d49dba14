using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FollowUp.Tests;

/// <summary>The record's actions through the API (end, phone, vulnerability, callback), its timeline and the filtered list.</summary>
[Collection(PlatformCollection.Name)]
public class PersonRecordApiTests(PlatformFixture fx)
{
    private static async Task<JsonElement> Errors(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    private static JsonElement Last(JsonElement person, string evt) =>
        person.GetProperty("timeline").EnumerateArray().Last(e => e.GetProperty("event").GetString() == evt);

    [Fact]
    public async Task End_of_follow_up_is_validated_and_journaled_as_the_api()
    {
        using var api = fx.Api();
        var (id, _) = await fx.IncludeAsync("rec-end");
        var bad = await Errors(await api.PostAsJsonAsync($"/api/persons/{id}/end", new { reason = "bored" }));
        Assert.Contains("hospitalised", bad.GetProperty("reason")[0].GetString());
        Assert.Contains("hospitalised", (await Errors(await api.PostAsJsonAsync($"/api/persons/{id}/end", new { text = "x" })))
            .GetProperty("reason")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/persons/{Guid.NewGuid()}/end", new { reason = "moved" })).StatusCode);

        var ok = await api.PostAsJsonAsync($"/api/persons/{id}/end", new { reason = "hospitalised", text = "CHU de Toulon" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var person = await fx.PersonAsync(id);
        Assert.Equal("ended", person.GetProperty("status").GetString());
        var ended = Last(person, "followUpEnded");
        Assert.StartsWith("api:", ended.GetProperty("actor").GetString());
        Assert.Equal("Hospitalised:CHU de Toulon", ended.GetProperty("detail").GetString());
        // Ending twice changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/persons/{id}/end", new { reason = "moved" })).StatusCode);
        Assert.Single((await fx.PersonAsync(id)).GetProperty("timeline").EnumerateArray(), e => e.GetProperty("event")
            .GetString() == "followUpEnded");
    }

    [Fact]
    public async Task Phone_is_corrected_and_validated()
    {
        using var api = fx.Api();
        var (id, _) = await fx.IncludeAsync("rec-phone");
        Assert.Equal("obligatoire", (await Errors(await api.PutAsJsonAsync($"/api/persons/{id}/phone", new { })))
            .GetProperty("phone")[0].GetString());
        Assert.True((await Errors(await api.PutAsJsonAsync($"/api/persons/{id}/phone", new { phone = "12" }))).TryGetProperty("phone", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync($"/api/persons/{Guid.NewGuid()}/phone", new { phone = "06 98 76 54 32" }))
            .StatusCode);

        var ok = await api.PutAsJsonAsync($"/api/persons/{id}/phone", new { phone = "06 98 76 54 32" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("+33698765432", (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phone").GetString());
        Assert.StartsWith("api:", Last(await fx.PersonAsync(id), "phoneCorrected").GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Vulnerability_is_set_and_cleared()
    {
        using var api = fx.Api();
        var (id, _) = await fx.IncludeAsync("rec-vuln");
        Assert.True((await Errors(await api.PutAsJsonAsync($"/api/persons/{id}/vulnerability", new { })))
            .TryGetProperty("sociallyVulnerable", out _));

        var set = await api.PutAsJsonAsync($"/api/persons/{id}/vulnerability", new { sociallyVulnerable = true });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var person = await set.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(person.GetProperty("sociallyVulnerable").GetBoolean());
        Assert.Contains(person.GetProperty("milestones").EnumerateArray(), m => m.GetProperty("type").GetString() == "J4"); // J4 added while ahead
        Assert.StartsWith("api:", Last(person, "sociallyVulnerableIdentified").GetProperty("actor").GetString());

        var cleared = await (await api.PutAsJsonAsync($"/api/persons/{id}/vulnerability", new { sociallyVulnerable = false }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(cleared.GetProperty("sociallyVulnerable").GetBoolean());
        Assert.StartsWith("api:", Last(cleared, "sociallyVulnerableCleared").GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Callback_makes_the_open_call_due_at_that_time()
    {
        using var api = fx.Api();
        var (id, _) = await fx.DueCallAsync("rec-callback", "06");
        var now = (await api.GetFromJsonAsync<JsonElement>("/api/simulation/clock")).GetProperty("now").GetDateTimeOffset();
        Assert.Equal("obligatoire", (await Errors(await api.PostAsJsonAsync($"/api/persons/{id}/callback", new { })))
            .GetProperty("at")[0].GetString());
        Assert.True((await Errors(await api.PostAsJsonAsync($"/api/persons/{id}/callback", new { at = "demain" }))).TryGetProperty("at", out _));
        Assert.True((await Errors(await api.PostAsJsonAsync($"/api/persons/{id}/callback", new { at = now.AddHours(-1).ToString("O") })))
            .TryGetProperty("at", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/persons/{Guid.NewGuid()}/callback",
            new { at = now.AddHours(3).ToString("O") })).StatusCode);

        var at = now.AddHours(3);
        var ok = await api.PostAsJsonAsync($"/api/persons/{id}/callback", new { at = at.ToString("O") });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var person = await ok.Content.ReadFromJsonAsync<JsonElement>();
        var j2 = person.GetProperty("milestones").EnumerateArray().First(m => m.GetProperty("type").GetString() == "J2");
        Assert.Equal(at, j2.GetProperty("call").GetProperty("dueAt").GetDateTimeOffset());
        var scheduled = Last(person, "callbackScheduled");
        Assert.StartsWith("api:", scheduled.GetProperty("actor").GetString());

        // Nothing open yet (included today, J2 two days ahead): nothing to call back.
        var (fresh, _) = await fx.IncludeAsync("rec-callback-none");
        var conflict = await api.PostAsJsonAsync($"/api/persons/{fresh}/callback", new { at = at.ToString("O") });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Timeline_of_a_person()
    {
        using var api = fx.Api();
        var (id, _) = await fx.IncludeAsync("rec-timeline");
        var timeline = await api.GetFromJsonAsync<JsonElement>($"/api/persons/{id}/timeline");
        Assert.Equal(JsonValueKind.Array, timeline.ValueKind);
        var first = timeline[0];
        Assert.Equal("included", first.GetProperty("event").GetString());
        foreach (var field in new[] { "at", "event", "actor", "detail" }) Assert.True(first.TryGetProperty(field, out _), field);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/persons/{Guid.NewGuid()}/timeline")).StatusCode);
    }

    [Fact]
    public async Task List_is_filtered_and_paginated_by_cursor_in_a_stable_order()
    {
        using var api = fx.Api();
        var ids = new HashSet<Guid>();
        for (var i = 0; i < 5; i++) ids.Add((await fx.IncludeAsync($"rec-list-{i}", kind: i % 2 == 0 ? "case" : "contact", department: "976",
            daysAgo: i)).Id);
        var (ended, _) = await fx.IncludeAsync("rec-list-ended", department: "976");
        await api.PostAsJsonAsync($"/api/persons/{ended}/end", new { reason = "moved" });

        var seen = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await api.GetFromJsonAsync<JsonElement>(
                $"/api/persons?department=976&status=active&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 2);
            seen.AddRange(items);
            cursor = page.GetProperty("nextCursor").GetString();
            // Someone included meanwhile (later inclusion date) never shifts a page.
            if (seen.Count == 2) await fx.IncludeAsync("rec-list-late", department: "976");
        } while (cursor is not null);
        var seenIds = seen.Select(p => p.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(seenIds.Count, seenIds.Distinct().Count());
        Assert.Superset(ids, seenIds.ToHashSet());
        Assert.DoesNotContain(ended, seenIds);
        Assert.All(seen, p => Assert.Equal("976", p.GetProperty("department").GetString()));
        var order = seen.Select(p => (p.GetProperty("inclusionDate").GetString()!, p.GetProperty("id").GetGuid())).ToList();
        Assert.Equal(order.OrderBy(o => o.Item1, StringComparer.Ordinal).ThenBy(o => o.Item2).ToList(), order);

        var cases = (await api.GetFromJsonAsync<JsonElement>("/api/persons?department=976&kind=case")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, cases.Count);
        Assert.All(cases, p => Assert.Equal("case", p.GetProperty("kind").GetString()));
        var endedOnly = (await api.GetFromJsonAsync<JsonElement>("/api/persons?department=976&status=ended")).GetProperty("items");
        Assert.Equal(ended, Assert.Single(endedOnly.EnumerateArray()).GetProperty("id").GetGuid());

        var errors = await Errors(await api.GetAsync("/api/persons?status=gone&kind=x&department=99&limit=0&cursor=zzz"));
        foreach (var field in new[] { "status", "kind", "department", "limit", "cursor" }) Assert.True(errors.TryGetProperty(field, out _), field);

        // The search still answers when q is given.
        var hits = await api.GetFromJsonAsync<JsonElement>("/api/persons?q=rec-list-3");
        Assert.Equal("rec-list-3", Assert.Single(hits.EnumerateArray()).GetProperty("externalId").GetString());
    }
}
