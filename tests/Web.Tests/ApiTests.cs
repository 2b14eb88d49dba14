using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FollowUp.Tests;

[Collection(PlatformCollection.Name)]
public class ApiTests(PlatformFixture fx)
{
    private static object Contact(string externalId) => new
    {
        externalId,
        kind = "contact",
        firstName = "Jeanne",
        lastName = "Martin",
        phone = "06 12 34 56 78",
        birthDate = "1980-05-04",
        department = "13",
        inclusionDate = "2026-11-23",
    };

    [Fact]
    public async Task Api_requires_the_key()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/persons/" + Guid.NewGuid())).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "wrong-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/persons", Contact("x"))).StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Inclusion_is_idempotent_and_validated()
    {
        using var api = fx.Api();
        var first = await api.PostAsJsonAsync("/api/persons", Contact("api-idem"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var again = await api.PostAsJsonAsync("/api/persons", Contact("api-idem"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());

        var bad = await api.PostAsJsonAsync("/api/persons", new
        {
            kind = "x",
            phone = "123",
            department = "99",
            inclusionDate = "2030-01-01",
            language = "de"
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "externalId", "kind", "firstName", "lastName", "phone", "department", "inclusionDate", "language" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        Assert.Equal("obligatoire", errors.GetProperty("externalId")[0].GetString()); // French by default

        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/persons") { Content = JsonContent.Create(new { kind = "case" }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        var inEnglish = (await (await api.SendAsync(english)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("required", inEnglish.GetProperty("externalId")[0].GetString());
    }

    [Fact]
    public async Task Users_are_created_by_the_api()
    {
        using var api = fx.Api();
        var r = await api.PostAsJsonAsync("/api/users", new
        {
            userName = "op.api",
            displayName = "Opérateur",
            role = "Operator",
            password = "operator-pass-1"
        });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsJsonAsync("/api/users",
            new { userName = "op.api", displayName = "X", role = "Operator", password = "operator-pass-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync("/api/users",
            new { userName = "x y", displayName = "", role = "Boss", password = "short" })).StatusCode);
        var badDepartment = await api.PostAsJsonAsync("/api/users",
            new { userName = "op.dep", displayName = "X", role = "Operator", password = "operator-pass-1", departments = new[] { "13", "99" } });
        Assert.Equal(HttpStatusCode.BadRequest, badDepartment.StatusCode);
        Assert.Contains("99", (await badDepartment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")
            .GetProperty("departments")[0].GetString());
    }

    [Fact]
    public async Task Simulation_J2_sms_then_due_call_through_the_api_only()
    {
        var monday = await fx.NextAsync(DayOfWeek.Monday);
        var (id, phone) = await fx.IncludeAsync("api-sim");
        var wednesday = monday.AddDays(2);
        string Iso(int h) => $"{wednesday:yyyy-MM-dd}T{h:00}:00:00+01:00";

        using var api = fx.Api();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/api/simulation/advance", new { to = Iso(9) })).StatusCode);
        var clock = await api.GetFromJsonAsync<JsonElement>("/api/simulation/clock");
        Assert.Equal(DateTimeOffset.Parse(Iso(9)), clock.GetProperty("now").GetDateTimeOffset());
        var sms = await api.GetFromJsonAsync<JsonElement>("/api/simulation/sms?phone=" + Uri.EscapeDataString(phone));
        var mine = sms.EnumerateArray().ToList();
        Assert.Single(mine);
        Assert.StartsWith(id.ToString("N"), mine[0].GetProperty("id").GetString());
        var link = mine[0].GetProperty("links")[0].GetString()!;
        Assert.Contains("/q/", link);
        Assert.DoesNotContain("covid", mine[0].GetProperty("text").GetString()!, StringComparison.OrdinalIgnoreCase);

        await api.PostAsJsonAsync("/api/simulation/advance", new { to = Iso(13) });
        var person = await api.GetFromJsonAsync<JsonElement>($"/api/persons/{id}");
        Assert.Equal("contact", person.GetProperty("kind").GetString());
        Assert.Equal("active", person.GetProperty("status").GetString());
        var j2 = person.GetProperty("milestones")[0];
        Assert.Equal("J2", j2.GetProperty("type").GetString());
        Assert.Equal(wednesday.ToString("yyyy-MM-dd"), j2.GetProperty("dueDate").GetString());
        Assert.Equal(DateTimeOffset.Parse(Iso(9)), j2.GetProperty("sms").GetProperty("sentAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, j2.GetProperty("sms").GetProperty("answeredAt").ValueKind);
        Assert.Equal(DateTimeOffset.Parse(Iso(13)), j2.GetProperty("call").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(0, j2.GetProperty("call").GetProperty("attempts").GetArrayLength());
        Assert.Contains(person.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("event").GetString() == "callDue"
            && e.GetProperty("actor").GetString() == "system");
    }

    [Fact]
    public async Task Opening_hours_can_be_changed_at_runtime()
    {
        using var api = fx.Api();
        var hours = await api.GetFromJsonAsync<JsonElement>("/api/settings/opening-hours");
        Assert.Equal(JsonValueKind.Null, hours.GetProperty("days")[0].ValueKind); // closed on Sundays by default
        var bad = await api.PutAsJsonAsync("/api/settings/opening-hours",
            new { days = new object?[] { new { open = "19:00", close = "09:00" }, null, null, null, null, null, null } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
