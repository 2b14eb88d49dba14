using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace FollowUp.Web.Application.Imports;

/// <summary>One data line of the file: its physical line number, its values by column (canonical names) and as written.</summary>
public sealed record CsvLine(int Line, IReadOnlyDictionary<string, string> Values, string[] Raw);

public sealed record ImportError(int Line, string Column, string Message);

/// <summary>
/// Reads the daily inclusion list as French spreadsheets export it: ';' or ',' separated, UTF-8 (with or without BOM)
/// or Windows-1252, French or English header names in any order, blank lines ignored. CsvHelper does the parsing.
/// </summary>
public sealed class CsvInclusionFile
{
    /// <summary>Canonical column → accepted header names (compared without case, accents, spaces or punctuation).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        ["externalId"] = ["externalid", "id", "identifiant", "idexterne", "numero", "numerodossier", "reference"],
        ["kind"] = ["kind", "type", "nature", "statut", "categorie"],
        ["lastName"] = ["lastname", "nom", "nomdefamille", "nomusage"],
        ["firstName"] = ["firstname", "prenom"],
        ["phone"] = ["phone", "telephone", "tel", "portable", "mobile", "numerotelephone"],
        ["birthDate"] = ["birthdate", "datedenaissance", "naissance", "datenaissance", "ddn"],
        ["department"] = ["department", "departement", "dept", "dep"],
        ["inclusionDate"] = ["inclusiondate", "datedinclusion", "dateinclusion", "inclusion", "j0", "dateappelcpam"],
        ["sociallyVulnerable"] = ["sociallyvulnerable", "vulnerable", "socialementvulnerable", "vulnerabilitesociale", "vulnerabilite"],
        ["language"] = ["language", "langue"],
        ["isolationStartDate"] = ["isolationstartdate", "datededebutdisolement", "datedebutisolement", "debutisolement", "debutdisolement"],
        ["lastContactDate"] = ["lastcontactdate", "dateduderniercontact", "datederniercontact", "derniercontact", "derniercontactaveclecas"],
    };

    public static readonly string[] Required = ["externalId", "kind", "lastName", "firstName", "phone", "department", "inclusionDate"];

    public IReadOnlyList<string> Header { get; private init; } = [];
    /// <summary>Canonical column → the header as written in the file (for error messages).</summary>
    public IReadOnlyDictionary<string, string> HeaderNames { get; private init; } = new Dictionary<string, string>();
    public IReadOnlyList<CsvLine> Lines { get; private init; } = [];
    public IReadOnlyList<ImportError> FileErrors { get; private init; } = [];
    public char Delimiter { get; private init; }

    static CsvInclusionFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Normalize(string header)
    {
        var d = header.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (var c in d)
            if (char.IsLetterOrDigit(c)
                && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    /// <summary>UTF-8 when it is valid UTF-8 (BOM or not), else Windows-1252 (Excel's "CSV (séparateur: point-virgule)").</summary>
    public static string Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { return Encoding.GetEncoding(1252).GetString(bytes); }
    }

    /// <summary>Lines (not counting the header) beyond which a file is refused whole (FollowUp:Import:MaxLines).</summary>
    public const int DefaultMaxLines = 500_000;

    public static CsvInclusionFile Parse(byte[] bytes, int maxLines = DefaultMaxLines)
    {
        var text = Decode(bytes);
        var firstLine = text.Split('\n', 2)[0];
        var delimiter = firstLine.Count(c => c == ';') >= firstLine.Count(c => c == ',') ? ';' : ',';
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            HasHeaderRecord = true,
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = null,
            DetectColumnCountChanges = false,
        };
        using var reader = new CsvReader(new StringReader(text), config);
        if (!reader.Read() || !reader.ReadHeader() || reader.HeaderRecord is not { Length: > 0 } header)
            return new CsvInclusionFile { FileErrors = [new ImportError(1, "", Texts.Get("Err_EmptyFile"))], Delimiter = delimiter };

        var byCanonical = new Dictionary<string, int>();
        var names = new Dictionary<string, string>();
        for (var i = 0; i < header.Length; i++)
        {
            var n = Normalize(header[i]);
            var match = Columns.FirstOrDefault(c => c.Value.Contains(n)).Key;
            if (match is not null && !byCanonical.ContainsKey(match)) { byCanonical[match] = i; names[match] = header[i].Trim(); }
        }
        var missing = Required.Where(r => !byCanonical.ContainsKey(r)).ToList();
        if (missing.Count > 0)
            return new CsvInclusionFile
            {
                Header = header,
                Delimiter = delimiter,
                FileErrors = missing.Select(m => new ImportError(1, m, Texts.Get("Err_MissingColumn", string.Join(", ", Columns[m].Take(4)))))
                    .ToList(),
            };

        var lines = new List<CsvLine>();
        while (reader.Read())
        {
            var raw = reader.Parser.Record ?? [];
            if (raw.All(string.IsNullOrWhiteSpace)) continue;
            if (lines.Count == maxLines)
                return new CsvInclusionFile
                {
                    Header = header,
                    Delimiter = delimiter,
                    FileErrors = [new ImportError(reader.Parser.RawRow, "",
                        Texts.Get("Err_TooManyLines", maxLines.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"))))],
                };
            var values = byCanonical.ToDictionary(c => c.Key, c => c.Value < raw.Length ? raw[c.Value].Trim() : "");
            var breaks = reader.Parser.RawRecord.TrimEnd('\r', '\n').Count(c => c == '\n'); // a quoted field may span lines
            lines.Add(new CsvLine(reader.Parser.RawRow - breaks, values, raw));
        }
        return new CsvInclusionFile { Header = header, HeaderNames = names, Lines = lines, Delimiter = delimiter };
    }

    /// <summary>The input of one line and the errors found reading it (column as written in the file).</summary>
    public (PersonInput Input, List<ImportError> Errors) ToInput(CsvLine line)
    {
        var errors = new List<ImportError>();
        string? V(string c) => line.Values.TryGetValue(c, out var v) && v.Length > 0 ? v : null;
        bool? vulnerable = null;
        if (V("sociallyVulnerable") is { } sv)
        {
            vulnerable = Normalize(sv) switch
            {
                "oui" or "yes" or "true" or "1" or "x" or "o" or "vrai" => true,
                "non" or "no" or "false" or "0" or "n" or "faux" => false,
                _ => null,
            };
            if (vulnerable is null) errors.Add(new ImportError(line.Line, HeaderNames["sociallyVulnerable"], Texts.Get("Err_YesNo", sv)));
        }
        var kind = V("kind") is { } k ? Normalize(k) switch
        {
            "cas" or "case" or "malade" or "casconfirme" => "case",
            "contact" or "personnecontact" or "contactarisque" => "contact",
            _ => k
        } : null;
        var input = new PersonInput(V("externalId"), kind, V("firstName"), V("lastName"), V("phone"), V("birthDate"), V("department"),
            V("inclusionDate"), vulnerable, V("language"), V("isolationStartDate"), V("lastContactDate"));
        return (input, errors);
    }

    public string ColumnName(string canonical) => HeaderNames.TryGetValue(canonical, out var n) ? n : canonical;
}
