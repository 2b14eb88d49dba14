using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace FollowUp.Tests;

[CollectionDefinition(Name)]
public sealed class ReportItemsCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "report-items"; // a platform of its own: the figures cover every person
}

/// <summary>
/// Art. 3.2 items to the letter (issue 16), on a simulated Wednesday with hand-computed answers: vulnerable persons
/// found at the first contact and referred to the CTAI, questionnaires not returned, late retries, calls made inside the
/// preferred window, every figure per department (JSON filter, CSV columns, XLSX sheet).
/// </summary>
[Collection(ReportItemsCollection.Name)]
public class ReportItemsTests(PlatformFixture fx)
{
    private static readonly DateOnly Wednesday = new(2026, 11, 25);

    private SimulatedDay Day => new(fx, Wednesday);

    private static int I(JsonElement r, string name) => r.GetProperty(name).GetInt32();

    [Fact]
    public async Task A_simulated_day_gives_the_hand_computed_items_overall_and_per_department()
    {
        await fx.OperatorAsync("items-13", "password-13-items", "13");
        await fx.OperatorAsync("items-83", "password-83-items", "83");
        await fx.OperatorAsync("items-06", "password-06-items", "06");
        // Monday 09:00: five inclusions (J2 on Wednesday).
        var (a, aPhone) = await fx.IncludeAsync("items-a", kind: "contact", department: "13");
        var (c, cPhone) = await fx.IncludeAsync("items-c", kind: "contact", department: "13", vulnerable: true);
        var (b, _) = await fx.IncludeAsync("items-b", kind: "case", department: "83");
        var (d, _) = await fx.IncludeAsync("items-d", kind: "contact", department: "06");
        var (e, _) = await fx.IncludeAsync("items-e", kind: "contact", department: "06", phone: "+33491000222"); // landline: called from 09:00

        // Wednesday: J2 SMS at 09:00 to A, B, C, D. A: vulnerable + food (questionnaire); C (vulnerable at inclusion):
        // housing but not vulnerable → referred, not "vulnerable found at first contact". B and D do not answer.
        // Preferred call windows from the questionnaire: A in the morning, C in the afternoon.
        await fx.AdvanceAsync(Wednesday, 10, 0);
        await fx.AnswerAsync(aPhone, new()
        {
            ["consent"] = "yes",
            ["rulesReminded"] = "yes",
            ["difficulty"] = "food",
            ["sociallyVulnerable"] = "yes",
            ["preferredCallWindow"] = "morning",
        });
        await fx.AdvanceAsync(Wednesday, 10, 1);
        await fx.AnswerAsync(cPhone, new()
        {
            ["consent"] = "yes",
            ["rulesReminded"] = "yes",
            ["difficulty"] = "housing",
            ["sociallyVulnerable"] = "no",
            ["preferredCallWindow"] = "afternoon",
        });
        await Day.CallAsync("items-13", a, 10, 5, 10, 10, new
        {
            outcome = "reached",
            answers = new { consent = true, rulesReminded = true, difficulty = "food", sociallyVulnerable = true }
        });
        // C's window is still ahead, but no one else of 13 is waiting: C is called now, outside the window.
        await Day.CallAsync("items-13", c, 10, 11, 10, 15, new
        {
            outcome = "reached",
            answers = new { consent = true, rulesReminded = true, difficulty = "housing", sociallyVulnerable = false }
        });
        // 13:00: B's and D's questionnaires were not returned. B (call): vulnerable and needs support → CTAI.
        await Day.CallAsync("items-83", b, 13, 5, 13, 12, new
        {
            outcome = "reached",
            answers = new { consent = true, rulesReminded = true, difficulty = "none", sociallyVulnerable = true, supportNeeded = true }
        });
        // E at 17:25: no answer → retried the same day at 18:30 (the gap shrinks), served before D (retries first);
        // D at 18:46: no answer with 10 minutes left → late retry (Thursday 09:00).
        await Day.CallAsync("items-06", e, 17, 25, 17, 30, new { outcome = "noAnswer" });
        Assert.Equal("2026-11-25T18:30:00+01:00", (await fx.PersonAsync(e)).GetProperty("milestones")[0].GetProperty("call").GetProperty("dueAt")
            .GetString());
        await Day.CallAsync("items-06", e, 18, 40, 18, 45, new { outcome = "busy" });
        await Day.CallAsync("items-06", d, 18, 46, 18, 50, new { outcome = "noAnswer" });
        await fx.AdvanceAsync(Wednesday, 20, 0);

        var all = await Day.ReportAsync("");
        Assert.Equal(2, I(all, "vulnerableIdentified"));       // A (questionnaire), B (call)
        Assert.Equal(2, I(all, "vulnerableReferredToCtai"));   // A, B — not C (referred but not found vulnerable)
        Assert.Equal(2, I(all, "questionnairesNotReturned"));  // B, D (E has no mobile: no SMS)
        Assert.Equal(2, I(all, "questionnairesCompleted"));    // A, C: kept apart from the not returned
        Assert.Equal(1, I(all, "lateRetries"));                // D
        Assert.Equal(1, I(all, "retries"));                    // E's second attempt, the same day
        Assert.Equal(1, I(all, "unreachable"));                // E
        Assert.Equal(6, I(all, "callsMade"));
        Assert.Equal(1, I(all, "callsInWindow"));              // A at 10:05 in its morning window; C at 10:11 before its afternoon one
        Assert.Equal("afternoon", (await fx.PersonAsync(c)).GetProperty("preferredCallWindow").GetString());
        Assert.Equal(JsonValueKind.Null, all.GetProperty("department").ValueKind);

        var byDep = all.GetProperty("byDepartment");
        Assert.Equal(["06", "13", "83"], byDep.EnumerateObject().Select(x => x.Name));
        Assert.Equal((0, 0, 1, 1, 3, 2), (I(byDep.GetProperty("06"), "vulnerableIdentified"), I(byDep.GetProperty("06"), "vulnerableReferredToCtai"),
            I(byDep.GetProperty("06"), "questionnairesNotReturned"), I(byDep.GetProperty("06"), "lateRetries"),
                I(byDep.GetProperty("06"), "callsMade"), I(byDep.GetProperty("06"), "personsInFollowUp")));
        Assert.Equal((1, 1, 0, 2), (I(byDep.GetProperty("13"), "vulnerableIdentified"), I(byDep.GetProperty("13"), "vulnerableReferredToCtai"),
            I(byDep.GetProperty("13"), "questionnairesNotReturned"), I(byDep.GetProperty("13"), "callsMade")));
        Assert.Equal((1, 0), (I(byDep.GetProperty("13"), "callsInWindow"), I(byDep.GetProperty("06"), "callsInWindow")));

        var only83 = await Day.ReportAsync("&department=83");
        Assert.Equal("83", only83.GetProperty("department").GetString());
        Assert.Equal((1, 1, 1, 1, 1, 0), (I(only83, "vulnerableIdentified"), I(only83, "vulnerableReferredToCtai"),
            I(only83, "questionnairesNotReturned"),
            I(only83, "callsMade"), I(only83, "personsInFollowUp"), I(only83, "inclusions")));
        Assert.Equal(0, I(await Day.ReportAsync("&department=2A"), "callsMade")); // a department with nobody: zeros
        using (var api = fx.Api())
        {
            var bad = await api.GetAsync("/api/reports/daily?date=2026-11-25&department=99");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("department", await bad.Content.ReadAsStringAsync());

            // CSV: one column per department before the total; XLSX: a second sheet "par département".
            var csv = Encoding.UTF8.GetString((await api.GetByteArrayAsync("/api/reports/daily?date=2026-11-25&format=csv"))[3..])
                .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("indicateur;libellé;dép. 06;dép. 13;dép. 83;valeur", csv[0]);
            var line = csv.Single(l => l.StartsWith("questionnairesNotReturned;")).Split(';');
            Assert.Equal(["1", "0", "1", "2"], line[^4..]);
            Assert.Equal(["0", "1", "1", "2"], csv.Single(l => l.StartsWith("vulnerableReferredToCtai;")).Split(';')[^4..]);
            var xlsx = await api.GetByteArrayAsync("/api/reports/daily?date=2026-11-25&format=xlsx");
            using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
            var sheets = doc.WorkbookPart!.Workbook.Descendants<Sheet>().Select(s => s.Name!.Value).ToList();
            Assert.Equal(["2026-11-25", "par département"], sheets);
            var depSheet = (WorksheetPart)doc.WorkbookPart.GetPartById(doc.WorkbookPart.Workbook.Descendants<Sheet>().Last().Id!);
            var rows = depSheet.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(x => x.CellValue?.Text ?? x.InnerText).ToArray())
                .ToList();
            Assert.Equal(["1", "0", "1", "2"], rows.Single(r => r[0] == "questionnairesNotReturned")[^4..]);

            var only83Csv = Encoding.UTF8.GetString(
                (await api.GetByteArrayAsync("/api/reports/daily?date=2026-11-25&department=83&format=csv"))[3..]);
            Assert.StartsWith("indicateur;libellé;valeur", only83Csv);
        }

    }
}
