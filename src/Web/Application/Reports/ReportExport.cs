using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.Localization;

namespace FollowUp.Web.Application.Reports;

/// <summary>The daily report as rows (indicator key, French label, value) — the same rows for the page, CSV and XLSX.</summary>
public static class ReportExport
{
    public sealed record Row(string Key, string Label, string Value);

    public static List<Row> Rows(DailyReport r, IStringLocalizer t) =>
        DailyReportFigures.Of(r).Select(f => new Row(f.Key, t["R_" + f.Key.Split('.')[0]] + (f.Key.Contains('.') ? " — " + Label(f.Key, t) : ""),
            DailyReportFigures.Format(f.Value))).ToList();

    private static string Label(string key, IStringLocalizer t)
    {
        var sub = key[(key.IndexOf('.') + 1)..];
        var localized = key.StartsWith("dropouts") ? t["Dropout_" + sub] : key.StartsWith("refusals") ? t["Refusal_" + sub] : t["Milestone_" + sub];
        return localized.ResourceNotFound ? sub : localized.Value;
    }

    /// <summary>';'-separated, UTF-8 with BOM (French Excel opens it as is); RFC 4180 quoting, formulas neutralised (CsvCells).</summary>
    public static byte[] Csv(IEnumerable<Row> rows)
    {
        var sb = new StringBuilder(CsvCells.Line(';', "indicateur", "libellé", "valeur"));
        foreach (var r in rows) sb.Append(CsvCells.Line(';', r.Key, r.Label, r.Value));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    /// <summary>One sheet: indicator, label, value (numbers as numbers).</summary>
    public static byte[] Xlsx(IEnumerable<Row> rows, string sheetName)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var ws = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            ws.Worksheet = new Worksheet(data);
            data.Append(RowOf("indicateur", "libellé", "valeur"));
            foreach (var r in rows) data.Append(RowOf(r.Key, r.Label, r.Value));
            wb.Workbook.AppendChild(new Sheets()).Append(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = sheetName });
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    private static DocumentFormat.OpenXml.Spreadsheet.Row RowOf(params string[] values)
    {
        var row = new DocumentFormat.OpenXml.Spreadsheet.Row();
        foreach (var v in values)
            row.Append(double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && !v.Contains('-')
                ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(n) }
                : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v)) });
        return row;
    }
}
