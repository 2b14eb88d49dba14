using System.Text;
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
        var csv = "id,type,nom,prenom,tel,dept,inclusion\n\nA,cas,\"Martin\nDurand\",Léa,0612345678,13,2026-11-24\n,,,,,,\nB,contact,Petit,Luc,0612345679,13,2026-11-24\n";
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
        var file = CsvInclusionFile.Parse(Encoding.UTF8.GetBytes("id;type;nom;prénom;tél;dép;J0;vulnérable\nA;Malade;M;L;0612345678;13;24/11/2026;OUI\nB;case;M;L;0612345678;13;24/11/2026;peut-être\n"));
        var (a, aErrors) = file.ToInput(file.Lines[0]);
        Assert.Empty(aErrors);
        Assert.Equal(("case", true), (a.Kind, a.SociallyVulnerable));
        using var _ = UiCulture.Use("fr-FR");
        var (_, bErrors) = file.ToInput(file.Lines[1]);
        Assert.Equal([new ImportError(3, "vulnérable", "« peut-être » n'est ni oui ni non")], bErrors);
    }
}
