using System.Net.Http.Json;
using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace FollowUp.Tests;

/// <summary>
/// Accessibility everywhere (issue 17 §7): axe-core (bundled with Deque.AxeCore.Playwright, no network) finds no serious
/// or critical violation on any staff page. The pages come from the web's Razor page routes, so a new page is checked
/// without touching this test; the pages that need an id get one made here (<see cref="SamplesAsync"/>).
/// </summary>
[Collection(PlatformCollection.Name)]
public class AccessibilityBrowserTests(PlatformFixture fx, ITestOutputHelper output) : BrowserTest
{
    /// <summary>Not staff pages, or not pages one opens: the error page, and the questionnaire (checked below with a real link).</summary>
    private static readonly HashSet<string> NotVisited = ["/Error", "/Q/Index"];


    /// <summary>Every Razor page of the web (its view path, e.g. "/Admin/Users", and the route it answers at).</summary>
    private List<(string Path, string Route)> Pages() => fx.Web.Services.GetRequiredService<IActionDescriptorCollectionProvider>()
        .ActionDescriptors.Items
        .OfType<PageActionDescriptor>()
        .GroupBy(p => p.ViewEnginePath)
        .Select(g => (Path: g.Key, Route: "/" + g.Select(p => p.AttributeRouteInfo?.Template ?? "").OrderBy(t => t.Length).First()))
        .Where(p => !NotVisited.Contains(p.Path))
        .OrderBy(p => p.Path, StringComparer.Ordinal)
        .ToList();

    /// <summary>The serious and critical violations axe-core finds on the page as it is now, one line each.</summary>
    private static async Task<List<string>> ViolationsAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name}: {v.Impact} {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Target + " " + n.Html))}")
            .ToList();
    }

    /// <summary>Pages that need something to show: a person, an import, an account, a claimed call (URL by view path).</summary>
    private async Task<Dictionary<string, string>> SamplesAsync(IPage operatorPage)
    {
        var (person, _) = await fx.IncludeAsync("axe-person", department: "05");
        var (_, body) = await fx.ImportAsync(Encoding.UTF8.GetBytes(
            $"Identifiant;Type;Nom;Prénom;Téléphone;Département;Date " +
                $"d'inclusion\naxe-imp-1;cas;Garnier;Camille;0612349901;05;{await fx.TodayAsync():dd/MM/yyyy}\naxe-imp-2;contact;Faure;Hugo;pas de " +
                $"numéro;05;{await fx.TodayAsync():dd/MM/yyyy}\n"));
        await operatorPage.GotoAsync(fx.BaseUrl + "/Console");
        await operatorPage.ClickAsync("#next-call");
        await operatorPage.Locator("#call-type").WaitForAsync();
        var today = await fx.TodayAsync();
        return new()
        {
            ["/Persons/Index"] = "/Persons?q=Durand",
            ["/Persons/Detail"] = $"/Persons/Detail?id={person}",
            ["/Privacy/Person"] = $"/Privacy/Person?id={person}",
            ["/Imports/Detail"] = $"/Imports/Detail?id={body.GetProperty("importId").GetString()}",
            ["/Admin/Account"] = "/Admin/Account?user=op.axe",
            ["/Reports/Index"] = $"/Reports?date={today:yyyy-MM-dd}",
            ["/Console/Call"] = new Uri(operatorPage.Url).PathAndQuery,
        };
    }

    [Fact]
    public async Task Every_staff_page_has_no_serious_or_critical_axe_violation()
    {
        var pages = Pages();
        Assert.Contains(pages, p => p.Path == "/Admin/Users"); // the enumeration found the app's pages
        var failures = new List<string>();

        // Signed out: the sign-in page.
        var anonymous = await FrenchPageAsync();
        await anonymous.GotoAsync(fx.BaseUrl + "/Login");
        failures.AddRange(await ViolationsAsync(anonymous, "/Login"));

        // An operator with a call in hand (the console pages), an Admin for everything else (Admin may open every page).
        await fx.OperatorAsync("op.axe", "operator-pass-ax", "05");
        await fx.DueCallAsync("axe-call", "05");
        var op = await FrenchPageAsync();
        await BrowserLogin.LogInAsync(op, fx, "op.axe", "operator-pass-ax");
        var samples = await SamplesAsync(op);
        var admin = await FrenchPageAsync();
        await BrowserLogin.LogInAsync(admin, fx, "admin", PlatformFixture.AdminPassword);

        var visited = new List<string>();
        foreach (var (path, route) in pages.Where(p => !p.Path.StartsWith("/Login",
            StringComparison.Ordinal))) // the sign-in flow: checked signed out
        {
            var page = path.StartsWith("/Console/", StringComparison.Ordinal) ? op : admin;
            var url = samples.GetValueOrDefault(path) ?? route;
            if (url.Contains('{')) { output.WriteLine($"{path}: route {route} needs a value and has no sample here; not checked"); continue; }
            var response = await page.GotoAsync(fx.BaseUrl + url);
            await page.WaitForLoadStateAsync(LoadState.Load);
            var status = response?.Status ?? 0;
            if (status >= 400 && !samples.ContainsKey(path)) { output.WriteLine($"{path}: {status} without a sample; not checked"); continue; }
            Assert.True(status < 400, $"{url} answered {status}");
            Assert.DoesNotContain("/Login", page.Url); // really the page, not the sign-in form
            failures.AddRange(await ViolationsAsync(page, url));
            visited.Add(path);
        }
        output.WriteLine("checked: /Login, " + string.Join(", ", visited));
        foreach (var expected in new[] { "/Console/Index", "/Console/Call", "/Dashboard", "/Persons/Index", "/Persons/Detail", "/Imports/Index",
            "/Reports/Index",
                     "/Reports/Week", "/Admin/Users", "/Admin/Account", "/Account/Index", "/Privacy/Journal", "/Privacy/Person" })
            Assert.Contains(expected, visited);
        Assert.True(failures.Count == 0, "axe-core found:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task The_questionnaire_has_no_serious_or_critical_axe_violation_in_french_and_in_arabic()
    {
        var (_, phone) = await fx.IncludeAsync("axe-questionnaire", kind: "case");
        await fx.AdvanceAsync((await fx.TodayAsync()).AddDays(2), 9, 5);
        var link = await fx.LinkAsync(phone);
        var page = await FrenchPageAsync();
        var failures = new List<string>();
        foreach (var url in new[] { link, link + (link.Contains('?') ? "&" : "?") + "lang=ar" })
        {
            var response = await page.GotoAsync(url);
            Assert.Equal(200, response!.Status);
            failures.AddRange(await ViolationsAsync(page, "/q/… " + (url.EndsWith("lang=ar", StringComparison.Ordinal) ? "ar" : "fr")));
        }
        Assert.True(failures.Count == 0, "axe-core found:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Focus_is_visible_and_tab_leaves_every_control_of_the_console()
    {
        await fx.OperatorAsync("op.focus", "operator-pass-fo", "05");
        var page = await FrenchPageAsync();
        await BrowserLogin.LogInAsync(page, fx, "op.focus", "operator-pass-fo");
        await page.GotoAsync(fx.BaseUrl + "/Console");

        // Tab walks the whole page and comes back to the start: no control keeps the focus (no keyboard trap), and
        // each focused control shows an outline.
        await page.EvaluateAsync("document.activeElement && document.activeElement.blur()"); // from the top, not from the autofocused button
        var seen = new List<string>();
        var wrapped = false;
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string[]>("""
                () => { const e = document.activeElement; const s = getComputedStyle(e);
                        return [e === document.body ? 'body'
                            : (e.tagName + '#' + e.id + '.' + (e.getAttribute('href') || e.textContent.trim().slice(0, 20))),
                                s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? 'visible'
                                    : (s.boxShadow !== 'none' ? 'visible' : 'none')]; }
                """);
            var (id, outline) = (focused[0], focused[1]);
            if (id == "body") continue; // between the page's last control and its first
            if (seen.Contains(id)) { wrapped = true; break; }
            Assert.True(outline == "visible", $"{id} has no visible focus");
            seen.Add(id);
        }
        Assert.True(wrapped, "Tab did not come back to the first control: " + string.Join(", ", seen));
        Assert.True(seen.Count >= 3, "Tab reached " + string.Join(", ", seen));
        Assert.Contains(seen, s => s.StartsWith("BUTTON#next-call", StringComparison.Ordinal));
    }
}
