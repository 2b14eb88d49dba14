using System.Net;
using System.Text;
using FollowUp.Web.Application;
using FollowUp.Web.Application.Imports;

namespace FollowUp.Tests.Security;

/// <summary>Issue 14 §9: the import page's size limit before its body is read, the 500,000-line cap, the notes' length limit.</summary>
[Collection(PlatformCollection.Name)]
public class LimitsTests(PlatformFixture fx)
{
    private static byte[] File(int lines)
    {
        var csv = new StringBuilder("externalId;kind;lastName;firstName;phone;department;inclusionDate\n");
        for (var i = 0; i < lines; i++) csv.Append($"lim-{i};contact;Martin;Léa;0612345678;13;24/11/2026\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    [Fact]
    public void Files_are_capped_at_500000_lines_with_an_error_naming_the_cap()
    {
        Assert.Equal(500_000, CsvInclusionFile.DefaultMaxLines);
        Assert.Empty(CsvInclusionFile.Parse(File(3), maxLines: 3).FileErrors);
        var refused = CsvInclusionFile.Parse(File(4), maxLines: 3);
        var error = Assert.Single(refused.FileErrors);
        Assert.Equal(5, error.Line); // the first line beyond the cap (header is line 1)
        Assert.Contains("3 lignes au plus", error.Message);
        Assert.Empty(refused.Lines);
    }

    [Fact]
    public async Task An_import_over_the_line_cap_is_refused_whole_through_the_API()
    {
        await using var node = WebNode.Start(fx, new Dictionary<string, string?> { ["FollowUp:Import:MaxLines"] = "2" });
        using var api = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", PlatformFixture.ApiKey);
        var content = new ByteArrayContent(File(3));
        content.Headers.ContentType = new("text/csv");
        var r = await api.PostAsync("/api/imports", content);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("2 lignes au plus", await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_import_page_refuses_a_body_over_the_limit_before_reading_it()
    {
        using var admin = await StaffClient.SignInAsync(fx, "admin", PlatformFixture.AdminPassword);
        var token = await admin.TokenAsync("/Imports");
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[2 * 1024 * 1024 + 100 * 1024]), "file", "big.csv" }, // fixture: FollowUp:Import:MaxBytes = 2 MB
        };
        var r = await admin.Http.PostAsync("/Imports", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Contains("Fichier trop volumineux : la limite est de 2 Mo", await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Notes_are_limited_to_4000_characters()
    {
        using var admin = await StaffClient.SignInAsync(fx, "admin", PlatformFixture.AdminPassword);
        Dictionary<string, string> Contact(int length) => new()
        {
            ["department"] = "13",
            ["category"] = UsefulContacts.Categories[0],
            ["name"] = "Limite " + length,
            ["phone"] = "0491000000",
            ["notes"] = new string('n', length),
        };
        var tooLong = await admin.PostFormAsync("/Admin/Contacts", Contact(FreeText.Note + 1));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("Notes : 4000 caractères au plus", WebUtility.HtmlDecode(await tooLong.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Admin/Contacts", Contact(FreeText.Note))).StatusCode);

        var ctai = await admin.PostFormAsync("/Admin/Ctai", new()
        {
            ["department"] = "13",
            ["name"] = "CTAI",
            ["phone"] = "0491000000",
            ["notes"] = new string('n', FreeText.Note + 1)
        });
        Assert.Equal(HttpStatusCode.BadRequest, ctai.StatusCode);
    }
}
