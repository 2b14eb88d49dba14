using System.Net.Http.Json;
using System.Text.Json;

namespace FollowUp.Tests;

/// <summary>Issue 16 §2: "Relance" is an entry of its own in the ARS priority list (Admin › Priorités des appels), so the
/// ARS decides whether retries come before first calls; the page's order is the queue's.</summary>
[Collection(PlatformCollection.Name)]
public class CallPrioritiesBrowserTests(PlatformFixture fx) : BrowserTest
{
    [Fact]
    public async Task The_admin_moves_the_retry_entry_and_it_is_saved_as_the_queues_order()
    {
        using var api = fx.Api();
        var current = await api.GetFromJsonAsync<JsonElement>("/api/settings/call-priorities");
        var order = current.GetProperty("order").EnumerateArray().Select(x => x.GetString()!).ToList();
        try
        {
            var page = await SignedInPageAsync(fx, "admin", PlatformFixture.AdminPassword);
            await page.GotoAsync(fx.BaseUrl + "/Admin/Priorities");
            var items = page.Locator("#priorities li");
            Assert.Equal(order, await items.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.type)"));
            Assert.Contains("Relances (second essai du jour)", await page.InnerTextAsync("#priorities li[data-type=Retry]"));

            // One step later in the list (or earlier when it is last), saved at once.
            var at = order.IndexOf("Retry");
            var to = at < order.Count - 1 ? at + 1 : at - 1;
            await page.ClickAsync($"#priorities li[data-type=Retry] button[value={(to > at ? "down" : "up")}]");
            await page.Locator("p.ok[role=status]").WaitForAsync();
            (order[at], order[to]) = (order[to], order[at]);
            Assert.Equal(order, await items.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.type)"));
            var saved = await api.GetFromJsonAsync<JsonElement>("/api/settings/call-priorities");
            Assert.Equal(order, saved.GetProperty("order").EnumerateArray().Select(x => x.GetString()!));
        }
        finally
        {
            await api.PutAsJsonAsync("/api/settings/call-priorities",
                new { order = current.GetProperty("order"), vulnerableFirst = current.GetProperty("vulnerableFirst").GetBoolean() });
        }
    }
}
