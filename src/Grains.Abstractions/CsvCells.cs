namespace FollowUp;

/// <summary>
/// Cells of the CSV files the platform writes (reports, e-mailed copies): RFC 4180 quoting (a field with the delimiter,
/// a quote, CR or LF is quoted, quotes doubled) and formula-injection neutralisation (a cell starting with =, +, -, @,
/// tab or CR gets a leading apostrophe, so a spreadsheet shows it as text).
/// </summary>
public static class CsvCells
{
    public static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Field(string? value, char delimiter = ';')
    {
        var v = value ?? "";
        if (v.Length > 0 && FormulaStarts.Contains(v[0])) v = "'" + v;
        return v.IndexOfAny([delimiter, '"', '\r', '\n']) >= 0 ? $"\"{v.Replace("\"", "\"\"")}\"" : v;
    }

    /// <summary>One record, fields separated by <paramref name="delimiter"/>, ended by CRLF.</summary>
    public static string Line(char delimiter, params string?[] fields) => string.Join(delimiter, fields.Select(f => Field(f, delimiter))) + "\r\n";
}
