using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FollowUp.Tests;

/// <summary>deploy/grafana/followup-dashboard.json queries only metrics the platform exports.</summary>
public class GrafanaDashboardTests
{
    [Fact]
    public void Every_followup_metric_the_dashboard_queries_is_one_we_export()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "FollowUp.sln"))) root = Path.GetDirectoryName(root)!;
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "deploy/grafana/followup-dashboard.json")));
        var exprs = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.True(exprs.Count >= 12);

        // Prometheus names of our instruments: dots to underscores, unit "s" as _seconds, counters as _total.
        var exported = typeof(FollowUpMetrics).GetFields().Select(f => f.GetValue(null)).OfType<Instrument>().SelectMany(i =>
        {
            var name = i.Name.Replace('.', '_') + (i.Unit == "s" ? "_seconds" : "");
            return i is Counter<long> ? new[] { name + "_total" } : i is Histogram<double> ? [name + "_bucket", name + "_sum", name + "_count"]
                : [name];
        }).ToHashSet();
        var queried = exprs.SelectMany(e => Regex.Matches(e, @"\bfollowup_[a-z_]+").Select(m => m.Value)).ToHashSet();
        Assert.NotEmpty(queried);
        foreach (var metric in queried) Assert.Contains(metric, exported);
        // Each of the issue's families is on the dashboard.
        foreach (var family in new[] { "followup_sms_to_send_total", "followup_sms_sent_total", "followup_sms_delivered_total",
            "followup_ovh_request_duration_seconds_bucket",
                     "followup_ovh_throttled_total", "followup_calls_due", "followup_calls_made_total", "followup_call_duration_seconds_bucket",
                     "followup_questionnaire_answers_total", "followup_import_lines_total", "followup_reminder_ticks_total" })
            Assert.Contains(family, queried);
        Assert.Contains(exprs, e => e.Contains("db_client_connection_count") && e.Contains("used"));
        Assert.Contains(exprs, e => e.Contains("db_client_connection_npgsql_pending_requests"));
        Assert.Contains(exprs, e => e.Contains("orleans_"));
    }
}
