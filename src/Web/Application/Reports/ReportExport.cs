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

    public static List<Row> Rows(DailyReport r, IStringLocalizer t)
    {
        var rows = new List<Row>();
        void Add(string key, object? value) => rows.Add(new Row(key, t["R_" + key.Split('.')[0]] + (key.Contains('.') ? " — " + Label(key, t) : ""), Format(value)));
        Add("date", r.Date.ToString("yyyy-MM-dd"));
        Add("callsToMake", r.CallsToMake);
        Add("callsNotMade", r.CallsNotMade);
        Add("callsNotMadePercent", r.CallsNotMadePercent);
        Add("callsMade", r.CallsMade);
        foreach (var (type, n) in r.CallsMadeByType) Add($"callsMadeByType.{type}", n);
        Add("meanCallSeconds", r.MeanCallSeconds);
        foreach (var (type, s) in r.MeanCallSecondsByType) Add($"meanCallSecondsByType.{type}", s);
        Add("vulnerableReferredToCtai", r.VulnerableReferredToCtai);
        Add("retries", r.Retries);
        foreach (var (reason, n) in r.DropoutsByReason.OrderBy(x => x.Key)) Add($"dropoutsByReason.{reason}", n);
        foreach (var (reason, n) in r.RefusalsByReason.OrderBy(x => x.Key)) Add($"refusalsByReason.{reason}", n);
        Add("contactsWithoutTestAtJ7", r.ContactsWithoutTestAtJ7);
        Add("smsSent", r.SmsSent);
        Add("smsDelivered", r.SmsDelivered);
        Add("questionnairesCompleted", r.QuestionnairesCompleted);
        Add("unreachable", r.Unreachable);
        Add("personsInFollowUp", r.PersonsInFollowUp);
        Add("inclusions", r.Inclusions);
        Add("positivesAtJ7", r.PositivesAtJ7);
        return rows;
    }

    private static string Label(string key, IStringLocalizer t)
    {
        var sub = key[(key.IndexOf('.') + 1)..];
        var localized = key.StartsWith("dropouts") ? t["Dropout_" + sub] : key.StartsWith("refusals") ? t["Refusal_" + sub] : t["Milestone_" + sub];
        return localized.ResourceNotFound ? sub : localized.Value;
    }

    private static string Format(object? v) => v switch
    {
        null => "",
        double d => d.ToString("0.#", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    /// <summary>';'-separated, UTF-8 with BOM (French Excel opens it as is).</summary>
    public static byte[] Csv(IEnumerable<Row> rows)
    {
        var sb = new StringBuilder("indicateur;libellé;valeur\r\n");
        foreach (var r in rows) sb.Append($"{r.Key};{Quote(r.Label)};{r.Value}\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string Quote(string s) => s.Contains(';') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;

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
