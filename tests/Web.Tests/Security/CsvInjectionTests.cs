using System.Text;
using FollowUp.Web.Application.Reports;

namespace FollowUp.Tests.Security;

/// <summary>Issue 14 §9: every CSV cell is quoted per RFC 4180 and a cell starting with a formula character is neutralised.</summary>
public class CsvInjectionTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+33612345678", "'+33612345678")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("plain", "plain")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public void A_cell_is_quoted_and_neutralised(string value, string expected) => Assert.Equal(expected, CsvCells.Field(value));

    [Fact]
    public void A_refusal_reason_with_a_new_line_cannot_start_a_line_with_a_formula()
    {
        var csv = Encoding.UTF8.GetString(ReportExport.Csv([new ReportExport.Row("refusals.x\n=1+1", "Refus : x\n=1+1", "1"),
            new ReportExport.Row("refusals.=cmd", "=cmd|' /C calc'!A0", "2")]));
        // RFC 4180: the newline stays inside a quoted field; no physical line of the file starts with a formula character.
        Assert.Contains("\"refusals.x\n=1+1\"", csv);
        Assert.Contains(";'=cmd|' /C calc'!A0;", csv);
        var records = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, records.Length);
        Assert.All(records, r => Assert.DoesNotContain(r[0], CsvCells.FormulaStarts));
    }

    [Fact]
    public void The_access_journal_export_neutralises_a_search_term_written_as_a_formula()
    {
        var entry = new FollowUp.Web.Application.Privacy.AccessLog.Item(DateTimeOffset.UnixEpoch, "=HYPERLINK(\"x\")", "Admin", "search", "search",
            null, "UI", "127.0.0.1", "@SUM(1)\n=1+1");
        var csv = Encoding.UTF8.GetString(FollowUp.Web.Application.Privacy.AccessLog.Csv([entry])).TrimStart('\uFEFF');
        Assert.Contains(";\"'=HYPERLINK(\"\"x\"\")\";", csv);
        Assert.Contains(";\"'@SUM(1)\n=1+1\"\r\n", csv);
    }
}
