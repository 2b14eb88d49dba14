using Microsoft.Playwright;

namespace FollowUp.Tests;

/// <summary>
/// A test class driving Debian's chromium (headless, no network beyond the platform): one browser per class, a fresh
/// page per need. French pages by default, as the agency's staff see them.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    protected IBrowser Browser { get; private set; } = null!;

    /// <summary>The launch options every browser test uses (also for a browser of its own, e.g. the OpenAPI page test).</summary>
    public static BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    };

    /// <summary>Waits, not speed checks: the shared build machine can be very slow (load 40+), and a sign-in hashes a
    /// password. Playwright's own defaults (30 s for actions, 5 s for expectations) failed there.</summary>
    public const float WaitMs = 90_000;

    static BrowserTest() => Assertions.SetDefaultExpectTimeout(WaitMs);

    /// <summary>Gives a page the generous waits of <see cref="WaitMs"/>.</summary>
    public static IPage Patient(IPage page)
    {
        page.SetDefaultTimeout(WaitMs);
        page.SetDefaultNavigationTimeout(WaitMs);
        return page;
    }

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(LaunchOptions);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>A new page asking for French (Accept-Language and the browser's locale).</summary>
    protected async Task<IPage> FrenchPageAsync() => Patient(await Browser.NewPageAsync(new BrowserNewPageOptions
    {
        Locale = "fr-FR",
        ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "fr-FR" },
    }));

    /// <summary>A French page signed in as <paramref name="user"/> (password change and second factor handled, see <see
    /// cref="BrowserLogin"/>).</summary>
    protected async Task<IPage> SignedInPageAsync(PlatformFixture fx, string user, string password)
    {
        var page = await FrenchPageAsync();
        await BrowserLogin.LogInAsync(page, fx, user, password);
        return page;
    }
}
