using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using FollowUp.Silo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace FollowUp.Tests;

/// <summary>
/// The platform as run.sh starts it, in one process: a real silo host (SiloHosting, ADO.NET clustering on a fresh
/// PostgreSQL database) and the web as a cluster client on a real Kestrel port; simulation mode.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    public const string ApiKey = "test-api-key-0123456789";
    public const string AdminPassword = "Initial-Passw0rd-2026"; // the initial one: changed at first sign-in (see Passwords)
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    public string ConnectionString { get; } = TestDatabase.Create("web");
    private readonly string _clusterId = "web-" + Guid.NewGuid().ToString("N")[..8];
    public const string DeliveryReportSecret = "dlr-secret-0123456789";
    private IHost? _silo;
    private readonly int _webPort = PlatformHost.FreePort();
    public OvhFakeServer Ovh { get; private set; } = null!;
    public WebApplicationFactory<FollowUp.Web.SharedResource> Web { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    private Dictionary<string, string?> Settings => new Dictionary<string, string?>(Ovh.SiloSettings())
    {
        ["FollowUp:PublicBaseUrl"] = $"http://127.0.0.1:{_webPort}",
        ["FollowUp:Sms:DeliveryReportSecret"] = DeliveryReportSecret,
        ["FollowUp:Sms:Ovh:InboxPollSeconds"] = "1",
        ["FollowUp:Questionnaire:PerIpPerMinute"] = "300",
        ["FollowUp:Import:MaxBytes"] = (2 * 1024 * 1024).ToString(),
        ["FollowUp:Database:ConnectionString"] = ConnectionString,
        ["FollowUp:Simulation:Enabled"] = "true",
        ["FollowUp:Simulation:Start"] = Start.ToString("O"),
        ["FollowUp:Cluster:ClusterId"] = _clusterId,
        ["FollowUp:ApiKey"] = ApiKey,
        ["FollowUp:Admin:UserName"] = "admin",
        ["FollowUp:Admin:Password"] = AdminPassword,
        ["FollowUp:Security:LoginPerIpPerMinute"] = "10000", // every test signs in from 127.0.0.1
        ["FollowUp:Sms:TemplateRefreshSeconds"] = "0", // an edited SMS text applies to the very next SMS
        ["FollowUp:Silo:Port"] = PlatformHost.FreePort().ToString(),
        ["FollowUp:Silo:GatewayPort"] = PlatformHost.FreePort().ToString(),
    }.Concat(ExtraSettings).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    /// <summary>Settings a derived fixture adds or overrides (e.g. a deliberately small connection pool).</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    private Dictionary<string, string?> _settings = null!;

    /// <summary>Staff passwords changed at first sign-in by the tests' helpers ("user:initial password" → current password).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> Passwords { get; } = new();

    /// <summary>The second factor of staff accounts enrolled by the tests' helpers (user name → its authenticator app).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, TestAuthenticator> Authenticators { get; } = new();

    /// <summary>The web settings of this platform (another web node starts from them, see WebNode).</summary>
    public IReadOnlyDictionary<string, string?> WebSettings => _settings;

    public async Task InitializeAsync()
    {
        Ovh = await OvhFakeServer.StartAsync($"http://127.0.0.1:{_webPort}/sms/dlr/{DeliveryReportSecret}");
        var settings = _settings = Settings;
        await StartSiloAsync();

        Web = PlatformHost.StartWeb(settings, _webPort);
        BaseUrl = $"http://127.0.0.1:{_webPort}";
    }

    private async Task StartSiloAsync() => _silo = await PlatformHost.StartSiloAsync(_settings);

    /// <summary>Stops the silo (graceful, at most 20 s) and starts a new one on the same ports and database.</summary>
    public async Task RestartSiloAsync()
    {
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            try { await _silo!.StopAsync(cts.Token); } catch (OperationCanceledException) { }
        }
        _silo!.Dispose();
        await StartSiloAsync();
        // The web's cluster client finds the new silo through the gateway list: wait until it answers again.
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        for (var until = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < until; await Task.Delay(250))
            if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
        throw new TimeoutException("The web did not reach the restarted silo within 90 s.");
    }

    public HttpClient Api()
    {
        // Waits, not speed checks: a simulated day wakes many persons, and the shared build machine can be very slow.
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    /// <summary>Today in Paris on the platform's virtual clock.</summary>
    public async Task<DateOnly> TodayAsync()
    {
        using var api = Api();
        var now = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/simulation/clock")).GetProperty("now").GetDateTimeOffset();
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zones.Paris).DateTime);
    }

    /// <summary>Moves the virtual clock to 08:00 (Paris) of the next <paramref name="day"/> after today, so a test's week starts the same way
    /// whatever ran before.</summary>
    public async Task<DateOnly> NextAsync(DayOfWeek day)
    {
        var d = (await TodayAsync()).AddDays(1);
        while (d.DayOfWeek != day) d = d.AddDays(1);
        await AdvanceAsync(d, 8);
        return d;
    }

    public async Task AdvanceAsync(DateOnly day, int hour, int minute = 0)
    {
        using var api = Api();
        var local = new DateTime(day, new TimeOnly(hour, minute));
        var at = new DateTimeOffset(local, Zones.Paris.GetUtcOffset(local));
        (await api.PostAsJsonAsync("/api/simulation/advance", new { to = at })).EnsureSuccessStatusCode();
    }

    /// <summary>Includes a person with a phone of its own; returns its id and E.164 phone.</summary>
    public async Task<(Guid Id, string Phone)> IncludeAsync(string externalId, string kind = "contact", string language = "fr",
        bool vulnerable = false,
        string department = "83", string? phone = null, int daysAgo = 0)
    {
        using var api = Api();
        phone ??= "+33612" + Random.Shared.Next(100_000, 999_999);
        var today = (await TodayAsync()).AddDays(-daysAgo);
        var r = await api.PostAsJsonAsync("/api/persons", new
        {
            externalId,
            kind,
            firstName = "Léa",
            lastName = "Durand",
            phone,
            birthDate = "1985-02-03",
            department,
            inclusionDate = today.ToString("yyyy-MM-dd"),
            language,
            sociallyVulnerable = vulnerable,
        });
        if (!r.IsSuccessStatusCode) throw new InvalidOperationException($"inclusion refused: {await r.Content.ReadAsStringAsync()}");
        return ((await r.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid(), phone);
    }

    /// <summary>The questionnaire link of the last SMS the fake operator received for this phone.</summary>
    public async Task<string> LinkAsync(string phone)
    {
        using var api = Api();
        var sms = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/simulation/sms?phone=" + Uri.EscapeDataString(phone));
        return sms.EnumerateArray().Last().GetProperty("links")[0].GetString()!;
    }

    public async Task<System.Text.Json.JsonElement> PersonAsync(Guid id)
    {
        using var api = Api();
        return await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/persons/{id}");
    }

    /// <summary>A person on a landline (no SMS) whose J2 was yesterday: the call is due now.</summary>
    public async Task<(Guid Id, string Phone)> DueCallAsync(string externalId, string department, string kind = "contact")
    {
        await OpenNowAsync();
        return await IncludeAsync(externalId, kind, department: department, phone: "+33491" + Random.Shared.Next(100_000, 999_999), daysAgo: 3);
    }

    /// <summary>
    /// A call due now can be taken at once only while the platform is open: when the virtual clock stands outside the
    /// default hours (another test may have left it at 08:00 or on a Sunday), it moves to 10:00 of the next open day.
    /// </summary>
    public async Task OpenNowAsync()
    {
        using var api = Api();
        var now = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/simulation/clock")).GetProperty("now").GetDateTimeOffset();
        var local = TimeZoneInfo.ConvertTime(now, Zones.Paris);
        if (local.DayOfWeek != DayOfWeek.Sunday && local.Hour is >= 9 and < 18) return;
        var day = DateOnly.FromDateTime(local.DateTime);
        if (local.Hour >= 9 || local.DayOfWeek == DayOfWeek.Sunday) day = day.AddDays(1);
        while (day.DayOfWeek == DayOfWeek.Sunday) day = day.AddDays(1);
        await AdvanceAsync(day, 10);
    }

    /// <summary>An Operator account (limited to <paramref name="departments"/> when given).</summary>
    public Task OperatorAsync(string userName, string password, params string[] departments) =>
        StaffAsync(userName, password, "Operator", departments: departments);

    /// <summary>
    /// A staff account created through the API (POST /api/users) as an Admin would; an account that already exists is
    /// fine (a test re-run on the same platform), any other refusal fails the test with the API's message.
    /// </summary>
    public async Task StaffAsync(string userName, string password, string role, string? displayName = null, params string[] departments)
    {
        using var api = Api();
        var r = await api.PostAsJsonAsync("/api/users", new { userName, displayName = displayName ?? userName, role, password, departments });
        if (!r.IsSuccessStatusCode
            && r.StatusCode != HttpStatusCode.Conflict) throw new InvalidOperationException(await r.Content.ReadAsStringAsync());
    }

    /// <summary>Opens the last SMS link of this phone and submits the questionnaire, as the person's phone would.</summary>
    public async Task AnswerAsync(string phone, Dictionary<string, string> answers)
    {
        var link = await LinkAsync(phone);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        var form = await browser.GetStringAsync(link);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")
            .Groups[1].Value;
        var fields = new Dictionary<string, string>(answers) { ["__RequestVerificationToken"] = token };
        (await browser.PostAsync(link, new FormUrlEncodedContent(fields))).EnsureSuccessStatusCode();
    }

    /// <summary>POST /api/imports with a CSV body.</summary>
    public async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> ImportAsync(byte[] file)
    {
        using var api = Api();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var r = await api.PostAsync("/api/imports", content);
        return (r.StatusCode, await r.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>());
    }


    public async Task DisposeAsync()
    {
        await Web.DisposeAsync();
        if (_silo is not null) { await _silo.StopAsync(); _silo.Dispose(); }
        await Ovh.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
