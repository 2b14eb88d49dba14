using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FollowUp.Tests.Privacy;

namespace FollowUp.Tests;

/// <summary>Staffing "actual" on the weekly page and its CSV (issue 16 §7), from an operator's real status changes on the virtual clock.</summary>
[Collection(PlatformCollection.Name)]
public class StaffingActualTests(PlatformFixture fx)
{
    [Fact]
    public async Task An_operators_call_shows_in_the_actual_per_hour_and_per_day_of_the_weekly_CSV()
    {
        var day = await fx.NextAsync(DayOfWeek.Wednesday); // a day nobody worked yet
        await fx.AdvanceAsync(day, 10);
        await fx.OperatorAsync("op.staffing", "operator-pass-87", "87");
        await fx.DueCallAsync("staffing-actual-1", "87");
        using var api = fx.Api();

        // 10:00 the call is taken (on a call), 10:05 its outcome (wrap-up), 10:08 now.
        var call = await (await api.PostAsync("/api/operators/op.staffing/next", null)).Content.ReadFromJsonAsync<JsonElement>();
        var callId = call.GetProperty("callId").GetString()!;
        (await api.PostAsync($"/api/calls/{callId}/start", null)).EnsureSuccessStatusCode();
        await fx.AdvanceAsync(day, 10, 5);
        (await api.PostAsJsonAsync($"/api/calls/{callId}/outcome", new { outcome = "noAnswer" })).EnsureSuccessStatusCode();
        await fx.AdvanceAsync(day, 10, 8);

        var (admin, signedIn) = await StaffSession.SignInAsync(fx, "admin", PlatformFixture.AdminPassword);
        using var _ = admin;
        Assert.True(signedIn);
        var page = await admin.Http.GetStringAsync($"/Reports/Week?start={day.AddDays(-3):yyyy-MM-dd}");
        Assert.Contains($"data-date=\"{day:yyyy-MM-dd}\" data-hour=\"10\"", page);
        var csv = Encoding.UTF8.GetString(await admin.Http.GetByteArrayAsync($"/Reports/Week?handler=StaffingCsv&start={day.AddDays(-3):yyyy-MM-dd}"))
            .TrimStart('\uFEFF');
        var lines = csv.Split("\r\n");
        Assert.StartsWith("section;date;heure;operateursConnectes;", lines[0]);
        // 480 s signed in: 300 on the call, 180 in wrap-up; occupancy 480 / 480; 1 call in 480 s = 7.5 an operator-hour.
        Assert.Contains($"actual;{day:yyyy-MM-dd};10;1;480;300;180;0;1;100;7.5;;;;;;;;;", lines);
        Assert.Contains($"actual;{day:yyyy-MM-dd};;1;480;300;180;0;1;100;7.5;;;;;;;;;", lines);
        Assert.Contains(lines, l => l.StartsWith("forecast;"));
        Assert.Contains(lines, l => l.StartsWith("whatIfSundaysOpen;"));
    }
}
