using Microsoft.Playwright;

namespace FollowUp.Tests;

/// <summary>Signs a browser page in through /Login, changing the initial password at the first sign-in (the
/// changed one is kept in <see cref="PlatformFixture.Passwords"/> for the next sign-in of the same account).</summary>
public static class BrowserLogin
{
    public static async Task LogInAsync(IPage page, PlatformFixture fx, string user, string password, string? returnUrl = null)
    {
        await page.GotoAsync(fx.BaseUrl + "/Login" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)));
        var current = fx.Passwords.GetValueOrDefault($"{user}:{password}", password);
        await page.GetByLabel("Identifiant").FillAsync(user);
        await page.GetByLabel("Mot de passe").FillAsync(current);
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/Login"));
        await page.WaitForLoadStateAsync();
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
    }
}
