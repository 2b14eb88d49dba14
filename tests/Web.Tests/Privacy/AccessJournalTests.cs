using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace FollowUp.Tests.Privacy;

/// <summary>The access journal: each kind of read writes one entry; the table refuses UPDATE and DELETE; the DPO's views.</summary>
[Collection(PlatformCollection.Name)]
public class AccessJournalTests(PlatformFixture fx)
{
    private async Task<List<JsonElement>> JournalAsync(string query)
    {
        using var api = fx.Api();
        var r = await api.GetAsync("/api/access-log?" + query);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
    }

    private async Task<List<JsonElement>> EntriesAsync(string action, string? objectId = null, string? user = null) =>
        (await JournalAsync(user is null ? "" : "user=" + Uri.EscapeDataString(user)))
        .Where(e => e.GetProperty("action").GetString() == action && (objectId is null || e.GetProperty("objectId").GetString() == objectId))
            .ToList();

    private async Task<string> AccountAsync(string role)
    {
        var userName = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}"[..20];
        await fx.StaffAsync(userName, "password-1234", role);
        return userName;
    }

    [Fact]
    public async Task Each_read_through_the_api_writes_one_entry_with_who_what_channel_and_ip()
    {
        var (id, _) = await fx.IncludeAsync("journal-api-" + Guid.NewGuid().ToString("N")[..8]);
        using var api = fx.Api();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/persons/{id}")).StatusCode);
        var reads = await JournalAsync($"personId={id}");
        var read = Assert.Single(reads, e => e.GetProperty("action").GetString() == "personRead");
        Assert.Equal("bootstrap", read.GetProperty("user").GetString()); // the API key's name (FOLLOWUP_API_KEY is "bootstrap")
        Assert.Equal("API", read.GetProperty("channel").GetString());
        Assert.Equal("person", read.GetProperty("objectType").GetString());
        Assert.Equal(id.ToString(), read.GetProperty("objectId").GetString());
        Assert.Equal("127.0.0.1", read.GetProperty("ip").GetString());
        foreach (var field in new[] { "at", "user", "role", "action", "objectType", "objectId", "channel", "ip" })
            Assert.True(read.TryGetProperty(field, out _), field);
        Assert.Single(reads, e => e.GetProperty("action").GetString() == "personIncluded");

        var terms = "Zz" + Guid.NewGuid().ToString("N")[..10];
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/persons?q=" + terms)).StatusCode);
        Assert.Single(await EntriesAsync("search", terms));

        var day = (await fx.TodayAsync()).AddDays(-1).ToString("yyyy-MM-dd");
        var before = (await EntriesAsync("reportDownloaded", day)).Count;
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/reports/daily?date={day}&format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/reports/daily?date={day}")).StatusCode); // JSON is no download
        Assert.Equal(before + 1, (await EntriesAsync("reportDownloaded", day)).Count);

        var (_, import) = await fx.ImportAsync(System.Text.Encoding.UTF8.GetBytes(
            "externalId;kind;lastName;firstName;phone;department;inclusionDate\nbad-line;cas;X;Y;123;83;2026-01-01\n"));
        var importId = import.GetProperty("importId").GetString()!;
        Assert.Single(await EntriesAsync("importStarted", importId));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/imports/{importId}/rejects")).StatusCode);
        Assert.Single(await EntriesAsync("rejectsDownloaded", importId));
    }

    [Fact]
    public async Task Each_read_in_the_pages_writes_one_entry_and_the_record_lists_its_consultations()
    {
        var (id, _) = await fx.IncludeAsync("journal-ui-" + Guid.NewGuid().ToString("N")[..8]);
        var (failed, ok) = await StaffSession.SignInAsync(fx, "admin", "wrong-password");
        failed.Dispose();
        Assert.False(ok);
        Assert.NotEmpty(await EntriesAsync("signInFailed", user: "admin"));
        var signIns = (await EntriesAsync("signIn", user: "admin")).Count;
        var (admin, signedIn) = await StaffSession.SignInAsync(fx, "admin", PlatformFixture.AdminPassword);
        using var adminSession = admin;
        Assert.True(signedIn);
        Assert.Equal(signIns + 1, (await EntriesAsync("signIn", user: "admin")).Count);

        var search = await admin.Http.GetStringAsync("/Persons?q=" + id.ToString()[..0] + "journal-ui");
        Assert.Single(await EntriesAsync("search", "journal-ui"), e => e.GetProperty("channel").GetString() == "UI");
        await admin.Http.GetStringAsync($"/Persons/Detail?id={id}&via=search");
        await admin.Http.GetStringAsync($"/Persons/Detail?id={id}");
        var page = await admin.Http.GetStringAsync($"/Persons/Detail?id={id}");

        var entries = await JournalAsync($"personId={id}");
        Assert.Single(entries, e => e.GetProperty("action").GetString() == "searchResultOpened");
        var reads = entries.Where(e => e.GetProperty("action").GetString() == "recordRead").ToList();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, e => Assert.Equal(("admin", "Admin", "UI"),
            (e.GetProperty("user").GetString(), e.GetProperty("role").GetString(), e.GetProperty("channel").GetString())));
        Assert.Contains("Consultations de ce dossier", page);
        Assert.Contains("Dossier ouvert depuis une recherche", page); // the earlier openings are listed on the record

        var day = (await fx.TodayAsync()).AddDays(-1).ToString("yyyy-MM-dd");
        var downloads = (await EntriesAsync("reportDownloaded", day)).Count;
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync($"/Reports?handler=Xlsx&date={day}")).StatusCode);
        Assert.Equal(downloads + 1, (await EntriesAsync("reportDownloaded", day)).Count);

        await admin.PostFormAsync("/Admin/Hours", new()
        {
            ["openOnHolidays"] = "false",
            ["closed[0]"] = "true",
            ["open[1]"] = "09:00",
            ["close[1]"] = "19:00",
            ["open[2]"] = "09:00",
            ["close[2]"] = "19:00",
            ["open[3]"] = "09:00",
            ["close[3]"] = "19:00",
            ["open[4]"] = "09:00",
            ["close[4]"] = "19:00",
            ["open[5]"] = "09:00",
            ["close[5]"] = "19:00",
            ["open[6]"] = "09:00",
            ["close[6]"] = "19:00"
        });
        Assert.NotEmpty(await EntriesAsync("openingHoursChanged", "opening-hours", "admin"));
    }

    [Fact]
    public async Task The_call_screen_writes_one_entry()
    {
        var op = await AccountAsync("Operator");
        var (person, _) = await fx.DueCallAsync("journal-call-" + Guid.NewGuid().ToString("N")[..8], "05");
        using var api = fx.Api();
        var call = await (await api.PostAsync($"/api/operators/{op}/next", null)).Content.ReadFromJsonAsync<JsonElement>();
        var callId = call.GetProperty("callId").GetString()!;
        var personId = call.GetProperty("personId").GetGuid();
        var (session, signedIn) = await StaffSession.SignInAsync(fx, op, "password-1234");
        using var sessionScope = session;
        Assert.True(signedIn);
        var html = await session.Http.GetStringAsync("/Console/Call/" + Uri.EscapeDataString(callId));
        Assert.Contains("Durand", html); // the person is shown
        var entry = Assert.Single(await JournalAsync($"personId={personId}"), e => e.GetProperty("action").GetString() == "callScreenRead");
        Assert.Equal((op, "Operator"), (entry.GetProperty("user").GetString(), entry.GetProperty("role").GetString()));
        Assert.NotEqual(Guid.Empty, person);
    }

    [Fact]
    public async Task The_journal_refuses_update_and_delete()
    {
        using var api = fx.Api();
        await api.GetAsync("/api/persons?q=refuse-" + Guid.NewGuid().ToString("N")[..6]);
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync();
        foreach (var sql in new[] { "UPDATE access_log SET user_name = 'someone-else'", "DELETE FROM access_log", "TRUNCATE access_log" })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            var ex = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Contains("append-only", ex.MessageText);
        }
        await using var count = new NpgsqlCommand("SELECT count(*) FROM access_log WHERE user_name = 'someone-else'", conn);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_dpo_reads_the_journal_and_exports_it_but_no_person_record()
    {
        var dpo = await AccountAsync("Dpo");
        var (id, _) = await fx.IncludeAsync("journal-dpo-" + Guid.NewGuid().ToString("N")[..8]);
        using var api = fx.Api();
        await api.GetAsync($"/api/persons/{id}");
        var (session, signedIn) = await StaffSession.SignInAsync(fx, dpo, "password-1234");
        using var sessionScope = session;
        Assert.True(signedIn);
        var page = await session.Http.GetAsync($"/Privacy/Journal?personId={id}&action=personRead");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(id.ToString(), await page.Content.ReadAsStringAsync());
        var csv = await session.Http.GetAsync($"/Privacy/Journal?handler=Csv&personId={id}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\uFEFFdate;utilisateur", lines[0]);
        Assert.Contains(lines, l => l.Contains(";personRead;person;" + id));
        Assert.Single(await EntriesAsync("accessLogExported", id.ToString(), dpo));

        var record = await session.Http.GetAsync($"/Persons/Detail?id={id}");
        Assert.Contains("/Login", record.RequestMessage!.RequestUri!.AbsolutePath); // denied
        var bad = await api.GetAsync("/api/access-log?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("from", out _));
    }
}
