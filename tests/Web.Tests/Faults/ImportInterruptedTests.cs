using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FollowUp.Tests.Security;

namespace FollowUp.Tests.Faults;

/// <summary>
/// Issue 13: an import half done by a dead process. The web node running an import stops mid-way (its background
/// inclusion dies with it); the file re-sent to another node completes it: every line's person exists exactly once,
/// with its schedule — nothing acknowledged lost, nothing included twice (inclusion is idempotent by externalId).
/// </summary>
[Collection(PlatformCollection.Name)]
public class ImportInterruptedTests(PlatformFixture fx)
{
    [Fact]
    public async Task An_import_whose_web_node_dies_mid_way_is_completed_by_sending_the_file_again_with_no_duplicate()
    {
        const int n = 20_000; // long enough (seconds at the import's pace) that the node stops well before the end
        var d = (await fx.TodayAsync()).ToString("yyyy-MM-dd");
        var sb = new StringBuilder("externalId;kind;lastName;firstName;phone;department;inclusionDate\n");
        for (var i = 0; i < n; i++) sb.Append($"imp-dead-{i};contact;Nom{i};Prénom;06{30_000_000 + i};90;{d}\n");
        var file = Encoding.UTF8.GetBytes(sb.ToString());

        var node = WebNode.Start(fx);
        string first;
        using (var other = new HttpClient { BaseAddress = new Uri(node.BaseUrl) })
        {
            other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PlatformFixture.ApiKey);
            first = await PostAsync(other, file);
            await WaitAsync(other, first, r => r.GetProperty("processed").GetInt32() >= 300);
        }
        await node.DisposeAsync(); // the process running the import goes away mid-way

        using var api = fx.Api();
        var left = await api.GetFromJsonAsync<JsonElement>($"/api/imports/{first}");
        Assert.True(left.GetProperty("processed").GetInt32() < n, "the import ended before its node stopped: nothing was interrupted");

        // Its heartbeat stopped with its node: another node (here one that waits 5 s rather than the default 60 s) marks it
        // interrupted, with the message saying to send the file again.
        await using (var watchdog = WebNode.Start(fx, new Dictionary<string, string?> { ["FollowUp:Import:InterruptedAfterSeconds"] = "5" }))
        {
            var marked = await WaitAsync(api, first, r => r.GetProperty("status").GetString() != "running");
            Assert.Equal("interrupted", marked.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(marked.GetProperty("message").GetString()), "an interrupted import says what to do");
        }

        var second = await PostAsync(api, file);
        var done = await WaitAsync(api, second, r => r.GetProperty("status").GetString() != "running");
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Equal(0, done.GetProperty("rejected").GetInt32());
        Assert.Equal(n, done.GetProperty("accepted").GetInt32() + done.GetProperty("duplicates").GetInt32());

        await using var conn = new Npgsql.NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand(
            "SELECT count(*), count(*) FILTER (WHERE next_wake_at IS NOT NULL) FROM persons WHERE external_id LIKE 'imp-dead-%'", conn);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((n, n), (Convert.ToInt32(reader.GetInt64(0)),
            Convert.ToInt32(reader.GetInt64(1)))); // each line once (external_id is unique), each scheduled
    }

    private static async Task<string> PostAsync(HttpClient api, byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var r = await api.PostAsync("/api/imports", content);
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("importId").GetString()!;
    }

    private static async Task<JsonElement> WaitAsync(HttpClient api, string id, Func<JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var r = await api.GetFromJsonAsync<JsonElement>($"/api/imports/{id}");
            if (until(r) || DateTime.UtcNow > deadline) return r;
            await Task.Delay(200);
        }
    }
}
