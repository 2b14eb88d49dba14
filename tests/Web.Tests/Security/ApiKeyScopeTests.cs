using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace FollowUp.Tests.Security;

/// <summary>Issue 14 §7: named, scoped, hashed API keys; a key is denied outside its scopes with the scope named.</summary>
[Collection(PlatformCollection.Name)]
public class ApiKeyScopeTests(PlatformFixture fx)
{
    private HttpClient With(string key)
    {
        var c = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return c;
    }

    private async Task<(Guid Id, string Key)> CreateAsync(string name, params string[] scopes)
    {
        using var admin = fx.Api();
        var r = await admin.PostAsJsonAsync("/api/keys", new { name, scopes });
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.Equal(scopes, body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToArray());
        return (body.GetProperty("id").GetGuid(), body.GetProperty("key").GetString()!);
    }

    [Fact]
    public async Task A_read_only_key_is_denied_outside_its_scope_with_the_scope_named()
    {
        var (_, key) = await CreateAsync("reader-" + Guid.NewGuid().ToString("N")[..6], "persons:read");
        using var reader = With(key);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/persons?q=Durand")).StatusCode);

        var write = await reader.PostAsJsonAsync("/api/persons", new { externalId = "scoped-1" });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        var problem = await write.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("persons:write", problem.GetProperty("scope").GetString());
        Assert.Contains("persons:write", problem.GetProperty("title").GetString());

        // Creating an Admin account, acting on calls, importing, reading reports or managing keys: each needs its scope.
        var denied = new (string Method, string Path, string Scope)[]
        {
            ("POST", "/api/users", "admin"), ("POST", "/api/operators/someone/next", "calls"), ("POST", "/api/calls/x/outcome", "calls"),
            ("POST", "/api/imports", "imports"), ("GET", "/api/reports/daily?date=2026-11-23", "reports:read"), ("GET", "/api/keys", "admin"),
            ("PUT", "/api/settings/opening-hours", "admin"), ("GET", "/api/simulation/clock", "admin"),
        };
        foreach (var (method, path, scope) in denied)
        {
            // An import is a CSV body: routing answers 415 to any other content type before authorization.
            HttpContent content = path == "/api/imports" ? new StringContent("", System.Text.Encoding.UTF8, "text/csv") : JsonContent.Create(new { });
            var r = await reader.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content });
            Assert.True(r.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {r.StatusCode}");
            Assert.Equal(scope, (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scope").GetString());
        }
    }

    [Fact]
    public async Task Keys_are_listed_without_secrets_stored_hashed_revocable_and_name_the_timeline()
    {
        var name = "writer-" + Guid.NewGuid().ToString("N")[..6];
        var (id, key) = await CreateAsync(name, "persons:write", "persons:read");
        using var writer = With(key);
        var include = await writer.PostAsJsonAsync("/api/persons", new
        {
            externalId = "scoped-" + name,
            kind = "contact",
            firstName = "Léa",
            lastName = "Durand",
            phone = "0612345678",
            department = "13",
            inclusionDate = (await fx.TodayAsync()).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Created, include.StatusCode);
        var personId = (await include.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var person = await writer.GetFromJsonAsync<JsonElement>($"/api/persons/{personId}");
        Assert.Contains(person.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("actor").GetString() == $"api:{name}");

        using var admin = fx.Api();
        var listText = await admin.GetStringAsync("/api/keys");
        Assert.DoesNotContain(key, listText);
        var listed = JsonDocument.Parse(listText).RootElement.EnumerateArray().Single(k => k.GetProperty("name").GetString() == name);
        Assert.Equal(JsonValueKind.String, listed.GetProperty("lastUsedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("revokedAt").ValueKind);

        await using (var conn = new Npgsql.NpgsqlConnection(fx.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("SELECT key_hash FROM api_keys WHERE id = @id", conn);
            cmd.Parameters.AddWithValue("id", id);
            var hash = (byte[])(await cmd.ExecuteScalarAsync())!;
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)), hash);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await writer.GetAsync($"/api/persons/{personId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/keys/{id}")).StatusCode);
    }

    [Fact]
    public async Task Bad_key_requests_name_the_field_and_an_expired_key_is_refused()
    {
        using var admin = fx.Api();
        var bad = await admin.PostAsJsonAsync("/api/keys", new
        {
            name = "bootstrap",
            scopes = new[] { "everything" },
            expiresAt = DateTimeOffset.UtcNow.AddDays(-1)
        });
        var badText = await bad.Content.ReadAsStringAsync();
        Assert.True(bad.StatusCode == HttpStatusCode.BadRequest, badText);
        var errors = JsonDocument.Parse(badText).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("scopes", out _), badText);
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.Contains("everything", errors.GetProperty("scopes")[0].GetString());
        Assert.True(errors.TryGetProperty("expiresAt", out _));

        var name = "expiring-" + Guid.NewGuid().ToString("N")[..6];
        var r = await admin.PostAsJsonAsync("/api/keys", new
        {
            name,
            scopes = new[] { "reports:read" },
            expiresAt = DateTimeOffset.UtcNow.AddDays(1)
        });
        var created = await r.Content.ReadFromJsonAsync<JsonElement>();
        await using (var conn = new Npgsql.NpgsqlConnection(fx.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = @id", conn);
            cmd.Parameters.AddWithValue("id", created.GetProperty("id").GetGuid());
            await cmd.ExecuteNonQueryAsync();
        }
        using var expired = With(created.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await expired.GetAsync("/api/reports/forecast")).StatusCode);
    }
}
