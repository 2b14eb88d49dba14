using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace FollowUp.Tests;

/// <summary>
/// Admin › Éléments de langage (issue 16 §4): SMS templates and call scripts edited by the ARS, checked server-side,
/// versioned and restorable; the next SMS (through the OVH fake) and the call screen use the new texts. Each test puts
/// back the original text it changed, so the other tests of the platform see the shipped texts.
/// </summary>
[Collection(PlatformCollection.Name)]
public class LanguageElementsBrowserTests(PlatformFixture fx) : BrowserTest
{
    private Task<IPage> LogIn(string user, string password) => SignedInPageAsync(fx, user, password);

    private async Task<IPage> TextsPage()
    {
        var page = await LogIn("admin", PlatformFixture.AdminPassword);
        var r = await page.GotoAsync(fx.BaseUrl + "/Admin/Texts");
        Assert.Equal(200, r!.Status);
        return page;
    }

    private static async Task SaveSmsAsync(IPage page, string language, string text)
    {
        await page.FillAsync($"#sms-{language}", text);
        await page.ClickAsync($"#sms-{language}-form button[type=submit]");
        await page.WaitForLoadStateAsync();
    }

    private static async Task ResetSmsAsync(IPage page, string language)
    {
        await page.GotoAsync(page.Url.Split('?')[0]);
        await page.ClickAsync($"#sms-{language}-reset");
        await page.WaitForLoadStateAsync();
    }

    [Fact]
    public async Task A_template_over_one_segment_is_refused()
    {
        var page = await TextsPage();
        var shipped = await page.InputValueAsync("#sms-pt");
        var tooLong = "Ola {firstName}, " + string.Concat(Enumerable.Repeat("por favor responda ", 6)) + "a este breve questionario: {link}";

        // Live: the counter says two segments while typing.
        await page.FillAsync("#sms-pt", tooLong);
        Assert.Contains("2 segments", await page.InnerTextAsync("#sms-pt-count"));
        Assert.Contains("error", await page.GetAttributeAsync("#sms-pt-count", "class"));
        Assert.Contains("/q/", await page.InnerTextAsync("#sms-pt-preview"));

        // Server: refused, naming the template and the reason; nothing saved.
        await page.ClickAsync("#sms-pt-form button[type=submit]");
        await page.Locator("#errors").WaitForAsync();
        var errors = await page.InnerTextAsync("#errors");
        Assert.Contains("modèle SMS « pt » (Portugais)", errors);
        Assert.Contains("dépasse un segment", errors);
        await page.GotoAsync(fx.BaseUrl + "/Admin/Texts");
        Assert.Equal(shipped, await page.InputValueAsync("#sms-pt"));
        Assert.Equal(0, await page.Locator("#text-history tr[data-kind=sms][data-key=pt]").CountAsync());

        // The other rules: a health word, a lost link, a character outside GSM-7.
        await SaveSmsAsync(page, "pt", "Ola {firstName}, responda ao questionario covid: {link}");
        Assert.Contains("« covid » est un mot de santé", await page.InnerTextAsync("#errors"));
        await SaveSmsAsync(page, "pt", "Ola {firstName}, responda ao questionario.");
        Assert.Contains("{link} doit rester dans le texte", await page.InnerTextAsync("#errors"));
        await SaveSmsAsync(page, "pt", "Olá {firstName}, responda ao questionário: {link}");
        Assert.Contains("hors de l'alphabet GSM-7 : á", await page.InnerTextAsync("#errors"));
        await page.GotoAsync(fx.BaseUrl + "/Admin/Texts");
        Assert.Equal(shipped, await page.InputValueAsync("#sms-pt"));
    }

    [Fact]
    public async Task A_version_is_restored_and_every_change_is_listed_with_who_and_the_previous_text()
    {
        var page = await TextsPage();
        var shipped = await page.InputValueAsync("#sms-en");
        const string first = "Hello {firstName}, please answer our short form: {link}";
        const string second = "Hi {firstName}, a short form for you: {link}";
        try
        {
            await SaveSmsAsync(page, "en", first);
            Assert.Contains("Enregistré", await page.InnerTextAsync("#saved"));
            await SaveSmsAsync(page, "en", second);
            Assert.Equal(second, await page.InputValueAsync("#sms-en"));

            var rows = page.Locator("#text-history tr[data-kind=sms][data-key=en]");
            Assert.Equal(2, await rows.CountAsync());
            var latest = rows.First; // latest first: second, replacing first
            Assert.Contains("Hi {firstName}", await latest.Locator(".text-set").InnerTextAsync());
            Assert.Contains("please answer our short form", await latest.Locator(".text-previous").InnerTextAsync());
            Assert.Contains("admin", await latest.InnerTextAsync());

            // Restore the first version: it is in force again, and the restoration is itself a version.
            await rows.Nth(1).Locator("button[type=submit]").ClickAsync();
            await page.WaitForLoadStateAsync();
            Assert.Equal(first, await page.InputValueAsync("#sms-en"));
            Assert.Equal(3, await rows.CountAsync());
            Assert.Contains("restauration", await rows.First.InnerTextAsync());
            Assert.Contains("Hi {firstName}", await rows.First.Locator(".text-previous").InnerTextAsync());

            // The change is in the access journal.
            using var api = fx.Api();
            var log = await api.GetFromJsonAsync<JsonElement>("/api/access-log?action=textsChanged");
            Assert.Contains(Items(log), e => e.GetProperty("objectId").GetString() == "en");
        }
        finally { await ResetSmsAsync(page, "en"); }
        Assert.Equal(shipped, await page.InputValueAsync("#sms-en"));
    }

    [Fact]
    public async Task The_SMS_sent_after_an_edit_uses_the_new_text()
    {
        var page = await TextsPage();
        const string edited = "Hola {firstName}, conteste por favor a nuestro breve formulario: {link}";
        try
        {
            await SaveSmsAsync(page, "es", edited);
            Assert.Equal(edited, await page.InputValueAsync("#sms-es"));

            var (_, phone) = await fx.IncludeAsync("texts-sms-es", language: "es");
            await fx.AdvanceAsync((await fx.TodayAsync()).AddDays(2), 9, 5); // J2: the SMS goes through the OVH fake
            var received = (await fx.Ovh.MessagesAsync()).Where(m => m.Receiver == phone).ToList();
            var sms = Assert.Single(received);
            Assert.StartsWith("Hola Léa, conteste por favor a nuestro breve formulario: " + fx.BaseUrl + "/q/", sms.Message);
        }
        finally { await ResetSmsAsync(page, "es"); }
    }

    [Fact]
    public async Task A_call_script_edit_shows_on_the_call_screen()
    {
        var admin = await TextsPage();
        const string marker = "Précisez que l'appel dure quelques minutes.";
        try
        {
            await admin.ClickAsync("#script-j2-first-contact summary");
            var text = admin.Locator("#script-j2-first-contact-step1-text");
            var original = await text.InputValueAsync();

            // A placeholder removed is refused, naming the script and the step.
            await text.FillAsync("Bonjour, je suis de la plateforme de suivi de l'ARS.");
            await admin.ClickAsync("#script-j2-first-contact-form button[type=submit]");
            await admin.Locator("#errors").WaitForAsync();
            var errors = await admin.InnerTextAsync("#errors");
            Assert.Contains("fil rouge « Appel n°1", errors);
            Assert.Contains("texte de l'étape 1", errors);
            Assert.Contains("{operator}", errors);

            await text.FillAsync(original + " " + marker);
            await admin.ClickAsync("#script-j2-first-contact-form button[type=submit]");
            await admin.Locator("#saved").WaitForAsync();

            await fx.OperatorAsync("op.texts", "operator-pass-88", "88");
            await fx.DueCallAsync("texts-script", "88");
            var page = await LogIn("op.texts", "operator-pass-88");
            await page.GotoAsync(fx.BaseUrl + "/Console");
            await page.Keyboard.PressAsync("Enter"); // "Appel suivant"
            await page.Locator("#call-type").WaitForAsync();
            Assert.Contains(marker, await page.InnerTextAsync("section.script"));
        }
        finally
        {
            await admin.GotoAsync(fx.BaseUrl + "/Admin/Texts");
            await admin.ClickAsync("#script-j2-first-contact summary");
            await admin.ClickAsync("#script-j2-first-contact-reset");
            await admin.WaitForLoadStateAsync();
        }
        Assert.DoesNotContain(marker, await admin.InputValueAsync("#script-j2-first-contact-step1-text"));
    }

    private static IEnumerable<JsonElement> Items(JsonElement log) =>
        log.ValueKind == JsonValueKind.Array ? log.EnumerateArray() : log.GetProperty("items").EnumerateArray();
}
