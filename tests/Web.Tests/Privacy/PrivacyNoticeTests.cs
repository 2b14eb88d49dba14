using System.Net;
using FollowUp.Web.Application.Privacy;
using Microsoft.Extensions.Configuration;

namespace FollowUp.Tests.Privacy;

/// <summary>The questionnaire shows a short privacy notice linking to the full page (controller, DPO, purpose, retention, rights).</summary>
[Collection(PlatformCollection.Name)]
public class PrivacyNoticeTests(PlatformFixture fx)
{
    [Fact]
    public async Task The_questionnaire_shows_the_notice_and_links_to_the_full_page()
    {
        var (_, phone) = await fx.IncludeAsync("notice-" + Guid.NewGuid().ToString("N")[..8]);
        await fx.AdvanceAsync((await fx.TodayAsync()).AddDays(2), 10);
        var link = await fx.LinkAsync(phone);
        using var browser = new HttpClient();
        var form = WebUtility.HtmlDecode(await browser.GetStringAsync(link));
        Assert.Contains("id=\"privacy-short\"", form);
        Assert.Contains("conservées 90 jours après la fin de ce suivi", form);
        Assert.Contains("href=\"/Privacy/Notice?lang=fr\"", form);

        var full = await browser.GetAsync(fx.BaseUrl + "/Privacy/Notice?lang=fr"); // anonymous
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        var html = WebUtility.HtmlDecode(await full.Content.ReadAsStringAsync());
        foreach (var part in new[] { "Le responsable du traitement est Agence régionale de santé", "décret n° 2020-551",
            "effacées 90 jours après la fin de votre suivi",
                     "demander leur effacement", "contactez le délégué à la protection des données" })
            Assert.Contains(part, html);
        var english = WebUtility.HtmlDecode(await browser.GetStringAsync(fx.BaseUrl + "/Privacy/Notice?lang=en"));
        Assert.Contains("The data controller is", english);
    }

    [Fact]
    public void Controller_dpo_and_retentions_come_from_configuration()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FollowUp:Privacy:ControllerName"] = "ARS Provence-Alpes-Côte d'Azur",
            ["FollowUp:Privacy:DpoContact"] = "dpo@ars.example",
            ["FollowUp:Privacy:RetentionDays"] = "60",
        }).Build();
        var read = SectionOptions.Read<PrivacyOptions>(config);
        Assert.Equal(("ARS Provence-Alpes-Côte d'Azur", "dpo@ars.example", 60, 365),
            (read.ControllerName, read.DpoContact, read.RetentionDays, read.AccessLogRetentionDays));
        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["FollowUp:Privacy:RetentionDays"] = "0" })
            .Build();
        Assert.Contains("FollowUp:Privacy:RetentionDays", Assert.Throws<ConfigurationException>(() => SectionOptions.Read<PrivacyOptions>(bad))
            .Message);
    }
}
