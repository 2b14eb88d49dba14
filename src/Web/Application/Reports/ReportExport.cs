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

    /// <summary>The figures, then the report's "Informations complémentaires" (a report as presented: the selected ones).</summary>
    public static List<Row> RowsWithAdditional(DailyReport r, IStringLocalizer t) => [.. Rows(r, t), .. AdditionalRows(r, t)];

    /// <summary>Keys of the "Informations complémentaires" rows start with this.</summary>
    public const string AdditionalPrefix = AdditionalIndicatorRows.Prefix;

    private static List<Row> AdditionalRows(DailyReport r, IStringLocalizer t) => AdditionalIndicatorRows.Of(r).Select(f => new Row(f.Key,
        t["Ind_" + f.Id] + (f.Sub is null ? "" : " — " + (f.Hour ? t["Ind_Hour", f.Sub].Value : Label("milestone." + f.Sub, t))), f.Value)).ToList();

    private static string Label(string key, IStringLocalizer t)
    {
        var sub = key[(key.IndexOf('.') + 1)..];
        var localized = key.StartsWith("dropouts", StringComparison.Ordinal) ? t["Dropout_" + sub]
            : key.StartsWith("refusals", StringComparison.Ordinal) ? t["Refusal_" + sub] : t["Milestone_" + sub];
        return localized.ResourceNotFound ? sub : localized.Value;
    }

    /// <summary>The by-department table: one column per department, the figures under the same keys as <see cref="Rows"/>.</summary>
    public sealed record DepartmentColumn(string Department, Dictionary<string, string> Values);

    public static List<DepartmentColumn> Departments(DailyReport r) => (r.ByDepartment ?? []).Select(d => new DepartmentColumn(d.Key,
        DailyReportFigures.Of(d.Value).Select(f => (f.Key, Value: DailyReportFigures.Format(f.Value)))
            .Concat(AdditionalIndicatorRows.Of(d.Value).Select(f => (f.Key, f.Value))).ToDictionary(f => f.Key, f => f.Value))).ToList();

    /// <summary>The value of a figure in a department's column ("0" for a reason the department did not have).</summary>
    public static string ValueIn(DepartmentColumn c, Row row) => c.Values.TryGetValue(row.Key, out var v) ? v : row.Key.Contains('.') ? "0" : "";

    /// <summary>';'-separated, UTF-8 with BOM (French Excel opens it as is); RFC 4180 quoting, formulas neutralised (CsvCells).
    /// With departments: one column each, before the total.</summary>
    public static byte[] Csv(IEnumerable<Row> rows, IReadOnlyList<DepartmentColumn>? departments = null)
    {
        departments ??= [];
        var sb = new StringBuilder(CsvCells.Line(';', ["indicateur", "libellé", .. departments.Select(d => $"dép. {d.Department}"), "valeur"]));
        foreach (var r in rows) sb.Append(CsvCells.Line(';', [r.Key, r.Label, .. departments.Select(d => ValueIn(d, r)), r.Value]));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    /// <summary>One sheet: indicator, label, value (numbers as numbers); with departments, a second sheet "par département".</summary>
    public static byte[] Xlsx(IEnumerable<Row> rows, string sheetName, IReadOnlyList<DepartmentColumn>? departments = null)
    {
        var list = rows.ToList();
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var ws = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            ws.Worksheet = new Worksheet(data);
            data.Append(RowOf("indicateur", "libellé", "valeur"));
            foreach (var r in list) data.Append(RowOf(r.Key, r.Label, r.Value));
            var sheets = wb.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = sheetName });
            if (departments is { Count: > 0 })
            {
                var byDep = wb.AddNewPart<WorksheetPart>();
                var depData = new SheetData();
                byDep.Worksheet = new Worksheet(depData);
                depData.Append(RowOf(["indicateur", "libellé", .. departments.Select(d => "dép. " + d.Department), "total"]));
                foreach (var r in list) depData.Append(RowOf([r.Key, r.Label, .. departments.Select(d => ValueIn(d, r)), r.Value]));
                sheets.Append(new Sheet { Id = wb.GetIdOfPart(byDep), SheetId = 2, Name = "par département" });
            }
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
