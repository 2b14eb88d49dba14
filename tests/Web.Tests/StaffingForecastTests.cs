using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FollowUp.Tests.Privacy;

namespace FollowUp.Tests;

/// <summary>Staffing forecast and what-if on the weekly page (issue 16 §7): the inclusions override and the what-if
/// inputs come from the query string, and the two CSVs carry the figures. Other tests' persons are in the live cohort,
/// so the checks are the ones that hold whatever it holds: the override's figures, the inclusions' share of the calls,
/// and the backlog's arithmetic day to day.</summary>
[Collection(PlatformCollection.Name)]
public class StaffingForecastTests(PlatformFixture fx)
{
    private const string WhatIf = "inclusions=40&inclusionsPercent=-25&sundays=true&open=10:00&close=14:00"
        + "&priority=J9&priority=J7&priority=J7TestFollowUp&priority=J4&priority=J2";

    private static double N(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>The CSV's rows as header → cell.</summary>
    private static async Task<List<Dictionary<string, string>>> CsvAsync(HttpClient http, string url)
    {
        var text = Encoding.UTF8.GetString(await http.GetByteArrayAsync(url));
        Assert.StartsWith("\uFEFF", text);
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(';');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(';')).ToDictionary(x => x.First, x => x.Second))];
    }

    private async Task<StaffSession> SupervisorAsync()
    {
        var (session, signedIn) = await StaffSession.SignInAsync(fx, "admin", PlatformFixture.AdminPassword);
        Assert.True(signedIn);
        return session;
    }

    [Fact]
    public async Task The_inclusions_override_feeds_the_forecast_page_and_its_CSV()
    {
        using var admin = await SupervisorAsync();
        var page = await admin.Http.GetStringAsync("/Reports/Week?inclusions=40");
        Assert.Contains("name=\"inclusions\" min=\"0\" step=\"0.1\" value=\"40\"", page);
        Assert.Contains("href=\"/Reports/Week?handler=ForecastCsv&amp;inclusions=40\"", page);

        var with = await CsvAsync(admin.Http, "/Reports/Week?handler=ForecastCsv&inclusions=40");
        var without = await CsvAsync(admin.Http, "/Reports/Week?handler=ForecastCsv&inclusions=0");
        Assert.Equal(7, with.Count);
        Assert.Equal(["Date", "Ouvert", "Heures d'ouverture", "Inclusions attendues", "Appels attendus J2"], with[0].Keys.Take(5));
        Assert.All(with, r => Assert.Equal("40", r["Inclusions attendues"]));
        Assert.All(without, r => Assert.Equal("0", r["Inclusions attendues"]));
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(with[i]["Date"], without[i]["Date"]);
            if (with[i]["Ouvert"] == "non") continue;
            // The live cohort's calls are the same: the difference is the new inclusions' calls.
            Assert.Equal("0", without[i]["dont appels des nouvelles inclusions"]);
            var extra = N(with[i]["Appels attendus (total)"]) - N(without[i]["Appels attendus (total)"]);
            Assert.InRange(extra - N(with[i]["dont appels des nouvelles inclusions"]), -0.11, 0.11);
            // Expected inclusions start tomorrow: their first calls (J2) come two days later.
            if (i < 2) Assert.Equal("0", with[i]["dont appels des nouvelles inclusions"]);
            var hours = Enumerable.Range(0, 5).Sum(k => N(with[i].Values.ElementAt(4 + k)) * new[] { 7, 10, 4, 4, 4 }[k]) / 60 / 0.75;
            Assert.InRange(N(with[i]["Heures de téléopérateur"]) - hours, -0.5, 0.5); // configured minutes, 75 % occupancy
        }
        Assert.True(with.Where(r => r["Ouvert"] == "oui").Sum(r => N(r["dont appels des nouvelles inclusions"])) > 0);

        using var api = fx.Api();
        var forecast = await api.GetFromJsonAsync<JsonElement>("/api/reports/forecast");
        Assert.Equal(7, forecast.GetProperty("callMinutesByType").GetProperty("J2").GetDouble());
        Assert.Equal(10, forecast.GetProperty("callMinutesByType").GetProperty("J4").GetDouble());
        Assert.False(forecast.GetProperty("inclusionsOverridden").GetBoolean());
    }

    [Fact]
    public async Task The_what_if_CSV_projects_the_backlog_of_the_inputs()
    {
        using var admin = await SupervisorAsync();

        // Nobody working: nothing is made and every call due adds to the backlog, day after day.
        var idle = await CsvAsync(admin.Http, $"/Reports/Week?handler=WhatIfCsv&{WhatIf}&operators=0");
        Assert.Equal(7, idle.Count);
        var previous = 0.0;
        foreach (var r in idle)
        {
            Assert.Equal(("0", "30", "0"), (r["Téléopérateurs"], r["Inclusions attendues"], r["Appels passés"])); // 40 − 25 %
            if (r["Ouvert"] == "oui") Assert.Equal("4", r["Heures d'ouverture"]); // 10:00–14:00, Sundays too
            Assert.InRange(N(r["Reste à faire"]) - previous - N(r["Appels dus"]), -0.15, 0.15);
            previous = N(r["Reste à faire"]);
        }
        Assert.Contains(idle, r => DateOnly.Parse(r["Date"], CultureInfo.InvariantCulture).DayOfWeek == DayOfWeek.Sunday && r["Ouvert"] == "oui");

        // A thousand operators: every open day ends with nothing left, having made its calls and the closed days' ones.
        var staffed = await CsvAsync(admin.Http, $"/Reports/Week?handler=WhatIfCsv&{WhatIf}&operators=1000");
        var carried = 0.0;
        foreach (var r in staffed)
        {
            if (r["Ouvert"] == "non") { carried = N(r["Reste à faire"]); continue; }
            Assert.Equal("3000", r["Capacité (heures de téléopérateur)"]); // 1000 × 4 h × 0.75
            Assert.Equal("0", r["Reste à faire"]);
            Assert.InRange(N(r["Appels passés"]) - carried - N(r["Appels dus"]), -0.15, 0.15);
            carried = 0;
        }

        var page = await admin.Http.GetStringAsync($"/Reports/Week?{WhatIf}&operators=0");
        Assert.Contains("id=\"chart-whatif\" role=\"img\"", page);
        Assert.Contains("<input type=\"checkbox\" id=\"sundays\" name=\"sundays\" value=\"true\" checked=\"checked\" />", page);
        Assert.Contains("<option value=\"J9\" selected=\"selected\">", page);
        var table = page[page.IndexOf("id=\"whatif-table\"", StringComparison.Ordinal)..];
        Assert.Equal(7, table[..table.IndexOf("</table>", StringComparison.Ordinal)].Split("<tr data-date=").Length - 1);
    }

    [Fact]
    public async Task A_bad_input_is_named_with_its_reason()
    {
        using var admin = await SupervisorAsync();
        var csv = await admin.Http.GetAsync("/Reports/Week?handler=WhatIfCsv&operators=beaucoup");
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        var problem = await csv.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("beaucoup", problem.GetProperty("errors").GetProperty("operators")[0].GetString());

        var order = await admin.Http.GetAsync("/Reports/Week?handler=ForecastCsv&priority=J2&priority=J2&priority=J4&priority=J7&priority=J9");
        Assert.Equal(HttpStatusCode.BadRequest, order.StatusCode);
        Assert.Contains("priority", await order.Content.ReadAsStringAsync());

        var page = await admin.Http.GetStringAsync("/Reports/Week?open=15:00&close=09:00&inclusionsPercent=-300");
        Assert.Contains("data-field=\"close\"", page);
        Assert.Contains("data-field=\"inclusionsPercent\"", page);
    }
}
