using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Tests.Faults;

/// <summary>
/// Issue 13: PostgreSQL restarted (<c>pg_ctl restart -m fast</c>, as ./bench.sh chaos does) under a running platform.
/// Once it is back, the very first requests succeed — the web's and the silo's pooled connections, all dead, are
/// replaced (pool cleared, work retried on a fresh connection; a grain whose call met the dead database is dropped and
/// the call retried on a fresh activation) — and Orleans-backed calls (inclusion, a person's record) work. While it is
/// away the API answers 503 with Retry-After (not 500), /health/ready says why, and a grain's caller gets a
/// serializable <see cref="StorageUnavailableException"/>, not an Orleans codec error.
/// </summary>
[Collection(PostgresRestartCollection.Name)]
public class PostgresRestartTests(PostgresRestartFixture fx)
{
    [Fact]
    public async Task After_a_restart_the_first_requests_succeed_and_while_it_is_away_the_api_answers_503()
    {
        using var api = fx.Api();
        var today = await fx.TodayAsync();
        var persons = new List<Guid>();
        for (var i = 0; i < 4; i++) persons.Add((await fx.IncludeAsync($"pg-restart-{i}", department: "48")).Id);
        // Fill the pools with connections (web: journal and reads; silo: storage and our tables) that the restart kills.
        await Task.WhenAll(persons.Select(id => api.GetAsync($"/api/persons/{id}")));

        fx.Postgres.Restart();

        var statuses = new List<(string Request, HttpStatusCode Status)>();
        foreach (var id in persons)
            statuses.Add(($"GET person", (await api.GetAsync($"/api/persons/{id}")).StatusCode));
        statuses.Add(("POST person", (await api.PostAsJsonAsync("/api/persons", Person("pg-restart-after", today))).StatusCode));
        statuses.Add(("GET persons", (await api.GetAsync("/api/persons?department=48")).StatusCode));
        Assert.All(statuses, s => Assert.True((int)s.Status < 500, $"{s.Request} answered {(int)s.Status} after the restart"));
        Assert.Contains(statuses, s => s.Request == "POST person" && s.Status is HttpStatusCode.OK or HttpStatusCode.Created);

        fx.Postgres.Stop();
        try
        {
            var ready = await api.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("database unreachable", await ready.Content.ReadAsStringAsync());

            var inclusion = await api.PostAsJsonAsync("/api/persons", Person("pg-away", today));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, inclusion.StatusCode);
            Assert.True(inclusion.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
            Assert.Contains("database is unavailable", await inclusion.Content.ReadAsStringAsync());

            // A grain's caller gets a FollowUp exception it can deserialize and act on.
            var cluster = fx.Web.Services.GetRequiredService<IClusterClient>();
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => cluster.GetGrain<IPersonGrain>(Guid.NewGuid()).Get());
            var storage = Assert.IsType<StorageUnavailableException>(failure, exactMatch: false);
            Assert.DoesNotContain("pg-away", storage.Message);
        }
        finally
        {
            fx.Postgres.Start();
        }

        var back = await api.PostAsJsonAsync("/api/persons", Person("pg-away", today));
        Assert.True(back.IsSuccessStatusCode,
            $"inclusion after the database came back: {(int)back.StatusCode} {await back.Content.ReadAsStringAsync()}");
        var id2 = (await back.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/persons/{id2}")).StatusCode);
    }

    private static object Person(string externalId, DateOnly today) => new
    {
        externalId,
        kind = "contact",
        firstName = "Léa",
        lastName = "Durand",
        phone = "+33612" + Random.Shared.Next(100_000, 999_999),
        birthDate = "1985-02-03",
        department = "48",
        inclusionDate = today.ToString("yyyy-MM-dd"),
        language = "fr",
        sociallyVulnerable = false,
    };
}
