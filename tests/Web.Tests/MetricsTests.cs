using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FollowUp.Tests;

/// <summary>/metrics (Prometheus text) on the web and on a silo process: our meters, Orleans', Npgsql's pool; no personal data.</summary>
[Collection(PlatformCollection.Name)]
public class MetricsTests(PlatformFixture fx)
{
    [Fact]
    public async Task Web_metrics_carry_our_meters_and_no_personal_data()
    {
        await fx.NextAsync(DayOfWeek.Tuesday);
        var today = await fx.TodayAsync();
        var (_, phone) = await fx.IncludeAsync("metrics-sms", daysAgo: 2); // J2 today: SMS at 09:00 through the OVH fake
        await fx.AdvanceAsync(today, 9, 30);
        var csv = "externalId;kind;lastName;firstName;phone;department;inclusionDate\r\n"
            + $"metrics-imp-1;contact;Zébulon;Ophélie;0611223344;13;{today:yyyy-MM-dd}\r\nmetrics-imp-2;contact;;;12;99;x\r\n";
        Assert.Equal(HttpStatusCode.OK, (await fx.ImportAsync(Encoding.UTF8.GetBytes(csv))).Status);

        using var anonymous = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        var text = await anonymous.GetStringAsync("/metrics");
        foreach (var name in new[]
        {
            "followup_import_lines_total{", "result=\"accepted\"", "result=\"rejected\"", "followup_sms_to_send_total", "followup_sms_sent_total",
            "followup_ovh_request_duration_seconds_bucket", "followup_calls_due", "type=\"J2\"", "db_client_connection", "orleans",
        })
            Assert.True(text.Contains(name, StringComparison.OrdinalIgnoreCase), $"/metrics has no {name}");
        foreach (var personal in new[] { "Zébulon", "Ophélie", "0611223344", "+33611223344", "metrics-imp-1", "metrics-sms", phone, "Durand" })
            Assert.DoesNotContain(personal, text);
    }

    [Fact]
    public async Task A_silo_process_serves_metrics_on_its_health_port()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "FollowUp.Silo.dll");
        var health = PlatformHost.FreePort();
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (k, v) in new Dictionary<string, string>
        {
            ["FollowUp__Database__ConnectionString"] = fx.ConnectionString,
            ["FollowUp__Cluster__ClusterId"] = "metrics-" + Guid.NewGuid().ToString("N")[..8],
            ["FollowUp__Silo__Port"] = PlatformHost.FreePort().ToString(),
            ["FollowUp__Silo__GatewayPort"] = PlatformHost.FreePort().ToString(),
            ["FollowUp__Silo__HealthPort"] = health.ToString(),
            ["FollowUp__Sms__Provider"] = "Fake",
            ["FollowUp__Logging__Json"] = "true",
        }) start.Environment[k] = v;
        using var silo = Process.Start(start)!;
        var firstLine = silo.StandardOutput.ReadLineAsync();
        var errors = silo.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{health}"), Timeout = TimeSpan.FromSeconds(10) };
            string? text = null;
            // A wait, not a speed check: a silo starts in seconds, but the shared build machine can be very slow.
            for (var until = DateTime.UtcNow.AddMinutes(5); DateTime.UtcNow < until && !silo.HasExited; await Task.Delay(500))
            {
                try
                {
                    if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) { text = await http.GetStringAsync("/metrics"); break; }
                }
                catch (HttpRequestException) { }
            }
            Assert.True(text is not null, silo.HasExited ? $"the silo stopped: {await errors}" : "the silo did not get ready");
            Assert.Contains("followup_calls_due", text);
            Assert.Contains("orleans", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("db_client_connection", text);
            // FollowUp:Logging:Json=true: structured console logs.
            var line = await firstLine;
            Assert.NotNull(line);
            Assert.StartsWith("{", line);
            Assert.Contains("\"LogLevel\"", line);
        }
        finally
        {
            if (!silo.HasExited) silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync();
        }
    }
}
