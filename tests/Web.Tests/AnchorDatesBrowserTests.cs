using Microsoft.Playwright;

namespace FollowUp.Tests;

/// <summary>
/// Issue 16 on the staff pages: the two anchor dates entered on the inclusion form (a bad one named), the record showing
/// the plan's J0 with its anchor and "test conseillé le …", the preferred call window edited on the record, and the J2
/// call screen showing the recommended test and the window, then recording a new window.
/// </summary>
[Collection(PlatformCollection.Name)]
public class AnchorDatesBrowserTests(PlatformFixture fx) : BrowserTest
{
    [Fact]
    public async Task The_form_takes_both_dates_the_record_and_the_call_screen_show_the_test_date_and_the_window()
    {
        await fx.OpenNowAsync();
        var today = await fx.TodayAsync();
        string Fr(int days) => today.AddDays(days).ToString("dd/MM/yyyy");
        string Iso(int days) => today.AddDays(days).ToString("yyyy-MM-dd");

        // Inclusion form (a landline: no SMS, the J2 call is due now): a last contact after the inclusion is named.
        var admin = await SignedInPageAsync(fx, "admin", PlatformFixture.AdminPassword);
        await admin.GotoAsync(fx.BaseUrl + "/Persons/New");
        await admin.FillAsync("#ExternalId", "browser-anchor-58");
        await admin.FillAsync("#LastName", "Morel");
        await admin.FillAsync("#FirstName", "Jeanne");
        await admin.FillAsync("#Phone", "+33386" + Random.Shared.Next(100_000, 999_999));
        await admin.FillAsync("#Department", "58");
        await admin.FillAsync("#InclusionDate", Iso(-3));
        await admin.FillAsync("#IsolationStartDate", Iso(-4));
        await admin.FillAsync("#LastContactDate", Iso(-2));
        await admin.ClickAsync("#new-person button[type=submit]");
        await admin.Locator("#LastContactDate + span.error").WaitForAsync();
        Assert.Empty(await admin.Locator("#IsolationStartDate + span.error").AllAsync());
        await admin.FillAsync("#LastContactDate", Iso(-5));
        await admin.ClickAsync("#new-person button[type=submit]");

        // The record: both dates, the plan's J0 and its anchor (the default: the inclusion date), the recommended test.
        await admin.Locator("#anchor-dates").WaitForAsync();
        var dates = await admin.InnerTextAsync("#anchor-dates");
        Assert.Contains($"Début d'isolement : {Fr(-4)}", dates);
        Assert.Contains(Fr(-5), dates);
        Assert.Contains($"J0 du plan de suivi : {Fr(-3)} (date d'inclusion)", dates);
        Assert.Equal($"Test conseillé le {Fr(2)}", (await admin.InnerTextAsync("#recommended-test")).Trim());

        // The preferred call window on the record: a backwards range is refused and named, a range is kept.
        await admin.FillAsync("#callWindow", "11:00-10:00");
        await admin.ClickAsync("form:has(#callWindow) button[type=submit]");
        Assert.Contains("Créneau d'appel préféré", await admin.InnerTextAsync("p.error[role=alert]"));
        await admin.FillAsync("#callWindow", "10:00-11:30");
        await admin.ClickAsync("form:has(#callWindow) button[type=submit]");
        await Assertions.Expect(admin.Locator("#call-window")).ToHaveTextAsync("10:00-11:30");
        var id = PersonIds.FromExternalId("browser-anchor-58");
        Assert.Equal("10:00-11:30", (await fx.PersonAsync(id)).GetProperty("preferredCallWindow").GetString());

        // The J2 call screen of an operator of 58: the recommended test and the window; the call records a new window.
        await fx.OperatorAsync("op.anchor58", "operator-pass-58", "58");
        var page = await SignedInPageAsync(fx, "op.anchor58", "operator-pass-58");
        await page.GotoAsync(fx.BaseUrl + "/Console");
        await page.Keyboard.PressAsync("Enter"); // "Appel suivant"
        await page.Locator("#call-type").WaitForAsync();
        Assert.Equal("J2", await page.GetAttributeAsync("#call-type", "data-milestone"));
        Assert.Contains("Jeanne Morel", await page.InnerTextAsync("aside.person h1"));
        Assert.Equal($"Test conseillé le {Fr(2)}", (await page.InnerTextAsync("#recommended-test")).Trim());
        Assert.Equal("10:00-11:30", (await page.InnerTextAsync("#call-window")).Trim());
        await page.Keyboard.PressAsync("Alt+d"); // Début d'appel
        await page.Locator("#elapsed").WaitForAsync();
        await page.FillAsync("#preferredCallWindowRange", "14:00-15:30");
        await page.ClickAsync("button[name=outcome][value=reached]");
        await page.Locator("#next-call").WaitForAsync();
        Assert.Equal("14:00-15:30", (await fx.PersonAsync(id)).GetProperty("preferredCallWindow").GetString());
    }
}
