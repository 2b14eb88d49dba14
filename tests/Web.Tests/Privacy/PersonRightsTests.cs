using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FollowUp.Tests.Privacy;

/// <summary>Rights of the person: an Admin exports one person's data (readable page and JSON) and erases it on request, both journaled.</summary>
[Collection(PlatformCollection.Name)]
public class PersonRightsTests(PlatformFixture fx)
{
    [Fact]
    public async Task An_admin_exports_then_erases_one_person_everywhere_with_a_journaled_reason()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        string first = "Exportprenom" + tag, last = "Exportnom" + tag, externalId = "EXT-DROITS-" + tag;
        var national = "0688" + Random.Shared.Next(100_000, 999_999);
        using var api = fx.Api();
        var r = await api.PostAsJsonAsync("/api/persons", new
        {
            externalId,
            kind = "contact",
            firstName = first,
            lastName = last,
            phone = national,
            birthDate = "1990-07-14",
            department = "84",
            inclusionDate = (await fx.TodayAsync()).ToString("yyyy-MM-dd"),
        });
        var id = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var (admin, signedIn) = await StaffSession.SignInAsync(fx, "admin", PlatformFixture.AdminPassword);
        using var session = admin;
        Assert.True(signedIn);

        var page = WebUtility.HtmlDecode(await admin.Http.GetStringAsync($"/Privacy/Person?id={id}"));
        Assert.Contains($"{first} {last}", page);
        Assert.Contains(externalId, page);
        var json = await admin.Http.GetAsync($"/Privacy/Person?handler=Json&id={id}");
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        var export = await json.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(last, export.GetProperty("person").GetProperty("lastName").GetString());
        Assert.Contains(export.GetProperty("person").GetProperty("timeline").EnumerateArray(), e => e.GetProperty("event").GetString() == "included");
        var journal = await api.GetFromJsonAsync<JsonElement>($"/api/access-log?personId={id}");
        Assert.Equal(2, journal.EnumerateArray().Count(e => e.GetProperty("action").GetString() == "personExported"));

        var noReason = await admin.PostFormAsync($"/Privacy/Person?id={id}", new() { ["id"] = id.ToString(), ["reason"] = " " },
            "/Privacy/Person?handler=Erase");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(first, (await fx.PersonAsync(id)).GetProperty("firstName").GetString());

        var erased = await admin.PostFormAsync($"/Privacy/Person?id={id}", new() { ["id"] = id.ToString(), ["reason"] = "courrier du 12/01" },
            "/Privacy/Person?handler=Erase");
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var after = WebUtility.HtmlDecode(await erased.Content.ReadAsStringAsync());
        Assert.Contains("Les données personnelles ont été effacées", after);
        Assert.DoesNotContain(last, after);

        var person = await fx.PersonAsync(id);
        Assert.Equal(("", "", "ended"), (person.GetProperty("lastName").GetString(), person.GetProperty("phone").GetString(),
            person.GetProperty("status").GetString()));
        Assert.Contains(person.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("event").GetString() == "personalDataErased"
            && e.GetProperty("actor").GetString() == "staff:admin");
        foreach (var (table, rows) in await DatabaseDump.AllRowsAsync(fx.ConnectionString))
            foreach (var secret in new[] { first, last, externalId, national, "+33" + national[1..] })
                Assert.False(rows.Any(row => row.Contains(secret, StringComparison.OrdinalIgnoreCase)), $"{table} still holds {secret}");
        journal = await api.GetFromJsonAsync<JsonElement>($"/api/access-log?personId={id}&action=personErased");
        var entry = Assert.Single(journal.EnumerateArray());
        Assert.Equal(("admin", "courrier du 12/01"), (entry.GetProperty("user").GetString(), entry.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task The_purge_page_shows_the_rule_and_the_next_purge()
    {
        var (admin, _) = await StaffSession.SignInAsync(fx, "admin", PlatformFixture.AdminPassword);
        using var session = admin;
        var page = WebUtility.HtmlDecode(await admin.Http.GetStringAsync("/Privacy/Purge"));
        Assert.Contains("effacées 90 jours après la fin du suivi", page);
        Assert.Contains("Prochaine purge", page);
    }
}
