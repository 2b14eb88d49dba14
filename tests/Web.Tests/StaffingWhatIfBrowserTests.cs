using System.Net.Http.Json;
using Microsoft.Playwright;

namespace FollowUp.Tests;

/// <summary>The weekly page's what-if (issue 16 §7) in Chromium: after changing its inputs the chart is drawn again
/// with its data table (due, made, backlog for the next 7 days).</summary>
[Collection(PlatformCollection.Name)]
public class StaffingWhatIfBrowserTests(PlatformFixture fx) : BrowserTest
{
    [Fact]
    public async Task Changing_the_what_if_redraws_its_chart_with_its_table()
    {
        using (var api = fx.Api())
            (await api.PostAsJsonAsync("/api/users", new
            {
                userName = "sup.whatif",
                displayName = "Superviseur",
                role = "Supervisor",
                password = "supervisor-pass-w1"
            })).EnsureSuccessStatusCode();
        var page = await FrenchPageAsync();
        await BrowserLogin.LogInAsync(page, fx, "sup.whatif", "supervisor-pass-w1");
        await page.GotoAsync(fx.BaseUrl + "/Reports/Week");
        Assert.Equal("img", await page.GetAttributeAsync("#chart-whatif", "role"));

        // 50 inclusions a day and nobody to call them: a backlog builds up.
        await page.GetByLabel("Inclusions attendues par jour").FillAsync("50");
        await page.GetByLabel("Téléopérateurs par jour").FillAsync("0");
        await page.GetByLabel("Ouvrir les dimanches").CheckAsync();
        await page.ClickAsync("#forecast-submit");
        await page.WaitForURLAsync(u => u.Contains("operators=0", StringComparison.Ordinal) && u.Contains("inclusions=50", StringComparison.Ordinal));

        Assert.Equal("50", await page.InputValueAsync("#inclusions"));
        Assert.True(await page.IsCheckedAsync("#sundays"));
        await Assertions.Expect(page.Locator("#chart-whatif-empty")).ToBeHiddenAsync();
        await page.ClickAsync("#chart-whatif-summary");
        var rows = page.Locator("#chart-whatif-data tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator("#chart-whatif-data thead th"))
            .ToHaveTextAsync(["Jour", "Appels dus", "Appels passés", "Reste à faire"]);
        // The last day's backlog in the chart's table is the table's under the chart, and above zero.
        var lastBacklog = await rows.Nth(6).Locator("td").Nth(2).InnerTextAsync();
        Assert.True(double.Parse(lastBacklog, System.Globalization.CultureInfo.InvariantCulture) > 0, lastBacklog);
        Assert.Equal(double.Parse(lastBacklog, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse((await page.Locator("#whatif-table tbody tr").Nth(6).Locator("td.backlog").InnerTextAsync()).Replace(',', '.'),
                System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, await page.EvaluateAsync<int>("Chart.getChart('chart-whatif').data.datasets[1].data.filter(v => v > 0).length"));
    }
}
