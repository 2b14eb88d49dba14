using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace FollowUp.Tests;

/// <summary>Languages: every resource key in every language of its set; the questionnaire in the person's language (Arabic right to left), with a
/// switcher.</summary>
[Collection(PlatformCollection.Name)]
public class LanguagesTests(PlatformFixture fx)
{
    /// <summary>Resource sets and their languages: the staff UI (shared, privacy, security texts) in French and English, the questionnaire in
    /// six.</summary>
    public static readonly TheoryData<string, string[]> Sets = new()
    {
        { "SharedResource", ["en"] },
        { "QuestionnaireResource", ["en", "ar", "es", "pt", "tr"] },
        { "PrivacyResource", ["en"] },
        { "SecurityResource", ["en"] },
    };

    private static string ResourcesDirectory()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "FollowUp.sln"))) root = Path.GetDirectoryName(root)!;
        return Path.Combine(root, "src/Web/Resources");
    }

    private static Dictionary<string, string> Keys(string file) =>
        XDocument.Load(file).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Theory]
    [MemberData(nameof(Sets))]
    public void Every_key_exists_in_every_language_of_its_set(string set, string[] languages)
    {
        var dir = ResourcesDirectory();
        var neutral = Keys(Path.Combine(dir, set + ".resx"));
        Assert.NotEmpty(neutral);
        // No language file outside the set's list, and each listed one has exactly the neutral (French) keys, none empty.
        var present = Directory.GetFiles(dir, set + ".*.resx").Select(f => Path.GetFileName(f)[(set.Length + 1)..^5]).ToHashSet();
        Assert.Equal(languages.ToHashSet(), present);
        foreach (var language in languages)
        {
            var keys = Keys(Path.Combine(dir, $"{set}.{language}.resx"));
            Assert.True(neutral.Keys.Except(keys.Keys).ToList() is { Count: 0 },
                $"{set}.{language} lacks {string.Join(", ", neutral.Keys.Except(keys.Keys).Take(20))}");
            Assert.Empty(keys.Keys.Except(neutral.Keys));
            Assert.DoesNotContain(keys, k => string.IsNullOrWhiteSpace(k.Value));
            // Placeholders survive translation.
            foreach (var (key, text) in neutral)
                Assert.True(Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order()
                    .SequenceEqual(Regex.Matches(keys[key], @"\{\d+\}").Select(m => m.Value).Order()), $"{set}.{language} {key}");
        }
    }

    [Fact]
    public async Task Questionnaire_opens_in_the_persons_language_right_to_left_for_Arabic_with_a_switcher()
    {
        var today = await fx.NextAsync(DayOfWeek.Wednesday); // 08:00
        var (_, phone) = await fx.IncludeAsync("lang-ar", language: "ar", daysAgo: 2);
        await fx.AdvanceAsync(today, 9, 30); // J2 today: the SMS went out at 09:00
        var sms = await LastSmsAsync(phone);
        Assert.Contains("استبيان", sms); // the Arabic template
        var link = Regex.Match(sms, @"https?://\S+/q/[A-Za-z0-9_-]+").Value;

        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        var page = await browser.GetStringAsync(link);
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", page);
        Assert.Contains("هل توافق على أن يتابعك فريقنا", System.Net.WebUtility.HtmlDecode(page));
        foreach (var l in new[] { "fr", "en", "ar", "es", "pt", "tr" }) Assert.Contains($"href=\"?lang={l}\"", page);
        Assert.Contains("aria-current=\"true\">العربية", System.Net.WebUtility.HtmlDecode(page));

        var spanish = await browser.GetStringAsync(link + "?lang=es");
        Assert.Contains("<html lang=\"es\">", spanish);
        Assert.Contains("Enviar mis respuestas", spanish);
        var turkish = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync(link + "?lang=tr"));
        Assert.Contains("Yanıtlarımı gönder", turkish);
        var portuguese = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync(link + "?lang=pt"));
        Assert.Contains("Enviar as minhas respostas", portuguese);
    }

    [Fact]
    public async Task Inclusion_accepts_the_six_languages_and_names_the_field_otherwise()
    {
        using var api = fx.Api();
        foreach (var l in new[] { "es", "pt", "tr" }) await fx.IncludeAsync("lang-incl-" + l, language: l);
        var r = await api.PostAsync("/api/persons", System.Net.Http.Json.JsonContent.Create(new
        {
            externalId = "lang-de",
            kind = "contact",
            firstName = "A",
            lastName = "B",
            phone = "0612345678",
            department = "13",
            inclusionDate = (await fx.TodayAsync()).ToString("yyyy-MM-dd"),
            language = "de",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("fr, en, ar, es, pt, tr", await r.Content.ReadAsStringAsync());
    }

    private async Task<string> LastSmsAsync(string phone)
    {
        using var api = fx.Api();
        var sms = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(api,
            "/api/simulation/sms?phone=" + Uri.EscapeDataString(phone));
        return sms.EnumerateArray().Last().GetProperty("text").GetString()!;
    }
}
