using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FollowUp.Tests.Privacy;

/// <summary>The retention purge on the virtual clock: 91 days after the end of follow-up nothing personal remains.</summary>
[Collection(PurgeCollection.Name)]
public class RetentionPurgeTests(PlatformFixture fx)
{
    [Fact]
    public async Task Ninety_one_days_after_the_end_nothing_personal_remains_and_past_reports_do_not_change()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        string first = "Prenomrgpd" + tag, last = "Nomrgpd" + tag, externalId = "EXT-RGPD-" + tag;
        var national = "0687" + Random.Shared.Next(100_000, 999_999);
        var e164 = "+33" + national[1..];
        var today = await fx.TodayAsync();
        using var api = fx.Api();
        var included = await api.PostAsJsonAsync("/api/persons", new
        {
            externalId,
            kind = "case",
            firstName = first,
            lastName = last,
            phone = national,
            birthDate = "1971-03-09",
            department = "13",
            inclusionDate = today.ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Created, included.StatusCode);
        var id = (await included.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // J2: SMS, questionnaire answered; then staff end the follow-up with words of their own; searches and a rejected import line name the person.
        var endDay = today.AddDays(2);
        await fx.AdvanceAsync(endDay, 10);
        await fx.AnswerAsync(e164, new() { ["consent"] = "yes", ["rulesReminded"] = "yes", ["difficulty"] = "none", ["sociallyVulnerable"] = "no" });
        await api.GetAsync("/api/persons?q=" + last);
        await api.GetAsync("/api/persons?q=" + Uri.EscapeDataString(national));
        await fx.ImportAsync(Encoding.UTF8.GetBytes("externalId;kind;lastName;firstName;phone;department;inclusionDate\n"
            + $"{externalId}-2;cas;{last};{first};{national};99;{today:yyyy-MM-dd}\n"));
        var (admin, signedIn) = await StaffSession.SignInAsync(fx, "admin", PlatformFixture.AdminPassword);
        using (admin)
        {
            Assert.True(signedIn);
            await admin.PostFormAsync($"/Persons/Detail?id={id}",
                new() { ["id"] = id.ToString(), ["reason"] = "Moved", ["text"] = $"chez sa sœur, {last} {first}" },
                "/Persons/Detail?handler=End");
        }
        var ended = await fx.PersonAsync(id);
        Assert.Equal("ended", ended.GetProperty("status").GetString());

        await fx.AdvanceAsync(endDay.AddDays(1), 10);
        var reportBefore = await api.GetStringAsync($"/api/reports/daily?date={endDay:yyyy-MM-dd}");
        var secrets = new[] { first, last, externalId, national, e164, "1971-03-09" };
        Assert.Contains((await DatabaseDump.AllRowsAsync(fx.ConnectionString)).Values.SelectMany(r => r), row =>
            row.Contains(last)); // the dump sees it

        await fx.AdvanceAsync(endDay.AddDays(90), 10);
        Assert.Equal(first, (await fx.PersonAsync(id)).GetProperty("firstName").GetString()); // 90 days: still kept

        await fx.AdvanceAsync(endDay.AddDays(91), 10);
        var dump = await DatabaseDump.AllRowsAsync(fx.ConnectionString);
        foreach (var (table, rows) in dump)
            foreach (var secret in secrets)
                Assert.False(rows.Any(r => r.Contains(secret, StringComparison.OrdinalIgnoreCase)),
                    $"{table} still holds {secret}: {rows.FirstOrDefault(r => r.Contains(secret, StringComparison.OrdinalIgnoreCase))}");
        Assert.Contains(dump["person_events"], r => r.Contains(id.ToString()) && r.Contains("followUpEnded") && r.Contains("Moved"));
        Assert.DoesNotContain(dump["person_events"], r => r.Contains(id.ToString()) && r.Contains("sœur"));

        var person = await fx.PersonAsync(id);
        Assert.Equal("", person.GetProperty("lastName").GetString());
        Assert.Equal("case", person.GetProperty("kind").GetString());
        Assert.Equal("13", person.GetProperty("department").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd"), person.GetProperty("inclusionDate").GetString());

        var reportAfter = await api.GetStringAsync($"/api/reports/daily?date={endDay:yyyy-MM-dd}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(reportBefore), JsonNode.Parse(reportAfter)), $"{reportBefore}\n≠\n{reportAfter}");
    }
}
