using Microsoft.Playwright;

namespace FollowUp.Tests;

/// <summary>Admin › Indicateurs (issue 16 §3): an Admin picks two indicators, saves, and the report page shows them
/// in its section "Informations complémentaires".</summary>
[Collection(ReportIndicatorsCollection.Name)]
public class ReportIndicatorsBrowserTests(PlatformFixture fx) : BrowserTest
{
    [Fact]
    public async Task An_admin_selects_two_indicators_and_the_report_shows_them()
    {
        var page = await FrenchPageAsync();
        await BrowserLogin.LogInAsync(page, fx, "admin", PlatformFixture.AdminPassword);
        await page.GotoAsync(fx.BaseUrl + "/Admin/Indicators");
        Assert.Equal("Informations complémentaires", (await page.InnerTextAsync("h1")).Trim());
        foreach (var box in await page.Locator("#indicators input[type=checkbox]").AllAsync()) await box.UncheckAsync();
        await page.GetByLabel("Taux de remise des SMS").CheckAsync();
        await page.GetByLabel("Relances reportées à l'ouverture suivante").CheckAsync();
        await page.ClickAsync("#indicators button[type=submit]");
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        Assert.Equal("Sélection enregistrée.", (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Trim());
        Assert.True(await page.IsCheckedAsync("#ind-smsDeliveryRate"));
        Assert.True(await page.IsCheckedAsync("#ind-lateRetries"));
        Assert.False(await page.IsCheckedAsync("#ind-smsAnswerRate"));

        await page.GotoAsync(fx.BaseUrl + "/Reports?date=2026-11-25");
        var section = page.Locator("#additional-indicators");
        Assert.Equal("Informations complémentaires", (await section.Locator("h2").InnerTextAsync()).Trim());
        Assert.Equal(["smsDeliveryRate", "lateRetries"], await section.Locator("tr[data-id]")
            .EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)"));
        Assert.Contains("Taux de remise des SMS", await section.Locator("tr[data-id=smsDeliveryRate]").InnerTextAsync());
        Assert.Contains("Relances reportées", await section.Locator("tr[data-id=lateRetries]").InnerTextAsync());
    }
}
