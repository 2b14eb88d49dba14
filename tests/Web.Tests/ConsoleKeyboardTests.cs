using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace FollowUp.Tests;

/// <summary>
/// The whole console by keyboard (issue 17 §7): after signing in, only key presses — Tab/Enter to reach the console,
/// Enter for the next call, Alt+D to start it, Alt+C for the CTAI referral, every outcome key, a callback typed in its
/// field, refusal and dropout reasons chosen in their list.
/// </summary>
[Collection(PlatformCollection.Name)]
public class ConsoleKeyboardTests(PlatformFixture fx) : BrowserTest
{
    /// <summary>Presses Tab until the element is focused (the page is only observed, never clicked).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 150; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement === document.querySelector(s)", selector)) return;
        }
        Assert.Fail($"{selector} is not reachable with Tab");
    }

    /// <summary>Enter on the console takes the next call; Alt+D starts it.</summary>
    private static async Task NextAndStartAsync(IPage page)
    {
        await page.Locator("#next-call").WaitForAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#start-call").WaitForAsync();
        await page.Keyboard.PressAsync("Alt+d");
        await page.Locator("#elapsed").WaitForAsync();
    }

    /// <summary>The outcome key ends the call: back on the console.</summary>
    private static async Task OutcomeAsync(IPage page, string key)
    {
        await page.Keyboard.PressAsync("Alt+" + key);
        await page.WaitForURLAsync(u => !u.Contains("/Console/Call/"));
        await page.Locator("#next-call").WaitForAsync();
    }

    [Fact]
    public async Task An_operator_drives_every_call_by_keyboard()
    {
        await fx.OperatorAsync("op.keys", "operator-pass-k1", "07");
        var persons = new List<Guid>();
        for (var i = 0; i < 8; i++) persons.Add((await fx.DueCallAsync($"keys-{i}", "07")).Id);
        var tomorrow = (await fx.TodayAsync()).AddDays(1);

        var page = await SignedInPageAsync(fx, "op.keys", "operator-pass-k1");

        // From the home page to the console through the menu.
        await TabToAsync(page, "header nav a[href='/Console']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(u => u.EndsWith("/Console", StringComparison.Ordinal));

        // 1. The script's CTAI referral (Alt+C) shows the department's CTAI; the person is reached (Alt+J).
        await NextAndStartAsync(page);
        await page.Keyboard.PressAsync("Alt+c");
        await Assertions.Expect(page.Locator("#ctai-contact")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(600); // the draft (support needed) is saved 400 ms after the last input
        await OutcomeAsync(page, "j");

        // 2–5. No answer, busy, voicemail, wrong number: one key each.
        foreach (var key in new[] { "n", "o", "m", "f" })
        {
            await NextAndStartAsync(page);
            await OutcomeAsync(page, key);
        }

        // 6. A callback: the date and time typed in their field, then Alt+R.
        await NextAndStartAsync(page);
        await TabToAsync(page, "input[name=callbackAt]");
        // Chromium's date-time field follows the browser's own language (en-US here whatever the page's): month, day,
        // year, Tab to the time, hours, minutes, AM.
        await page.Keyboard.TypeAsync(tomorrow.ToString("MMddyyyy"));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("1030A");
        Assert.Equal($"{tomorrow:yyyy-MM-dd}T10:30", await page.InputValueAsync("input[name=callbackAt]"));
        await OutcomeAsync(page, "r");

        // 7. A refusal: its reason chosen in the list (first refusal reason), then Alt+X.
        await NextAndStartAsync(page);
        await TabToAsync(page, "#reason");
        await page.Keyboard.PressAsync("ArrowDown");
        await OutcomeAsync(page, "x");

        // 8. A dropout: its reason (the list's end, then up twice: "stops answering"), then Alt+A.
        await NextAndStartAsync(page);
        await TabToAsync(page, "#reason");
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");
        await OutcomeAsync(page, "a");

        // Each outcome was recorded once, on one of the eight persons.
        var recorded = new Dictionary<string, JsonElement>();
        foreach (var id in persons)
        {
            var person = await fx.PersonAsync(id);
            recorded.Add(person.GetProperty("milestones")[0].GetProperty("call").GetProperty("attempts")[0].GetProperty("outcome").GetString()!,
                person);
        }
        Assert.Equal(["busy", "callbackRequested", "dropout", "noAnswer", "reached", "refused", "voicemail", "wrongNumber"], recorded.Keys.Order()
            .ToArray());
        Assert.True(recorded["reached"].GetProperty("milestones")[0].GetProperty("answers").GetProperty("supportNeeded")
            .GetBoolean()); // the CTAI referral
        var callback = recorded["callbackRequested"].GetProperty("milestones")[0].GetProperty("call").GetProperty("callbackAt").GetDateTimeOffset();
        Assert.Equal(new DateTime(tomorrow, new TimeOnly(10, 30)), TimeZoneInfo.ConvertTime(callback, Zones.Paris).DateTime);
        Assert.Contains("notConcerned", recorded["refused"].GetRawText());
        Assert.Contains("stopsAnswering", recorded["dropout"].GetRawText());
    }
}
