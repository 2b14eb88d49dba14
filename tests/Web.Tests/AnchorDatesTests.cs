using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FollowUp.Tests;

/// <summary>Anchor dates through the API, the import and the questionnaire (issue 16).</summary>
[Collection(PlatformCollection.Name)]
public class AnchorDatesTests(PlatformFixture fx)
{
    private static object Person(string externalId, string kind, DateOnly inclusion, string? isolationStartDate = null,
        string? lastContactDate = null) => new
        {
            externalId,
            kind,
            firstName = "Paul",
            lastName = "Roux",
            phone = "+33612" + Random.Shared.Next(100_000, 999_999),
            department = "13",
            inclusionDate = inclusion.ToString("yyyy-MM-dd"),
            isolationStartDate,
            lastContactDate,
        };

    [Fact]
    public async Task The_dates_are_kept_and_the_recommended_test_date_is_in_the_json()
    {
        using var api = fx.Api();
        var today = await fx.TodayAsync();
        var r = await api.PostAsJsonAsync("/api/persons", Person("anchor-1", "contact", today, today.AddDays(-1).ToString("yyyy-MM-dd"),
            today.AddDays(-2).ToString("dd/MM/yyyy")));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var p = await fx.PersonAsync((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(today.AddDays(-1).ToString("yyyy-MM-dd"), p.GetProperty("isolationStartDate").GetString());
        Assert.Equal(today.AddDays(-2).ToString("yyyy-MM-dd"), p.GetProperty("lastContactDate").GetString());
        Assert.Equal(today.AddDays(5).ToString("yyyy-MM-dd"), p.GetProperty("recommendedTestDate").GetString());
        Assert.Equal("inclusionDate", p.GetProperty("anchor").GetString()); // the default anchor
        Assert.Equal(today.ToString("yyyy-MM-dd"), p.GetProperty("anchorDate").GetString());
        Assert.Equal(today.AddDays(2).ToString("yyyy-MM-dd"), p.GetProperty("milestones")[0].GetProperty("dueDate").GetString());

        var without = await api.PostAsJsonAsync("/api/persons", Person("anchor-2", "case", today));
        var q = await fx.PersonAsync((await without.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, q.GetProperty("recommendedTestDate").ValueKind);
    }

    [Theory]
    [InlineData("contact", 0, 1, "lastContactDate")]     // last contact after inclusion
    [InlineData("contact", 1, null, "isolationStartDate")] // isolation start in the future
    [InlineData("case", null, -1, "lastContactDate")]     // cases have no last contact
    public async Task Bad_combinations_get_a_named_field_error(string kind, int? isolationDays, int? lastContactDays, string field)
    {
        using var api = fx.Api();
        var today = await fx.TodayAsync();
        var inclusion = today.AddDays(-1);
        var r = await api.PostAsJsonAsync("/api/persons", Person($"anchor-bad-{kind}-{isolationDays}-{lastContactDays}", kind, inclusion,
            isolationDays is { } i ? today.AddDays(i).ToString("yyyy-MM-dd") : null, lastContactDays is { } l ? inclusion.AddDays(l)
                .ToString("yyyy-MM-dd") : null));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var errors = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task The_last_contact_and_the_call_window_are_edited_through_the_api()
    {
        using var api = fx.Api();
        var today = await fx.TodayAsync();
        var created = await api.PostAsJsonAsync("/api/persons", Person("anchor-edit", "contact", today.AddDays(-1)));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        async Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(string what, object body)
        {
            var r = await api.PutAsJsonAsync($"/api/persons/{id}/{what}", body);
            return (r.StatusCode, await r.Content.ReadFromJsonAsync<JsonElement>());
        }

        var (status, p) = await PutAsync("last-contact", new { lastContactDate = today.AddDays(-3).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(today.AddDays(4).ToString("yyyy-MM-dd"), p.GetProperty("recommendedTestDate").GetString());
        (status, p) = await PutAsync("last-contact", new { lastContactDate = today.ToString("yyyy-MM-dd") }); // after the inclusion
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["lastContactDate"], p.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        (status, p) = await PutAsync("last-contact", new { lastContactDate = (string?)null });
        Assert.Equal((HttpStatusCode.OK, JsonValueKind.Null), (status, p.GetProperty("recommendedTestDate").ValueKind));

        (status, p) = await PutAsync("call-window", new { preferredCallWindow = "9h-10h" });
        Assert.Equal((HttpStatusCode.OK, "09:00-10:00"), (status, p.GetProperty("preferredCallWindow").GetString()));
        (status, p) = await PutAsync("call-window", new { preferredCallWindow = "tomorrow" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["preferredCallWindow"], p.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal("09:00-10:00", (await fx.PersonAsync(id)).GetProperty("preferredCallWindow").GetString()); // unchanged
        (status, p) = await PutAsync("call-window", new { preferredCallWindow = "" });
        Assert.Equal((HttpStatusCode.OK, JsonValueKind.Null), (status, p.GetProperty("preferredCallWindow").ValueKind));

        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync($"/api/persons/{Guid.NewGuid()}/call-window",
            new { preferredCallWindow = "morning" })).StatusCode);
    }

    [Fact]
    public async Task The_import_reads_both_columns_and_names_a_bad_one()
    {
        var today = await fx.TodayAsync();
        var csv = "identifiant;type;nom;prénom;téléphone;département;date d'inclusion;date de début d'isolement;date du dernier contact\n"
            + $"anchor-imp-1;contact;Roux;Paul;0612000111;13;{today:dd/MM/yyyy};{today.AddDays(-1):dd/MM/yyyy};{today.AddDays(-3):dd/MM/yyyy}\n"
            + $"anchor-imp-2;contact;Roux;Anne;0612000112;13;{today:dd/MM/yyyy};;{today.AddDays(1):dd/MM/yyyy}\n";
        var (status, body) = await fx.ImportAsync(Encoding.UTF8.GetBytes(csv));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal((3, "date du dernier contact"), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetString()));
        var p = await fx.PersonAsync(PersonIds.FromExternalId("anchor-imp-1"));
        Assert.Equal(today.AddDays(4).ToString("yyyy-MM-dd"), p.GetProperty("recommendedTestDate").GetString());
        Assert.Equal(today.AddDays(-1).ToString("yyyy-MM-dd"), p.GetProperty("isolationStartDate").GetString());
    }

    [Fact]
    public async Task The_questionnaire_shows_the_recommended_test_date()
    {
        using var api = fx.Api();
        var today = await fx.TodayAsync();
        var body = Person("anchor-q", "contact", today, lastContactDate: today.AddDays(-1).ToString("yyyy-MM-dd"));
        var phone = (string)body.GetType().GetProperty("phone")!.GetValue(body)!;
        (await api.PostAsJsonAsync("/api/persons", body)).EnsureSuccessStatusCode();
        await fx.AdvanceAsync(today.AddDays(2), 9, 5);
        using var browser = new HttpClient();
        var page = await browser.GetStringAsync(await fx.LinkAsync(phone));
        Assert.Contains("id=\"recommended-test\"", page);
        Assert.Contains(today.AddDays(6).ToString("dd/MM/yyyy"), page);
    }
}
