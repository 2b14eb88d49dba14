using System.Net.Http.Json;
using Microsoft.Playwright;

namespace FollowUp.Tests;

/// <summary>Charts that speak (issue 17 §6): empty charts say so, the dashboard filters by department, the daily
/// report and the week show their figures as charts, and every chart's data is a table reachable by keyboard.</summary>
[Collection(PlatformCollection.Name)]
public class ChartsBrowserTests(PlatformFixture fx) : BrowserTest
{
    private async Task<IPage> SupervisorAsync(string user, string password)
    {
        await fx.StaffAsync(user, password, "Supervisor", "Superviseur");
        return await SignedInPageAsync(fx, user, password);
    }

    /// <summary>An operator of <paramref name="department"/> takes its next call and records voicemail (through the API).</summary>
    private async Task CallMadeAsync(string operatorId, string department)
    {
        using var api = fx.Api();
        var call = await (await api.PostAsync($"/api/operators/{operatorId}/next", null)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        (await api.PostAsJsonAsync($"/api/calls/{call.GetProperty("callId").GetString()}/outcome", new { outcome = "voicemail" }))
            .EnsureSuccessStatusCode();
    }

    /// <summary>Tabs from the top of the page until the element is focused: it is reachable by keyboard.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        await page.EvaluateAsync("document.activeElement && document.activeElement.blur()");
        for (var i = 0; i < 200; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement === document.querySelector(s)", selector)) return;
        }
        Assert.Fail($"{selector} is not reachable with Tab");
    }

    [Fact]
    public async Task Dashboard_filters_by_department_and_says_when_there_is_no_call()
    {
        await fx.OperatorAsync("op.charts", "operator-pass-c1", "974");
        await fx.DueCallAsync("charts-dash", "974");
        var page = await SupervisorAsync("sup.charts", "supervisor-pass-c1");

        await page.GotoAsync(fx.BaseUrl + "/Dashboard?department=974");
        Assert.Equal("974", await page.InputValueAsync("#department-filter"));
        await Assertions.Expect(page.Locator("#calls-remaining")).ToHaveTextAsync("1", new() { Timeout = 10_000 }); // its due call, live
        Assert.Equal("0", await page.InnerTextAsync("#calls-made"));
        var empty = page.Locator("#chart-hours-empty");
        await Assertions.Expect(empty).ToBeVisibleAsync();
        Assert.Equal("Aucun appel aujourd'hui", await empty.InnerTextAsync());
        Assert.Equal("img", await page.GetAttributeAsync("#chart-hours", "role"));
        Assert.Contains("Aucun appel aujourd'hui", await page.GetAttributeAsync("#chart-hours", "aria-label"));
        await Assertions.Expect(page.Locator("#chart-outcomes-empty")).ToHaveTextAsync("Aucun résultat d'appel aujourd'hui");
        await Assertions.Expect(page.Locator("#chart-duration-empty")).ToBeVisibleAsync();

        // A call made in 974: the filtered figures and charts follow without reload; the message goes.
        await page.EvaluateAsync("window.__notReloaded = true");
        await CallMadeAsync("op.charts", "974");
        await Assertions.Expect(page.Locator("#calls-made")).ToHaveTextAsync("1", new() { Timeout = 10_000 });
        await Assertions.Expect(empty).ToBeHiddenAsync();
        Assert.Equal(1, await page.EvaluateAsync<int>("Chart.getChart('chart-hours').data.datasets.flatMap(d => d.data).reduce((a, b) => a + b, 0)"));
        Assert.DoesNotContain("Aucun", await page.GetAttributeAsync("#chart-hours", "aria-label"));

        // The outcomes' data table opens from the keyboard and says what the doughnut shows.
        await TabToAsync(page, "#chart-outcomes-summary");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#chart-outcomes-data")).ToBeVisibleAsync();
        Assert.Equal("1", await page.InnerTextAsync("#chart-outcomes-data tbody tr:has-text('Messagerie') td"));

        // Every department: the whole platform's figures (other tests' calls too); back to 974: its own.
        await page.SelectOptionAsync("#department-filter", "");
        await Assertions.Expect(page.Locator("#calls-made")).Not.ToHaveTextAsync("0");
        Assert.DoesNotContain("department=", page.Url);
        await page.SelectOptionAsync("#department-filter", "974");
        await Assertions.Expect(page.Locator("#calls-made")).ToHaveTextAsync("1");
        Assert.Contains("department=974", page.Url);
        Assert.True(await page.EvaluateAsync<bool>("window.__notReloaded === true"));
    }

    [Fact]
    public async Task Daily_report_and_week_show_their_figures_as_charts_with_tables_and_say_when_empty()
    {
        await fx.OperatorAsync("op.charts2", "operator-pass-c2", "04");
        await fx.DueCallAsync("charts-report", "04");
        await CallMadeAsync("op.charts2", "04");
        var page = await SupervisorAsync("sup.charts2", "supervisor-pass-c2");
        var today = await fx.TodayAsync();

        // A day without anything: each chart says so.
        await page.GotoAsync($"{fx.BaseUrl}/Reports?date=2021-01-04");
        await Assertions.Expect(page.Locator("#chart-calls-empty")).ToHaveTextAsync("Aucun appel ce jour-là");
        await Assertions.Expect(page.Locator("#chart-durations-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#chart-outcomes-empty")).ToBeVisibleAsync();
        await page.GotoAsync($"{fx.BaseUrl}/Reports/Week?start=2021-01-04");
        await Assertions.Expect(page.Locator("#chart-trend-empty")).ToHaveTextAsync("Aucune donnée cette semaine");

        // Today in 04: calls made vs to make, durations by type and outcomes, each with its table.
        using var api = fx.Api();
        var report = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/reports/daily?date={today:yyyy-MM-dd}&department=04");
        await page.GotoAsync($"{fx.BaseUrl}/Reports?date={today:yyyy-MM-dd}&department=04");
        await Assertions.Expect(page.Locator("#chart-calls-empty")).ToBeHiddenAsync();
        Assert.Equal("img", await page.GetAttributeAsync("#chart-calls", "role"));
        await TabToAsync(page, "#chart-calls-summary");
        await page.Keyboard.PressAsync("Enter");
        var calls = page.Locator("#chart-calls-data");
        await Assertions.Expect(calls).ToBeVisibleAsync();
        Assert.Equal(report.GetProperty("callsMade").GetInt32().ToString(), await calls.Locator("tbody tr:has-text('Appels passés') td")
            .InnerTextAsync());
        Assert.Equal(report.GetProperty("callsToMake").GetInt32().ToString(), await calls.Locator("tbody tr:has-text('Appels à passer') td")
            .InnerTextAsync());
        Assert.Equal("1", await page.Locator("#chart-outcomes-data tbody tr:has-text('Messagerie') td").TextContentAsync());
        Assert.Equal(5, await page.Locator("#chart-durations-data tbody tr").CountAsync()); // J2, J4, J7, J7 test, J9

        // The week: trend lines over seven days, with their tables.
        await page.GotoAsync($"{fx.BaseUrl}/Reports/Week?start={today.AddDays(-6):yyyy-MM-dd}");
        Assert.Equal("line", await page.EvaluateAsync<string>("Chart.getChart('chart-trend').config.type"));
        await Assertions.Expect(page.Locator("#chart-trend-empty")).ToBeHiddenAsync();
        Assert.Equal(7, await page.Locator("#chart-trend-data tbody tr").CountAsync());
        Assert.Equal(7, await page.Locator("#chart-persons-data tbody tr").CountAsync());
        Assert.Contains("Appels passés", await page.Locator("#chart-trend-data thead").TextContentAsync());
    }
}
