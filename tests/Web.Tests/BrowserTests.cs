using System.Net.Http.Json;
using Microsoft.Playwright;

namespace FollowUp.Tests;

/// <summary>Real browser (Debian's chromium) against the platform on a real port.</summary>
[Collection(PlatformCollection.Name)]
public class BrowserTests(PlatformFixture fx) : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private async Task<IPage> LogIn(string user, string password)
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(fx.BaseUrl + "/");
        Assert.Contains("/Login", page.Url);
        await page.GetByLabel("Identifiant").FillAsync(user);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        return page;
    }

    [Fact]
    public async Task Admin_logs_in_and_sees_the_admin_home()
    {
        var page = await LogIn("admin", PlatformFixture.AdminPassword);
        await page.Locator("section[data-role=Admin]").WaitForAsync();
        Assert.Contains("Administrateur", await page.InnerTextAsync("main"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Comptes" }).ClickAsync();
        await page.Locator("h1:has-text('Comptes')").WaitForAsync();
    }

    [Fact]
    public async Task Operator_sees_the_operator_home_and_no_admin_pages()
    {
        using var api = fx.Api();
        await api.PostAsJsonAsync("/api/users", new { userName = "op.browser", displayName = "Opératrice", role = "Operator", password = "operator-pass-2" });
        var page = await LogIn("op.browser", "operator-pass-2");
        await page.Locator("section[data-role=Operator]").WaitForAsync();
        Assert.Contains("Bienvenue, Opératrice", await page.InnerTextAsync("h1"));
        await page.GotoAsync(fx.BaseUrl + "/Admin/Users");
        Assert.Contains("/Login", page.Url); // denied
    }

    [Fact]
    public async Task Wrong_password_is_refused()
    {
        var page = await LogIn("admin", "not-the-password");
        await page.Locator("[role=alert]").WaitForAsync();
        Assert.Contains("incorrect", await page.InnerTextAsync("[role=alert]"));
    }
}
