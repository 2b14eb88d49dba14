using Microsoft.Playwright;

namespace FollowUp.Tests;

/// <summary>Signs a browser page in through /Login, completing every step the platform asks for: the second factor's
/// code (a TOTP computed from the secret of the enrolment, see <see cref="TestAuthenticator"/>), the change of the
/// initial password at the first sign-in (the changed one kept in <see cref="PlatformFixture.Passwords"/>) and the
/// enrolment of the second factor (its secret read from the page, kept in <see cref="PlatformFixture.Authenticators"/>).</summary>
public static class BrowserLogin
{
    public static async Task LogInAsync(IPage page, PlatformFixture fx, string user, string password, string? returnUrl = null)
    {
        BrowserTest.Patient(page);
        await page.GotoAsync(fx.BaseUrl + "/Login" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)));
        var current = fx.Passwords.GetValueOrDefault($"{user}:{password}", password);
        await page.GetByLabel("Identifiant").FillAsync(user);
        await page.GetByLabel("Mot de passe").FillAsync(current);
        var before = page.Url;
        var response = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/Login"));
        await ArrivedAsync(page, u => response.Status is < 300 or >= 400 || u != before); // a 200: the form again, with its error
        if (page.Url.Contains("/Login/TwoFactor") && fx.Authenticators.TryGetValue(user, out var app))
        {
            await page.GetByLabel("Code de vérification").FillAsync(await app.NextCodeAsync());
            await page.ClickAsync("main form button[type=submit]");
            await ArrivedAsync(page, u => !u.Contains("/Login/TwoFactor"));
        }
        if (page.Url.Contains("/Account/Password"))
        {
            var changed = current + "!b";
            await page.FillAsync("#current", current);
            await page.FillAsync("#new", changed);
            await page.FillAsync("#confirm", changed);
            await page.ClickAsync("main form button[type=submit]");
            await ArrivedAsync(page, u => !u.Contains("/Account/Password"));
            fx.Passwords[$"{user}:{password}"] = changed;
        }
        if (page.Url.Contains("/Account/TwoFactor"))
        {
            // The enrolment: type the secret shown in text into the "app", confirm with its code, keep the recovery codes.
            await page.Locator("#totp-secret").WaitForAsync();
            var (enrolled, fields) = TestAuthenticator.Enrol(await page.ContentAsync());
            Assert.Equal(enrolled.Secret, (await page.Locator("#totp-secret").TextContentAsync())?.Trim());
            Assert.True(await page.Locator("#totp-qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "QR code not shown");
            await page.GetByLabel("Code de vérification").FillAsync(fields["Code"]);
            await page.ClickAsync("main form button[type=submit]");
            await page.Locator("#recovery-codes").WaitForAsync();
            enrolled.KeepRecoveryCodes(await page.ContentAsync());
            fx.Authenticators[user] = enrolled;
            await page.ClickAsync("#continue");
            await ArrivedAsync(page, u => !u.Contains("/Account/TwoFactor"));
        }
    }

    /// <summary>Waits until the page's address is the next one and its content is there, by polling the address and a locator
    /// (both answered by the browser's driver) rather than by Playwright's load-state events: the .NET client reads those
    /// on another thread, and a "load" that came between its check and its subscription was missed (CI: a 90 s timeout in
    /// <c>WaitForLoadStateAsync</c> after the sign-in's POST, its log showing only "NetworkIdle event fired").</summary>
    private static async Task ArrivedAsync(IPage page, Func<string, bool> arrived)
    {
        for (var until = DateTime.UtcNow.AddMilliseconds(BrowserTest.WaitMs); !arrived(page.Url); await Task.Delay(50))
            Assert.True(DateTime.UtcNow < until, $"the browser stayed on {page.Url}");
        await page.Locator("main").WaitForAsync();
    }
}
