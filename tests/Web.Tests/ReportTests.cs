using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace FollowUp.Tests;

[CollectionDefinition(Name)]
public sealed class ReportsCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "reports"; // a platform of its own: the figures cover every person
}

/// <summary>
/// A simulated week (virtual clock) with hand-computed figures for the daily report; the report equals what the
/// persons' own records say, survives a silo restart, and its CSV and XLSX carry the same numbers.
/// </summary>
[Collection(ReportsCollection.Name)]
public class ReportTests(PlatformFixture fx)
{
    private static readonly DateOnly Monday = new(2026, 11, 23), Wednesday = new(2026, 11, 25), Friday = new(2026, 11, 27),
        Saturday = new(2026, 11, 28), Sunday = new(2026, 11, 29);

    private async Task<JsonElement> ReportAsync(DateOnly day)
    {
        using var api = fx.Api();
        var r = await api.GetAsync($"/api/reports/daily?date={day:yyyy-MM-dd}");
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<string> CallAsync(string op, Guid expected, int startH, int startM, int endH, int endM, object outcome)
    {
        using var api = fx.Api();
        var call = await (await api.PostAsync($"/api/operators/{op}/next", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(expected, call.GetProperty("personId").GetGuid());
        var id = call.GetProperty("callId").GetString()!;
        await fx.AdvanceAsync(Wednesday, startH, startM);
        (await api.PostAsync($"/api/calls/{id}/start", null)).EnsureSuccessStatusCode();
        await fx.AdvanceAsync(Wednesday, endH, endM);
        (await api.PostAsJsonAsync($"/api/calls/{id}/outcome", outcome)).EnsureSuccessStatusCode();
        return id;
    }

    private async Task DeliveredAsync(params Guid[] ids)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        foreach (var id in ids)
            while (!(await fx.PersonAsync(id)).GetProperty("timeline").EnumerateArray()
                .Any(e => e.GetProperty("event").GetString() == "smsDelivered"))
            {
                Assert.True(DateTime.UtcNow < until, $"no delivery report for {id} within 60 s");
                await Task.Delay(100);
            }
    }

    [Fact]
    public async Task A_simulated_week_gives_the_hand_computed_figures()
    {
        // Monday 09:00: four inclusions.
        var (a, aPhone) = await fx.IncludeAsync("rep-a", kind: "case", department: "13");
        var (b, _) = await fx.IncludeAsync("rep-b", kind: "contact", department: "13");
        var (c, _) = await fx.IncludeAsync("rep-c", kind: "contact", department: "13", phone: "+33491000001"); // landline: no SMS
        var (d, dPhone) = await fx.IncludeAsync("rep-d", kind: "case", department: "13", vulnerable: true);

        // Staffing forecast on Monday: Wednesday's four J2 contacts are known; C (landline) and D (vulnerable) will be
        // called whatever happens, A and B for the unanswered share (50 % until measured); × 1.3 for retries (default).
        using (var forecastApi = fx.Api())
        {
            var forecast = await forecastApi.GetFromJsonAsync<JsonElement>("/api/reports/forecast");
            var wedForecast = forecast.GetProperty("days").EnumerateArray().Single(x => x.GetProperty("date").GetString() == "2026-11-25");
            Assert.Equal(4, wedForecast.GetProperty("milestonesByType").GetProperty("J2").GetInt32());
            Assert.Equal(3.9, wedForecast.GetProperty("expectedCalls").GetDouble()); // (2 + 2 × 0.5) × 1.3
        }

        // Wednesday: J2 SMS at 09:00 (A, B, D); C's call is due at 09:00.
        await fx.AdvanceAsync(Wednesday, 9);
        await DeliveredAsync(a, b, d);
        await fx.AdvanceAsync(Wednesday, 10);
        await fx.AnswerAsync(aPhone, new()
        {
            ["consent"] = "yes",
            ["rulesReminded"] = "yes",
            ["difficulty"] = "none",
            ["sociallyVulnerable"] = "no"
        });
        await fx.AnswerAsync(dPhone, new()
        {
            ["consent"] = "yes",
            ["rulesReminded"] = "yes",
            ["difficulty"] = "housing",
            ["sociallyVulnerable"] = "yes"
        });
        // D declared a difficulty: urgent call first (5 min); then C (2 min, no answer), C's retry (3 min, no answer → unreachable), B refuses (4
        // min).
        await CallAsync("rep-op", d, 10, 0, 10, 5, new
        {
            outcome = "reached",
            answers = new { consent = true, rulesReminded = true, difficulty = "housing", sociallyVulnerable = true }
        });
        await CallAsync("rep-op", c, 10, 5, 10, 7, new { outcome = "noAnswer" });
        await fx.AdvanceAsync(Wednesday, 12, 8);
        await CallAsync("rep-op", c, 12, 10, 12, 13, new { outcome = "busy" });
        await fx.AdvanceAsync(Wednesday, 13, 4);
        await CallAsync("rep-op", b, 13, 5, 13, 9, new { outcome = "refused", reason = "notConcerned: déjà isolé" });

        // Friday: D's extra J4 contact (vulnerable) gets its SMS, is not answered, and is not called until the weekend.
        await fx.AdvanceAsync(Sunday, 20);

        var monday = await ReportAsync(Monday);
        Assert.Equal((4, 4, 0, 0, 0), (monday.GetProperty("inclusions").GetInt32(), monday.GetProperty("personsInFollowUp").GetInt32(),
            monday.GetProperty("callsToMake").GetInt32(), monday.GetProperty("callsMade").GetInt32(), monday.GetProperty("smsSent").GetInt32()));

        var wed = await ReportAsync(Wednesday);
        Assert.Equal("2026-11-25", wed.GetProperty("date").GetString());
        Assert.Equal(4, wed.GetProperty("callsToMake").GetInt32());       // C, C's retry, D (urgent), B
        Assert.Equal(0, wed.GetProperty("callsNotMadePercent").GetDouble());
        Assert.Equal(4, wed.GetProperty("callsMade").GetInt32());
        Assert.Equal(210, wed.GetProperty("meanCallSeconds").GetDouble()); // (300 + 120 + 180 + 240) / 4
        Assert.Equal(210, wed.GetProperty("meanCallSecondsByType").GetProperty("J2").GetDouble());
        Assert.Equal(JsonValueKind.Null, wed.GetProperty("meanCallSecondsByType").GetProperty("J9").ValueKind);
        Assert.Equal(1, wed.GetProperty("vulnerableReferredToCtai").GetInt32());
        Assert.Equal(1, wed.GetProperty("retries").GetInt32());
        Assert.Equal(1, wed.GetProperty("refusalsByReason").GetProperty("notConcerned").GetInt32());
        Assert.Empty(wed.GetProperty("dropoutsByReason").EnumerateObject());
        Assert.Equal(0, wed.GetProperty("contactsWithoutTestAtJ7").GetInt32());
        Assert.Equal((3, 3, 2), (wed.GetProperty("smsSent").GetInt32(), wed.GetProperty("smsDelivered").GetInt32(),
            wed.GetProperty("questionnairesCompleted").GetInt32()));
        Assert.Equal(1, wed.GetProperty("unreachable").GetInt32());
        Assert.Equal(3, wed.GetProperty("personsInFollowUp").GetInt32());   // B refused
        Assert.Equal((0, 0), (wed.GetProperty("inclusions").GetInt32(), wed.GetProperty("positivesAtJ7").GetInt32()));

        var fri = await ReportAsync(Friday);
        Assert.Equal((1, 1, 1, 100.0), (fri.GetProperty("smsSent").GetInt32(), fri.GetProperty("callsToMake").GetInt32(),
            fri.GetProperty("callsNotMade").GetInt32(), fri.GetProperty("callsNotMadePercent").GetDouble()));
        var sat = await ReportAsync(Saturday);
        Assert.Equal((1, 1), (sat.GetProperty("callsToMake").GetInt32(), sat.GetProperty("callsNotMade").GetInt32())); // carried over
        Assert.Equal(0, (await ReportAsync(Sunday)).GetProperty("callsToMake").GetInt32()); // closed on Sundays

        // The same figures from the persons' own records.
        var persons = new List<JsonElement>();
        foreach (var id in new[] { a, b, c, d }) persons.Add(await fx.PersonAsync(id));
        bool OnWed(JsonElement at) => at.ValueKind != JsonValueKind.Null && DateOnly.FromDateTime(at.GetDateTimeOffset().DateTime) == Wednesday;
        var attempts = persons.SelectMany(p => p.GetProperty("milestones").EnumerateArray())
            .SelectMany(m => m.GetProperty("call").GetProperty("attempts").EnumerateArray())
            .Where(x => OnWed(x.GetProperty("endedAt"))).ToList();
        Assert.Equal(wed.GetProperty("callsMade").GetInt32(), attempts.Count);
        Assert.Equal(wed.GetProperty("meanCallSeconds").GetDouble(), attempts.Average(x => x.GetProperty("durationSeconds").GetInt32()));
        var milestones = persons.SelectMany(p => p.GetProperty("milestones").EnumerateArray()).ToList();
        Assert.Equal(wed.GetProperty("smsSent").GetInt32(), milestones.Count(m => OnWed(m.GetProperty("sms").GetProperty("sentAt"))));
        Assert.Equal(wed.GetProperty("questionnairesCompleted").GetInt32(),
            milestones.Count(m => OnWed(m.GetProperty("sms").GetProperty("answeredAt"))));
        Assert.Equal(wed.GetProperty("unreachable").GetInt32(), milestones.Count(m => m.GetProperty("outcome").GetString() == "unreachable"));

        // Generated after each day's closing and kept.
        using (var archiveApi = fx.Api())
        {
            // The reporting tick archives the closed days one after the other: wait for the last one (Saturday).
            var dates = new List<string?>();
            for (var until = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < until && !dates.Contains("2026-11-28"); await Task.Delay(250))
                dates = (await archiveApi.GetFromJsonAsync<JsonElement>("/api/reports/archive")).EnumerateArray()
                    .Select(x => x.GetProperty("date").GetString()).ToList();
            Assert.Contains("2026-11-28", dates);   // Saturday closed at 19:00
            var kept = await archiveApi.GetFromJsonAsync<JsonElement>("/api/reports/archive/2026-11-25");
            Assert.Equal(4, kept.GetProperty("callsMade").GetInt32());
            Assert.Equal(210, kept.GetProperty("meanCallSeconds").GetDouble());
            Assert.DoesNotContain("2026-11-29", dates); // Sunday not over yet
        }

        // Recomputable: the same numbers after a silo restart.
        await fx.RestartSiloAsync();
        var again = await ReportAsync(Wednesday);
        Assert.Equal(wed.ToString(), again.ToString());

        // CSV (';', UTF-8 BOM) and XLSX carry the same numbers.
        using var api = fx.Api();
        var csv = await api.GetByteArrayAsync("/api/reports/daily?date=2026-11-25&format=csv");
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var csvValues = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(';')).ToDictionary(p => p[0], p => p[^1]);
        Assert.Equal("4", csvValues["callsMade"]);
        Assert.Equal("210", csvValues["meanCallSeconds"]);
        Assert.Equal("1", csvValues["refusalsByReason.notConcerned"]);
        var xlsx = await api.GetByteArrayAsync("/api/reports/daily?date=2026-11-25&format=xlsx");
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var rows = doc.WorkbookPart!.WorksheetParts.First().Worksheet.Descendants<Row>().Skip(1)
            .Select(r => r.Elements<Cell>().Select(c => c.CellValue?.Text ?? c.InnerText).ToArray()).ToDictionary(r => r[0], r => r[2]);
        Assert.Equal(csvValues.Count, rows.Count);
        foreach (var (key, value) in csvValues) Assert.Equal(value, rows[key]);
    }

    [Fact]
    public async Task The_date_is_required_and_checked()
    {
        using var api = fx.Api();
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/reports/daily")).StatusCode);
        var bad = await api.GetAsync("/api/reports/daily?date=25/11/2026");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("25/11/2026", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/reports/daily?date=2026-11-25&format=pdf")).StatusCode);
    }
}
