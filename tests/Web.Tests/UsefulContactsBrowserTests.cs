using Microsoft.Playwright;

namespace FollowUp.Tests;

/// <summary>Useful contacts per department (issue 16): edited by Admin on its page, shown on the call screen for the person's department.</summary>
[Collection(PlatformCollection.Name)]
public class UsefulContactsBrowserTests(PlatformFixture fx) : BrowserTest
{
    private Task<IPage> LogIn(string user, string password) => SignedInPageAsync(fx, user, password);

    [Fact]
    public async Task The_call_screen_shows_the_contacts_of_the_persons_department()
    {
        // Admin: a mobile team for 976, a laboratory for 975 (another department), and a refused line (no phone).
        var admin = await LogIn("admin", PlatformFixture.AdminPassword);
        await admin.GotoAsync(fx.BaseUrl + "/Admin/Contacts");
        async Task AddAsync(string dep, string category, string name, string phone)
        {
            await admin.FillAsync("#department", dep);
            await admin.SelectOptionAsync("#category", category);
            await admin.FillAsync("#name", name);
            await admin.FillAsync("#phone", phone);
            await admin.ClickAsync("#add-contact button[type=submit]");
        }
        await AddAsync("976", "mobileTeam", "Équipe mobile Mamoudzou", "0269 61 00 00");
        await admin.Locator("#contacts tr[data-department='976']").WaitForAsync();
        await AddAsync("975", "laboratory", "Laboratoire Saint-Pierre", "0508 41 00 00");
        await admin.Locator("#contacts tr[data-department='975']").WaitForAsync();
        await AddAsync("976", "samu", "SAMU 976", "");
        await admin.Locator("#errors").WaitForAsync();
        Assert.Matches("Téléphone|Phone", await admin.InnerTextAsync("#errors")); // the field is named (in the user's language)
        Assert.Equal(1, await admin.Locator("#contacts tr[data-department='976']").CountAsync()); // nothing saved

        // Operator of 976 takes the person's call: the department's contacts are on the screen, not the other's.
        await fx.OperatorAsync("op.contacts", "operator-pass-976", "976");
        await fx.DueCallAsync("browser-contacts", "976");
        var page = await LogIn("op.contacts", "operator-pass-976");
        await page.GotoAsync(fx.BaseUrl + "/Console");
        await page.Keyboard.PressAsync("Enter"); // "Appel suivant"
        await page.Locator("#useful-contacts").WaitForAsync();
        var contacts = await page.InnerTextAsync("#useful-contacts");
        Assert.Contains("département 976", contacts);
        Assert.Contains("Équipe mobile Mamoudzou", contacts);
        Assert.Contains("Équipe mobile", await page.InnerTextAsync("#useful-contacts li[data-category=mobileTeam] .label"));
        Assert.Equal("tel:0269 61 00 00", await page.GetAttributeAsync("#useful-contacts li[data-category=mobileTeam] a", "href"));
        Assert.DoesNotContain("Saint-Pierre", contacts);
    }
}
