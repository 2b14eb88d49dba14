using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Tests.Security;
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

    /// <summary>
    /// The web's own reads (not only the API-key and session checks): the first requests after the restart whose first
    /// query meets a dead pooled connection — the questionnaire behind an SMS link (no key, no session: its read is the
    /// request's first query), a staff page, API reads, all at once — answer 200 (<c>DatabaseReadRetry</c>).
    /// </summary>
    [Fact]
    public async Task After_a_restart_the_first_page_questionnaire_and_api_reads_answer_200()
    {
        using var api = fx.Api();
        var (id, phone) = await fx.IncludeAsync("pg-restart-reads", kind: "case", department: "48");
        await fx.AdvanceAsync((await fx.TodayAsync()).AddDays(2), 9, 5); // the J2 SMS leaves with its questionnaire link
        var link = await fx.LinkAsync(phone);
        await fx.StaffAsync("sup.pg-restart", "pg-restart-supervisor-1", "Supervisor", "Superviseuse");
        using var staff = await StaffClient.SignInAsync(fx, "sup.pg-restart", "pg-restart-supervisor-1");
        using var anonymous = new HttpClient();
        var reads = new (string Name, Func<Task<HttpResponseMessage>> Get)[]
        {
            ("questionnaire", () => anonymous.GetAsync(link)),
            ("persons page", () => staff.Http.GetAsync("/Persons?q=Durand")),
            ("person record page", () => staff.Http.GetAsync($"/Persons/Detail?id={id}")),
            ("API persons list", () => api.GetAsync("/api/persons?department=48")),
            ("API person", () => api.GetAsync($"/api/persons/{id}")),
        };
        foreach (var (name, get) in reads) // every pool filled with connections the restart kills
            Assert.True((await get()).StatusCode == HttpStatusCode.OK, $"{name} before the restart");

        fx.Postgres.Restart();

        var first = await reads[0].Get(); // its read is the first query of the request: no key or session check before it
        Assert.True(first.StatusCode == HttpStatusCode.OK, $"questionnaire right after the restart: {(int)first.StatusCode}");
        fx.Postgres.Restart();
        var answers = await Task.WhenAll(reads.Select(async r => (r.Name, (await r.Get()).StatusCode)));
        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.OK, $"{a.Name} right after the restart: {(int)a.StatusCode}"));
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
