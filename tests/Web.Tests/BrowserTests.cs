using System.Net.Http.Json;
using Microsoft.Playwright;

namespace FollowUp.Tests;

/// <summary>Real browser (Debian's chromium) against the platform on a real port.</summary>
[Collection(PlatformCollection.Name)]
public class BrowserTests(PlatformFixture fx) : BrowserTest
{
    /// <summary>Signs in as a person would; at the first sign-in, changes the initial password (kept in fx.Passwords).</summary>
    private async Task<IPage> LogIn(string user, string password)
    {
        var page = Patient(await Browser.NewPageAsync());
        await page.GotoAsync(fx.BaseUrl + "/");
        Assert.Contains("/Login", page.Url);
        await BrowserLogin.LogInAsync(page, fx, user, password);
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

        // An operator for two departments, created on the page.
        await page.FillAsync("#u", "op.paca");
        await page.FillAsync("#d", "Opérateur PACA");
        await page.FillAsync("#deps", "13, 83");
        await page.FillAsync("#p", "operator-pass-7");
        await page.ClickAsync("form.card button[type=submit]");
        await page.Locator("p.ok").WaitForAsync();
        Assert.Contains("13, 83", await page.InnerTextAsync("tr:has-text('op.paca')"));
    }

    [Fact]
    public async Task Operator_sees_the_operator_home_and_no_admin_pages()
    {
        await fx.StaffAsync("op.browser", "operator-pass-2", "Operator", "Opératrice");
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

    [Fact]
    public async Task Phone_opens_the_sms_link_answers_and_sees_the_thanks_page()
    {
        var (id, phone) = await fx.IncludeAsync("browser-q", kind: "case");
        await fx.AdvanceAsync((await fx.TodayAsync()).AddDays(2), 9, 5);
        var link = await fx.LinkAsync(phone);

        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            JavaScriptEnabled = false,
        });
        var page = Patient(await context.NewPageAsync());
        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Group, new() { Name = "Acceptez-vous d'être suivi(e)" }).GetByLabel("Oui").CheckAsync();
        await page.GetByLabel("J'ai lu ces consignes").CheckAsync();
        await page.GetByLabel("Non, aucune").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Vivez-vous une situation" }).GetByLabel("Non").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer mes réponses" }).ClickAsync();
        await page.Locator("#thanks").WaitForAsync();

        var person = await fx.PersonAsync(id);
        var j2 = person.GetProperty("milestones")[0];
        Assert.Equal("completed", j2.GetProperty("outcome").GetString());
        Assert.Equal("none", j2.GetProperty("answers").GetProperty("difficulty").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, j2.GetProperty("call").GetProperty("dueAt").ValueKind);

        // The record page shows the answers to a supervisor.
        var admin = await LogIn("admin", PlatformFixture.AdminPassword);
        await admin.GotoAsync($"{fx.BaseUrl}/Persons/Detail?id={id}");
        var record = await admin.InnerTextAsync("main");
        Assert.Contains("Questionnaire complété", record);
        Assert.Contains("Consentement : Oui", record);
    }

    [Fact]
    public async Task Operator_takes_the_next_call_follows_the_script_records_no_answer_by_keyboard_and_sees_the_retry()
    {
        await fx.OperatorAsync("op.console", "operator-pass-3", "971");
        await fx.OperatorAsync("op.watcher", "operator-pass-4", "972");
        var (id, _) = await fx.DueCallAsync("browser-console", "971");

        var watcher = await LogIn("op.watcher", "operator-pass-4");
        await watcher.GotoAsync(fx.BaseUrl + "/Console");
        var j2Cell = watcher.Locator("#queue-counts td[data-type=J2]");
        var before = int.Parse(await j2Cell.InnerTextAsync());
        Assert.True(before >= 1);

        var page = await LogIn("op.console", "operator-pass-3");
        await page.GotoAsync(fx.BaseUrl + "/Console");
        await page.Keyboard.PressAsync("Enter"); // "Appel suivant"
        await page.Locator("#call-type").WaitForAsync();
        Assert.Contains("/Console/Call/", page.Url);
        Assert.Contains("Léa Durand", await page.InnerTextAsync("aside.person h1"));
        Assert.StartsWith("tel:", await page.GetAttributeAsync("#phone", "href"));
        Assert.Contains("Consentement au suivi", await page.InnerTextAsync("section.script")); // the J2 script, in order
        await Assertions.Expect(j2Cell).ToHaveTextAsync((before - 1).ToString()); // live, no reload

        // Something typed survives a reload (draft kept with the claim).
        await page.GetByRole(AriaRole.Group, new() { Name = "2. Consentement au suivi" }).GetByLabel("Oui").CheckAsync();
        await page.WaitForTimeoutAsync(800);
        await page.ReloadAsync();
        Assert.True(await page.GetByRole(AriaRole.Group, new() { Name = "2. Consentement au suivi" }).GetByLabel("Oui").IsCheckedAsync());

        await page.Keyboard.PressAsync("Alt+d"); // Début d'appel
        await page.Locator("#elapsed").WaitForAsync();
        await page.Keyboard.PressAsync("Alt+n"); // Pas de réponse
        await page.Locator("#next-call").WaitForAsync();
        Assert.Contains("Pas de réponse", await page.InnerTextAsync("#my-calls"));

        var person = await fx.PersonAsync(id);
        var attempt = person.GetProperty("milestones")[0].GetProperty("call").GetProperty("attempts")[0];
        Assert.Equal("noAnswer", attempt.GetProperty("outcome").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, attempt.GetProperty("durationSeconds").ValueKind);

        // The retry comes back to the queue two hours later (simulation clock).
        using var api = fx.Api();
        var now = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/simulation/clock")).GetProperty("now").GetDateTimeOffset();
        await api.PostAsJsonAsync("/api/simulation/advance", new { to = now.AddHours(2).AddMinutes(1) });
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#call-type").WaitForAsync();
        Assert.Contains("Léa Durand", await page.InnerTextAsync("aside.person h1"));
        Assert.Contains("Relance programmée", await page.InnerTextAsync("#timeline"));
    }

    [Fact]
    public async Task Supervisor_uploads_a_file_sees_progress_and_errors_downloads_rejects_and_opens_a_record()
    {
        await fx.StaffAsync("sup.import", "supervisor-pass-1", "Supervisor", "Superviseuse");
        var d = (await fx.TodayAsync()).ToString("dd/MM/yyyy");
        var csv = $"Identifiant;Type;Nom;Prénom;Téléphone;Département;Date d'inclusion\n" +
                  $"brw-imp-1;cas;Garnier;Camille;0612340001;13;{d}\n" +
                  $"brw-imp-2;contact;Faure;Hugo;0612340002;83;{d}\n" +
                  $"brw-imp-3;contact;Girard;Jade;0612340003;84;{d}\n" +
                  $"brw-imp-4;contact;Bonnet;Léo;pas de numéro;13;{d}\n" +
                  $"brw-imp-5;inconnu;Lambert;Manon;0612340005;13;{d}\n";
        var path = Path.Combine(Path.GetTempPath(), $"inclusions-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, csv, new System.Text.UTF8Encoding(true));

        var page = await LogIn("sup.import", "supervisor-pass-1");
        await page.GotoAsync(fx.BaseUrl + "/Imports");
        await page.SetInputFilesAsync("#file", path);
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await page.Locator("#import-progress").WaitForAsync();
        await page.Locator("#import-errors").WaitForAsync(new() { Timeout = 30_000 }); // the page follows the import live
        Assert.Equal("3", await page.InnerTextAsync("#accepted"));
        Assert.Equal("2", await page.InnerTextAsync("#rejected"));
        var errors = await page.InnerTextAsync("#import-errors");
        Assert.Contains("Téléphone", errors);
        Assert.Contains("Type", errors);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-rejects"));
        var rejects = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("brw-imp-4", rejects);
        Assert.Contains("brw-imp-5", rejects);
        Assert.DoesNotContain("brw-imp-1", rejects);

        await page.GotoAsync(fx.BaseUrl + "/Persons?q=Garnier");
        await page.GetByRole(AriaRole.Link, new() { Name = "Garnier Camille" }).ClickAsync();
        await page.Locator("h1:has-text('Camille Garnier')").WaitForAsync();
        Assert.Contains("J2", await page.InnerTextAsync("main"));
        File.Delete(path);
    }

    [Fact]
    public async Task Supervisor_dashboard_follows_an_outcome_recorded_through_the_api_without_reload()
    {
        using var api = fx.Api();
        await fx.StaffAsync("sup.dash", "supervisor-pass-2", "Supervisor", "Superviseur");
        await fx.OperatorAsync("op.dash", "operator-pass-5", "973");
        await fx.DueCallAsync("browser-dash", "973");

        var page = await LogIn("sup.dash", "supervisor-pass-2");
        await page.GotoAsync(fx.BaseUrl + "/Dashboard");
        await page.Locator("#chart-hours").WaitForAsync();
        await Assertions.Expect(page.Locator("#calls-remaining"))
            .Not.ToHaveTextAsync("0", new() { Timeout = 10_000 }); // the due call, from due_calls
        var before = int.Parse(await page.InnerTextAsync("#calls-made"));
        var chartBefore = await page.EvaluateAsync<int>("Chart.getChart('chart-hours').data.datasets.flatMap(d => d.data).reduce((a, b) => a + b, " +
            "0)");
        await page.EvaluateAsync("window.__notReloaded = true");

        var call = await (await api.PostAsync("/api/operators/op.dash/next", null)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        (await api.PostAsJsonAsync($"/api/calls/{call.GetProperty("callId").GetString()}/outcome", new { outcome = "voicemail" }))
            .EnsureSuccessStatusCode();

        await Assertions.Expect(page.Locator("#calls-made")).ToHaveTextAsync((before + 1).ToString(), new() { Timeout = 10_000 });
        Assert.Equal(chartBefore + 1,
            await page.EvaluateAsync<int>("Chart.getChart('chart-hours').data.datasets.flatMap(d => d.data).reduce((a, b) => a + b, 0)"));
        Assert.True(await page.EvaluateAsync<bool>("window.__notReloaded === true"));
        Assert.Contains("op.dash", await page.InnerTextAsync("#operators"));
        async Task<int> Figure(string id) => int.Parse(await page.InnerTextAsync(id));
        Assert.Equal(await Figure("#calls-made") + await Figure("#calls-remaining"), await Figure("#calls-to-make"));
    }

    [Fact]
    public async Task Supervisor_reads_the_daily_report_the_week_and_the_staffing_forecast()
    {
        using var api = fx.Api();
        await fx.StaffAsync("sup.report", "supervisor-pass-3", "Supervisor", "Superviseur");
        var page = await LogIn("sup.report", "supervisor-pass-3");
        var today = await fx.TodayAsync();
        await page.GotoAsync($"{fx.BaseUrl}/Reports?date={today:yyyy-MM-dd}");
        var report = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/reports/daily?date={today:yyyy-MM-dd}");
        Assert.Equal(report.GetProperty("callsMade").GetInt32().ToString(),
            await page.InnerTextAsync("#report tr[data-key=callsMade] td:nth-child(2)"));
        Assert.Equal(report.GetProperty("inclusions").GetInt32().ToString(),
            await page.InnerTextAsync("#report tr[data-key=inclusions] td:nth-child(2)"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#xlsx"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename);

        await page.GotoAsync($"{fx.BaseUrl}/Reports/Week?start={today.AddDays(-6):yyyy-MM-dd}");
        Assert.Equal(7, await page.Locator("#week thead th").CountAsync() - 1);
        await page.Locator("#forecast").WaitForAsync();
        Assert.Contains("Téléopérateurs nécessaires", await page.InnerTextAsync("#forecast"));
        Assert.True(await page.EvaluateAsync<bool>("Chart.getChart('chart-trend') !== undefined"));
    }
}
