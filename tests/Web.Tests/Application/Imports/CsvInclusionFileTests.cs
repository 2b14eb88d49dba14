using System.Text;
using FollowUp.Web.Application;
using FollowUp.Web.Application.Imports;

namespace FollowUp.Tests.Application.Imports;

public class CsvInclusionFileTests
{
    static CsvInclusionFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("Prénom", "prenom")]
    [InlineData(" Date d'inclusion ", "datedinclusion")]
    [InlineData("TÉLÉPHONE", "telephone")]
    [InlineData("external_id", "externalid")]
    public void Headers_are_compared_without_case_accents_or_punctuation(string header, string normalized) =>
        Assert.Equal(normalized, CsvInclusionFile.Normalize(header));

    [Fact]
    public void Windows_1252_and_UTF8_are_told_apart()
    {
        Assert.Equal("Hélène", CsvInclusionFile.Decode(Encoding.GetEncoding(1252).GetBytes("Hélène")));
        Assert.Equal("Hélène", CsvInclusionFile.Decode(Encoding.UTF8.GetBytes("Hélène")));
        Assert.Equal("Hélène", CsvInclusionFile.Decode([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("Hélène")]));
    }

    [Fact]
    public void Lines_keep_their_physical_numbers_across_blank_lines_and_quoted_line_breaks()
    {
        var csv = "id,type,nom,prenom,tel,dept,inclusion\n\nA,cas,\"Martin\nDurand\",Léa,0612345678,13,2026-11-24\n,,,,,,\n"
            + "B,contact,Petit,Luc,0612345679,13,2026-11-24\n";
        var file = CsvInclusionFile.Parse(Encoding.UTF8.GetBytes(csv));
        Assert.Equal(',', file.Delimiter);
        Assert.Empty(file.FileErrors);
        Assert.Equal(2, file.Lines.Count);
        Assert.Equal("Martin\nDurand", file.Lines[0].Values["lastName"]);
        Assert.Equal(3, file.Lines[0].Line);
        Assert.Equal(6, file.Lines[1].Line);
        Assert.Equal("nom", file.ColumnName("lastName"));
    }

    [Fact]
    public void Vulnerable_and_kind_accept_French_and_English_words()
    {
        var file = CsvInclusionFile.Parse(Encoding.UTF8.GetBytes(
            "id;type;nom;prénom;tél;dép;J0;vulnérable\nA;Malade;M;L;0612345678;13;24/11/2026;OUI\nB;case;M;L;0612345678;13;24/11/2026;peut-être\n"));
        var (a, aErrors) = file.ToInput(file.Lines[0]);
        Assert.Empty(aErrors);
        Assert.Equal(("case", true), (a.Kind, a.SociallyVulnerable));
        using var _ = UiCulture.Use("fr-FR");
        var (_, bErrors) = file.ToInput(file.Lines[1]);
        Assert.Equal([new ImportError(3, "vulnérable", "« peut-être » n'est ni oui ni non")], bErrors);
    }

    /// <summary>A 100,000-line Windows-1252 file as French Excel saves it: every line read and validated, exact counts.
    /// (End to end through the grains, 100k lines are measured by ./bench.sh import 100000.)</summary>
    [Fact]
    public void A_100k_line_file_is_read_and_validated_line_by_line()
    {
        var csv = new StringBuilder("Identifiant;Type;Nom;Prénom;Téléphone;Date de naissance;Département;Date d'inclusion;Vulnérable;Langue\r\n");
        for (var i = 1; i <= 100_000; i++)
        {
            var phone = i % 1000 == 0 ? "12345" : $"06{i:D8}";                  // 100 bad phones
            var department = i % 2500 == 0 ? "99" : (i % 2 == 0 ? "13" : "2A"); // 40 bad departments
            csv.Append($"P{i};{(i % 3 == 0 ? "cas" : "contact")};Nom{i};Hélène;{phone};04/05/1980;{department};24/11/2026;")
                .Append($"{(i % 5 == 0 ? "oui" : "non")};fr\r\n");
            if (i % 10_000 == 0) csv.Append(";;;;;;;;;\r\n");                     // 10 empty lines, ignored
        }
        var file = CsvInclusionFile.Parse(Encoding.GetEncoding(1252).GetBytes(csv.ToString()));
        Assert.Empty(file.FileErrors);
        Assert.Equal(100_000, file.Lines.Count);
        Assert.Equal(1 + 100_000 + 9, file.Lines[^1].Line); // physical line numbers: header, 100k lines, 9 empty lines before the last

        var today = new DateOnly(2026, 11, 24);
        var invalid = file.Lines.Where(l =>
        {
            var (input, errors) = file.ToInput(l);
            return errors.Count > 0 || Inclusion.Validate(input, Actors.Import("test"), today).Request is null;
        }).Select(l => l.Values["externalId"]).ToList();
        Assert.Equal(100 + 40 - 20, invalid.Count); // lines 5000, 10000, … have both faults
        Assert.Contains("P1000", invalid);
        Assert.Contains("P2500", invalid);
        Assert.Equal("Hélène", file.Lines[0].Values["firstName"]);
    }
}
