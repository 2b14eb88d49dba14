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
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/Login"));
        await page.WaitForLoadStateAsync();
        if (page.Url.Contains("/Login/TwoFactor") && fx.Authenticators.TryGetValue(user, out var app))
        {
            await page.GetByLabel("Code de vérification").FillAsync(await app.NextCodeAsync());
            await page.ClickAsync("main form button[type=submit]");
            await page.WaitForURLAsync(u => !u.Contains("/Login/TwoFactor"));
        }
        if (page.Url.Contains("/Account/Password"))
        {
            var changed = current + "!b";
            await page.FillAsync("#current", current);
            await page.FillAsync("#new", changed);
            await page.FillAsync("#confirm", changed);
            await page.ClickAsync("main form button[type=submit]");
            await page.WaitForURLAsync(u => !u.Contains("/Account/Password"));
            fx.Passwords[$"{user}:{password}"] = changed;
        }
        if (page.Url.Contains("/Account/TwoFactor"))
        {
            // The enrolment: type the secret shown in text into the "app", confirm with its code, keep the recovery codes.
            var (enrolled, fields) = TestAuthenticator.Enrol(await page.ContentAsync());
            Assert.Equal(enrolled.Secret, (await page.Locator("#totp-secret").TextContentAsync())?.Trim());
            Assert.True(await page.Locator("#totp-qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "QR code not shown");
            await page.GetByLabel("Code de vérification").FillAsync(fields["Code"]);
            await page.ClickAsync("main form button[type=submit]");
            await page.Locator("#recovery-codes").WaitForAsync();
            enrolled.KeepRecoveryCodes(await page.ContentAsync());
            fx.Authenticators[user] = enrolled;
            await page.ClickAsync("#continue");
            await page.WaitForURLAsync(u => !u.Contains("/Account/TwoFactor"));
        }
    }
}
