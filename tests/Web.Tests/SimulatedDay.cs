using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FollowUp.Tests;

/// <summary>
/// A day played through the API on a platform of its own (the report tests): an operator's call from "next" to its
/// outcome at set hours of the day, and the day's report as JSON.
/// </summary>
public sealed class SimulatedDay(PlatformFixture fx, DateOnly day)
{
    /// <summary>The operator takes the next call (<paramref name="expected"/>'s), starts it at start, records the outcome at end.</summary>
    public async Task CallAsync(string op, Guid expected, int startH, int startM, int endH, int endM, object outcome)
    {
        using var api = fx.Api();
        await fx.AdvanceAsync(day, startH, startM);
        var r = await api.PostAsync($"/api/operators/{op}/next", null);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var call = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(expected, call.GetProperty("personId").GetGuid());
        var id = call.GetProperty("callId").GetString()!;
        (await api.PostAsync($"/api/calls/{id}/start", null)).EnsureSuccessStatusCode();
        await fx.AdvanceAsync(day, endH, endM);
        (await api.PostAsJsonAsync($"/api/calls/{id}/outcome", outcome)).EnsureSuccessStatusCode();
    }

    /// <summary>The day's report (<c>/api/reports/daily</c>), <paramref name="query"/> appended (e.g. <c>&amp;department=32</c>).</summary>
    public async Task<JsonElement> ReportAsync(string query = "")
    {
        using var api = fx.Api();
        var r = await api.GetAsync("/api/reports/daily?date=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + query);
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }
}
