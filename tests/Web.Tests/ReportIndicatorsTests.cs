using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using FollowUp.Tests.Security;

namespace FollowUp.Tests;

[CollectionDefinition(Name)]
public sealed class ReportIndicatorsCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "report-indicators"; // a platform of its own: the selection is platform-wide
}

/// <summary>
/// "Informations complémentaires" (issue 16 §3): indicators selected by Admin appear in the daily report's JSON, CSV and
/// XLSX with the hand-computed values of a simulated Wednesday, per department too; an unknown id is refused naming
/// the field; the change is journaled; nobody but an Admin changes the selection.
/// </summary>
[Collection(ReportIndicatorsCollection.Name)]
public class ReportIndicatorsTests(PlatformFixture fx)
{
    private static readonly DateOnly Wednesday = new(2026, 11, 25);

    private SimulatedDay Day => new(fx, Wednesday);

    private static Dictionary<string, JsonElement> Indicators(JsonElement report) =>
        report.GetProperty("additionalIndicators").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);

    private static int[] Hours(JsonElement indicator) => [.. indicator.GetProperty("value").EnumerateArray().Select(v => v.GetInt32())];

    private async Task<long> JournaledAsync()
    {
        await using var conn = new Npgsql.NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM access_log WHERE action = 'indicatorsChanged'", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Selected_indicators_appear_in_the_json_csv_and_xlsx_with_the_hand_computed_values()
    {
        using var api = fx.Api();
        var journaled = await JournaledAsync();
        var put = await api.PutAsJsonAsync("/api/settings/report-indicators",
            new { indicators = new[] { "meanAttemptsPerPersonReached", "smsAnswerRate", "callsByHour" } });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        Assert.Equal(["smsAnswerRate", "callsByHour", "meanAttemptsPerPersonReached"], // the catalogue's order
            (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("indicators").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(journaled + 1, await JournaledAsync());

        // An id that is not in the catalogue: 400 naming the field and the id; the selection is unchanged.
        var bad = await api.PutAsJsonAsync("/api/settings/report-indicators", new { indicators = new[] { "smsAnswerRate", "happinessIndex" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("happinessIndex", errors.GetProperty("indicators")[0].GetString());
        var current = await api.GetFromJsonAsync<JsonElement>("/api/settings/report-indicators");
        Assert.Equal(3, current.GetProperty("indicators").GetArrayLength());
        Assert.Contains(current.GetProperty("catalogue").EnumerateArray(), e => e.GetProperty("id").GetString() == "lateRetries"
            && !e.GetProperty("selected").GetBoolean());

        // Monday: three contacts (J2 on Wednesday), two in 46, one in 32.
        await fx.OperatorAsync("ind-46", "password-46-indicators", "46");
        await fx.OperatorAsync("ind-32", "password-32-indicators", "32");
        var (a, aPhone) = await fx.IncludeAsync("ind-a", department: "46");
        var (b, _) = await fx.IncludeAsync("ind-b", department: "46");
        var (c, _) = await fx.IncludeAsync("ind-c", department: "32");
        // Wednesday: J2 SMS to A, B, C at 09:00; A answers (no difficulty: no call). B and C do not: called from 13:00.
        await fx.AdvanceAsync(Wednesday, 10, 0);
        await fx.AnswerAsync(aPhone, new()
        {
            ["consent"] = "yes",
            ["rulesReminded"] = "yes",
            ["difficulty"] = "none",
            ["sociallyVulnerable"] = "no"
        });
        var answers = new { consent = true, rulesReminded = true, difficulty = "none", sociallyVulnerable = false };
        await Day.CallAsync("ind-46", b, 13, 5, 13, 10, new { outcome = "reached", answers });   // 13 h, attempt 1
        await Day.CallAsync("ind-32", c, 13, 15, 13, 20, new { outcome = "noAnswer" });          // 13 h, retry at 15:20
        await Day.CallAsync("ind-32", c, 16, 0, 16, 5, new { outcome = "reached", answers });    // 16 h, attempt 2
        await fx.AdvanceAsync(Wednesday, 20, 0);

        var all = await Day.ReportAsync();
        var items = Indicators(all);
        Assert.Equal(["smsAnswerRate", "callsByHour", "meanAttemptsPerPersonReached"], all.GetProperty("additionalIndicators").EnumerateArray()
            .Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(33.3, items["smsAnswerRate"].GetProperty("value").GetDouble());      // 1 questionnaire ÷ 3 SMS
        Assert.Equal("percent", items["smsAnswerRate"].GetProperty("unit").GetString());
        Assert.StartsWith("Taux de réponse aux SMS", items["smsAnswerRate"].GetProperty("label").GetString());
        var hours = new int[24];
        hours[13] = 2;
        hours[16] = 1;
        Assert.Equal(hours, Hours(items["callsByHour"]));
        Assert.Equal(1.5, items["meanAttemptsPerPersonReached"].GetProperty("value").GetDouble()); // B at 1, C at 2
        var in46 = Indicators(all.GetProperty("byDepartment").GetProperty("46"));
        Assert.Equal((50.0, 1.0), (in46["smsAnswerRate"].GetProperty("value").GetDouble(), in46["meanAttemptsPerPersonReached"].GetProperty("value")
            .GetDouble()));

        // department= applies to them as to every figure.
        var only32 = Indicators(await Day.ReportAsync("&department=32"));
        Assert.Equal(0.0, only32["smsAnswerRate"].GetProperty("value").GetDouble());
        Assert.Equal(2.0, only32["meanAttemptsPerPersonReached"].GetProperty("value").GetDouble());
        Assert.Equal(1, Hours(only32["callsByHour"])[16]);
        Assert.Equal(1, Hours(only32["callsByHour"])[13]);

        // CSV: rows additional.<id> (one per hour for callsByHour), department columns before the total.
        var csv = Encoding.UTF8.GetString((await api.GetByteArrayAsync("/api/reports/daily?date=2026-11-25&format=csv"))[3..])
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("indicateur;libellé;dép. 32;dép. 46;valeur", csv[0]);
        Assert.Equal(["0", "50", "33.3"], csv.Single(l => l.StartsWith("additional.smsAnswerRate;", StringComparison.Ordinal)).Split(';')[^3..]);
        Assert.Equal(["1", "1", "2"], csv.Single(l => l.StartsWith("additional.callsByHour.13;", StringComparison.Ordinal)).Split(';')[^3..]);
        Assert.Equal(["2", "1", "1.5"], csv.Single(l => l.StartsWith("additional.meanAttemptsPerPersonReached;", StringComparison.Ordinal))
            .Split(';')[^3..]);
        Assert.Equal(24, csv.Count(l => l.StartsWith("additional.callsByHour.", StringComparison.Ordinal)));
        Assert.DoesNotContain(csv, l => l.StartsWith("additional.lateRetries", StringComparison.Ordinal)); // not selected

        // XLSX: the same rows, numbers as numbers, on the day's sheet and the department sheet.
        var xlsx = await api.GetByteArrayAsync("/api/reports/daily?date=2026-11-25&format=xlsx");
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        List<string[]> Rows(Sheet sheet) => ((WorksheetPart)doc.WorkbookPart!.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(x => x.CellValue?.Text ?? x.InnerText).ToArray()).ToList();
        var sheets = doc.WorkbookPart!.Workbook.Descendants<Sheet>().ToList();
        var day = Rows(sheets[0]);
        Assert.Equal("33.3", day.Single(r => r[0] == "additional.smsAnswerRate")[2]);
        Assert.Equal("1.5", day.Single(r => r[0] == "additional.meanAttemptsPerPersonReached")[2]);
        Assert.Equal(["1", "1", "2"], Rows(sheets[1]).Single(r => r[0] == "additional.callsByHour.13")[^3..]);

        // A change of selection applies to the day already past (computed when asked).
        (await api.PutAsJsonAsync("/api/settings/report-indicators", new { indicators = new[] { "reachedRate" } })).EnsureSuccessStatusCode();
        var after = Indicators(await Day.ReportAsync());
        Assert.Equal(["reachedRate"], after.Keys);
        Assert.Equal(66.7, after["reachedRate"].GetProperty("value").GetDouble()); // 2 reached of 3 calls
    }

    [Fact]
    public async Task Only_an_admin_changes_the_selection()
    {
        using var admin = fx.Api();
        (await admin.PutAsJsonAsync("/api/settings/report-indicators", new { indicators = new[] { "lateRetries" } })).EnsureSuccessStatusCode();

        // An API key without the admin scope.
        var created = await (await admin.PostAsJsonAsync("/api/keys", new { name = "indicators-reader", scopes = new[] { "reports:read" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        using var reader = new HttpClient { BaseAddress = admin.BaseAddress };
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsJsonAsync("/api/settings/report-indicators",
            new { indicators = new[] { "smsAnswerRate" } })).StatusCode);

        // A Supervisor (who reads the report) and an Operator: the Admin page is closed to them, its form too.
        await admin.PostAsJsonAsync("/api/users", new
        {
            userName = "sup.indicators",
            displayName = "Superviseur",
            role = "Supervisor",
            password = "supervisor-indicators-1"
        });
        await fx.OperatorAsync("op.indicators", "operator-indicators-1", "46");
        foreach (var (user, password) in new[] { ("sup.indicators", "supervisor-indicators-1"), ("op.indicators", "operator-indicators-1") })
        {
            using var staff = await StaffClient.SignInAsync(fx, user, password);
            Assert.Equal(HttpStatusCode.OK, await staff.StatusAsync("/Console")); // signed in
            var get = await staff.Http.GetAsync("/Admin/Indicators");
            var post = await staff.Http.PostAsync("/Admin/Indicators", new FormUrlEncodedContent([new("selected", "smsAnswerRate"),
                new("__RequestVerificationToken", await staff.TokenAsync("/Account/Password"))]));
            foreach (var r in new[] { get, post })
                Assert.True(r.StatusCode is HttpStatusCode.Forbidden
                    || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/Login")),
                    $"{user}: {r.StatusCode} {r.Headers.Location}");
        }
        var selection = await admin.GetFromJsonAsync<JsonElement>("/api/settings/report-indicators");
        Assert.Equal(["lateRetries"], selection.GetProperty("indicators").EnumerateArray().Select(x => x.GetString()));
    }
}
