using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FollowUp.Tests;

/// <summary>The SMS → questionnaire → person loop through HTTP, with the OVH fake as the phone network.</summary>
[Collection(PlatformCollection.Name)]
public partial class QuestionnaireTests(PlatformFixture fx)
{
    private static async Task<bool> Eventually(Func<Task<bool>> condition, int seconds = 10)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until) { if (await condition()) return true; await Task.Delay(100); }
        return false;
    }

    private static bool HasEvent(JsonElement person, string name) => person.GetProperty("timeline").EnumerateArray()
        .Any(e => e.GetProperty("event").GetString() == name);

    [Fact]
    public async Task Answered_questionnaire_records_the_answers_and_no_call_is_due()
    {
        var (id, phone) = await fx.IncludeAsync("q-http-1");
        var today = await fx.TodayAsync();
        await fx.AdvanceAsync(today.AddDays(2), 9, 5);
        var link = await fx.LinkAsync(phone);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });

        var form = await browser.GetStringAsync(link);
        Assert.Contains("name=\"consent\"", form);
        var token = Antiforgery().Match(form).Groups[1].Value;

        var incomplete = await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string,
            string>
        { ["__RequestVerificationToken"] = token, ["consent"] = "yes" }));
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        var errors = await incomplete.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#q-difficulty\"", errors);
        Assert.Contains("href=\"#q-sociallyVulnerable\"", errors);

        var done = await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["consent"] = "yes",
            ["rulesReminded"] = "yes",
            ["difficulty"] = "none",
            ["sociallyVulnerable"] = "no",
        }));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("id=\"thanks\"", await done.Content.ReadAsStringAsync());
        Assert.Contains("id=\"closed\"", await browser.GetStringAsync(link)); // one submission

        var person = await fx.PersonAsync(id);
        var j2 = person.GetProperty("milestones")[0];
        Assert.NotEqual(JsonValueKind.Null, j2.GetProperty("sms").GetProperty("answeredAt").ValueKind);
        Assert.Equal("completed", j2.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, j2.GetProperty("call").GetProperty("dueAt").ValueKind);
        Assert.True(j2.GetProperty("answers").GetProperty("consent").GetBoolean());
    }

    [Fact]
    public async Task Unknown_or_expired_links_get_the_same_plain_page()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        var unknown = await anonymous.GetAsync("/q/AAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var text = await unknown.Content.ReadAsStringAsync();
        Assert.Contains("Lien non valide", text);
        Assert.DoesNotContain("Exception", text);

        var (_, phone) = await fx.IncludeAsync("q-http-expired");
        var today = await fx.TodayAsync();
        await fx.AdvanceAsync(today.AddDays(2), 9, 5);
        var link = await fx.LinkAsync(phone);
        await fx.AdvanceAsync(today.AddDays(3), 0, 1); // the link works until the end of the SMS's day
        var expired = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Equal(text, await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Questionnaire_speaks_the_persons_language()
    {
        var (_, phone) = await fx.IncludeAsync("q-http-en", kind: "case", language: "en");
        await fx.AdvanceAsync((await fx.TodayAsync()).AddDays(2), 9, 5);
        using var anonymous = new HttpClient();
        var page = await anonymous.GetStringAsync(await fx.LinkAsync(phone));
        Assert.Contains("Do you agree to be followed", page);
        Assert.Contains("<html lang=\"en\">", page);
    }

    [Fact]
    public async Task Delivery_report_and_STOP_reply_reach_the_person()
    {
        var (id, phone) = await fx.IncludeAsync("q-http-stop");
        await fx.AdvanceAsync((await fx.TodayAsync()).AddDays(2), 9, 5);
        Assert.True(await Eventually(async () => HasEvent(await fx.PersonAsync(id), "smsDelivered")), "no delivery report");

        await fx.Ovh.ReplyAsync(phone, " Stop ");
        Assert.True(await Eventually(async () => HasEvent(await fx.PersonAsync(id), "smsOptOut")), "STOP not applied");
    }

    [Fact]
    public async Task Links_are_rate_limited_per_token()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++) statuses.Add((await anonymous.GetAsync("/q/BBBBBBBBBBBBBBBBBBBBBB")).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
