using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FollowUp.Tests;

/// <summary>The daily inclusion import over HTTP, on a corpus of good and bad files.</summary>
[Collection(PlatformCollection.Name)]
public class ImportTests(PlatformFixture fx)
{
    static ImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(byte[] file) => fx.ImportAsync(file);

    private static byte[] Utf8Bom(string s) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(s)];


    private async Task<string> TodayAsync(int daysAgo = 0) => (await fx.TodayAsync()).AddDays(-daysAgo).ToString("dd/MM/yyyy");

    private static List<(int Line, string Column, string Message)> Errors(JsonElement body) =>
        body.GetProperty("errors").EnumerateArray().Select(e =>
            (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString()!, e.GetProperty("message").GetString()!)).ToList();

    [Fact]
    public async Task French_semicolon_file_with_good_bad_and_blank_lines()
    {
        var d = await TodayAsync();
        var csv = $"""
            Identifiant;Type;Nom;Prénom;Téléphone;Date de naissance;Département;Date d'inclusion;Vulnérable;Langue
            imp-fr-1;cas;Martin;Élodie;06 12 34 56 01;04/05/1980;13;{d};non;fr
            imp-fr-2;contact;Durand;Luc;+33612345602;1975-01-02;83;{d};oui;
            ;;;;;;;;;
            imp-fr-3;contact;Petit;Inès;0612345603;;06;{d};;en
            imp-fr-4;contact;Roux;Paul;12345;;13;{d};non;fr
            imp-fr-5;martien;Blanc;Zoé;0612345605;31/02/1990;99;01/01/2099;peut-être;de
            """;
        var (status, body) = await PostAsync(Utf8Bom(csv));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((3, 0, 2), (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32(), body.GetProperty("rejected")
            .GetInt32()));
        var errors = Errors(body);
        Assert.Contains((6, "Téléphone", "numéro de téléphone non valide"), errors); // French unless the request asks for English
        var line7 = errors.Where(e => e.Line == 7).Select(e => e.Column).Order().ToList();
        Assert.Equal(new[] { "Date d'inclusion", "Date de naissance", "Département", "Langue", "Type", "Vulnérable" }.Order(), line7);
        Assert.Equal(7, errors.Count);

        var person = await fx.PersonAsync(PersonIds.FromExternalId("imp-fr-1"));
        Assert.Equal("Élodie", person.GetProperty("firstName").GetString());
        Assert.Equal("case", person.GetProperty("kind").GetString());
        Assert.True((await fx.PersonAsync(PersonIds.FromExternalId("imp-fr-2"))).GetProperty("sociallyVulnerable").GetBoolean());

        using var api = fx.Api();
        var rejects = await api.GetByteArrayAsync($"/api/imports/{body.GetProperty("importId").GetString()}/rejects");
        Assert.Equal(Encoding.UTF8.GetPreamble(), rejects[..3]);
        var lines = Encoding.UTF8.GetString(rejects[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.EndsWith(";erreur", lines[0]);
        Assert.StartsWith("imp-fr-4;", lines[1]);
        Assert.StartsWith("imp-fr-5;", lines[2]);

        var again = await PostAsync(Utf8Bom(csv)); // idempotent
        Assert.Equal((0, 3, 2), (again.Body.GetProperty("accepted").GetInt32(), again.Body.GetProperty("duplicates").GetInt32(),
            again.Body.GetProperty("rejected").GetInt32()));
    }

    [Fact]
    public async Task English_comma_file_in_Windows_1252_with_columns_in_another_order()
    {
        var d = (await fx.TodayAsync()).ToString("yyyy-MM-dd");
        var csv = $"phone,lastName,firstName,kind,externalId,department,inclusionDate,birthDate\r\n" +
                  $"+262692123456,Hoarau,Hélène,case,imp-en-1,974,{d},1990-03-04\r\n" +
                  $"0612345699,\"Dupont, dit \"\"Le Grand\"\"\",François,contact,imp-en-2,2A,{d},\r\n";
        var (status, body) = await PostAsync(Encoding.GetEncoding(1252).GetBytes(csv));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        var p = await fx.PersonAsync(PersonIds.FromExternalId("imp-en-1"));
        Assert.Equal("Hélène", p.GetProperty("firstName").GetString());
        Assert.Equal("+262692123456", p.GetProperty("phone").GetString());
        Assert.Equal("Dupont, dit \"Le Grand\"", (await fx.PersonAsync(PersonIds.FromExternalId("imp-en-2"))).GetProperty("lastName").GetString());
    }

    [Fact]
    public async Task Duplicates_within_the_file_and_possible_duplicates_under_another_id()
    {
        var d = await TodayAsync();
        var csv = $"""
            id;type;nom;prenom;tel;naissance;dept;inclusion
            imp-dup-1;contact;Lopez;Ana;0612345611;01/01/1990;13;{d}
            imp-dup-1;contact;Lopez;Ana;0612345611;01/01/1990;13;{d}
            imp-dup-2;contact;LOPEZ;ana;+33612345611;01/01/1990;13;{d}
            imp-dup-3;contact;Lopez;Ana;0612345611;02/01/1990;13;{d}
            """;
        var (_, body) = await PostAsync(Encoding.UTF8.GetBytes(csv));
        Assert.Equal((2, 1, 1), (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32(), body.GetProperty("rejected")
            .GetInt32()));
        var possible = body.GetProperty("possibleDuplicates").EnumerateArray().Single();
        Assert.Equal((4, "imp-dup-2", "imp-dup-1"), (possible.GetProperty("line").GetInt32(), possible.GetProperty("externalId").GetString(),
            possible.GetProperty("existingExternalId").GetString()));
    }

    [Fact]
    public async Task A_file_without_the_required_columns_is_refused_whole()
    {
        var (status, body) = await PostAsync(Encoding.UTF8.GetBytes("nom;prenom\nMartin;Léa\n"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var columns = Errors(body).Select(e => e.Column).ToList();
        Assert.Equal(["externalId", "kind", "phone", "department", "inclusionDate"], columns);
        Assert.All(Errors(body), e => Assert.Equal(1, e.Line));
    }

    [Fact]
    public async Task Too_large_and_empty_bodies_are_refused_with_a_clear_message()
    {
        var (status, body) = await PostAsync(new byte[2 * 1024 * 1024 + 10]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("limit", body.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync([])).Status);
    }
}

[CollectionDefinition(Name)]
public sealed class BulkCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "bulk"; // a platform of its own: thousands of persons would slow every clock advance elsewhere
}

/// <summary>Large imports: background runs with progress, and a silo restart in the middle of a 10k import.</summary>
[Collection(BulkCollection.Name)]
public class BulkImportTests(PlatformFixture fx)
{
    private async Task<string> TodayAsync() => (await fx.TodayAsync()).ToString("dd/MM/yyyy");

    private Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(byte[] file) => fx.ImportAsync(file);

    [Fact]
    public async Task A_large_file_runs_in_the_background_with_progress_to_poll()
    {
        var d = await TodayAsync();
        var sb = new StringBuilder("externalId;kind;lastName;firstName;phone;department;inclusionDate\n");
        for (var i = 0; i < 3000; i++) sb.Append($"imp-big-{i};contact;Nom{i};Prénom;06{10_000_000 + i};13;{d}\n");
        var (status, body) = await PostAsync(Encoding.UTF8.GetBytes(sb.ToString()));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = body.GetProperty("importId").GetString();
        using var api = fx.Api();
        JsonElement result;
        var until = DateTime.UtcNow.AddMinutes(3);
        do { await Task.Delay(300); result = await api.GetFromJsonAsync<JsonElement>($"/api/imports/{id}"); }
        while (result.GetProperty("status").GetString() == "running" && DateTime.UtcNow < until);
        Assert.Equal("done", result.GetProperty("status").GetString());
        Assert.Equal((3000, 3000, 0), (result.GetProperty("processed").GetInt32(), result.GetProperty("accepted").GetInt32(),
            result.GetProperty("rejected").GetInt32()));
    }


    private async Task<JsonElement> WaitAsync(HttpClient api, string id, Func<JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var r = await api.GetFromJsonAsync<JsonElement>($"/api/imports/{id}");
            if (until(r) || DateTime.UtcNow > deadline) return r;
            await Task.Delay(200);
        }
    }

    private async Task<string> PostAsync(HttpClient api, byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var r = await api.PostAsync("/api/imports", content);
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("importId").GetString()!;
    }

    [Fact]
    public async Task Silo_restart_mid_import_then_resend_gives_exactly_10k_persons_with_their_schedule()
    {
        const int n = 10_000;
        var d = (await fx.TodayAsync()).ToString("yyyy-MM-dd");
        var sb = new StringBuilder("externalId;kind;lastName;firstName;phone;department;inclusionDate\n");
        for (var i = 0; i < n; i++) sb.Append($"imp-rst-{i};{(i % 2 == 0 ? "cas" : "contact")};Nom{i};Prénom;06{20_000_000 + i};84;{d}\n");
        var file = Encoding.UTF8.GetBytes(sb.ToString());
        using var api = fx.Api();

        var first = await PostAsync(api, file);
        await WaitAsync(api, first, r => r.GetProperty("processed").GetInt32() >= 1500);
        await fx.RestartSiloAsync();
        var interrupted = await WaitAsync(api, first, r => r.GetProperty("status").GetString() != "running");
        Assert.Equal("done", interrupted.GetProperty("status").GetString());
        Assert.Equal(n, interrupted.GetProperty("accepted").GetInt32() + interrupted.GetProperty("duplicates")
            .GetInt32() + interrupted.GetProperty("rejected").GetInt32());

        var second = await PostAsync(api, file);
        var done = await WaitAsync(api, second, r => r.GetProperty("status").GetString() != "running");
        Assert.True(done.GetProperty("rejected").GetInt32() == 0, done.GetProperty("errors").EnumerateArray().FirstOrDefault().ToString());
        Assert.Equal(n, done.GetProperty("accepted").GetInt32() + done.GetProperty("duplicates").GetInt32());

        await using var conn = new Npgsql.NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync();
        var ids = Enumerable.Range(0, n).Select(i => PersonIds.FromExternalId($"imp-rst-{i}")).ToArray();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM persons WHERE id = ANY(@ids) AND next_wake_at IS NOT NULL AND " +
            "status = 'active'", conn);
        count.Parameters.AddWithValue("ids", ids);
        Assert.Equal(n, Convert.ToInt32(await count.ExecuteScalarAsync()));
        await using var reminders = new Npgsql.NpgsqlCommand("SELECT count(DISTINCT grainid) FROM orleansreminderstable WHERE grainid = " +
            "ANY(@grains)", conn);
        reminders.Parameters.AddWithValue("grains", ids.Select(id => $"person/{id:N}").ToArray());
        Assert.Equal(n, Convert.ToInt32(await reminders.ExecuteScalarAsync()));
    }
}
