using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FollowUp;

/// <summary>A reason an SMS template is refused: <c>Code</c> (empty, placeholderMissing, unknownPlaceholder, notGsm7,
/// tooLong, healthWord) and what it is about (the placeholder, the characters, the segments, the word).</summary>
public sealed record SmsTemplateProblem(string Code, string Detail);

/// <summary>
/// What an SMS template must be (the silo checks its files at start with it, the web every edit of the ARS): it keeps
/// {firstName} and {link} and no other placeholder; filled with the questionnaire link it leaves room for a first name
/// in one GSM-7 segment (160 septets) — or, for a language written outside GSM-7 (Arabic), in two UCS-2 segments
/// (2 × 67) —; and it holds no health word (OVH keeps the history of what is sent).
/// </summary>
public static partial class SmsTemplateRules
{
    public const int MaxLength = 160;
    /// <summary>Two concatenated UCS-2 segments.</summary>
    public const int MaxUcs2Length = 2 * 67;
    /// <summary>Characters kept free for the first name.</summary>
    public const int NameRoom = 10;
    /// <summary>Length of the link's token (128 bits, base64url).</summary>
    public const int TokenLength = 22;
    public static readonly string[] Placeholders = ["{firstName}", "{link}"];

    /// <summary>Words an SMS never holds, in the languages of the templates (compared without case or accents).</summary>
    public static readonly string[] HealthWords = ["covid", "test", "tests", "isolement", "quarantaine", "malade", "cas", "sante", "virus",
        "isolation",
        "sick", "health", "quarantine", "salud", "saude", "aislamiento", "isolamento", "cuarentena", "quarentena", "karantina", "hasta", "saglik",
        "izolasyon", "كوفيد", "عزل", "مرض"];

    public static string SampleLink(string publicBaseUrl) => $"{publicBaseUrl.TrimEnd('/')}/q/{new string('x', TokenLength)}";

    public static string Fill(string template, string firstName, string link) =>
        template.Replace("{firstName}", firstName).Replace("{link}", link);

    /// <summary>Every reason to refuse <paramref name="template"/> (none: it can be sent).</summary>
    /// <param name="ucs2Allowed">the language is written outside GSM-7 (Arabic): two UCS-2 segments are accepted.</param>
    public static IReadOnlyList<SmsTemplateProblem> Check(string template, bool ucs2Allowed, string publicBaseUrl)
    {
        var problems = new List<SmsTemplateProblem>();
        if (string.IsNullOrWhiteSpace(template)) return [new("empty", "")];
        foreach (var p in Placeholders.Where(p => !template.Contains(p, StringComparison.Ordinal))) problems.Add(new("placeholderMissing", p));
        foreach (var p in Placeholder().Matches(template).Select(m => m.Value).Distinct().Where(p => !Placeholders.Contains(p)))
            problems.Add(new("unknownPlaceholder", p));
        var empty = Fill(template, "", SampleLink(publicBaseUrl));
        if (Gsm7.IsGsm7(template))
        {
            if (Gsm7.Length(empty) > MaxLength - NameRoom) problems.Add(new("tooLong", Gsm7.Segments(empty + new string('x', NameRoom))
                .ToString(CultureInfo.InvariantCulture)));
        }
        else if (!ucs2Allowed)
            problems.Add(new("notGsm7", string.Concat(template.Where(c => !Gsm7.IsGsm7(c.ToString())).Distinct())));
        else if (empty.Length > MaxUcs2Length - NameRoom)
            problems.Add(new("tooLong", Gsm7.Segments(empty + new string('x', NameRoom)).ToString(CultureInfo.InvariantCulture)));
        var words = Words().Matches(Fill(template, "", "")).Select(m => Plain(m.Value)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var w in HealthWords.Where(w => words.Contains(Plain(w)))) problems.Add(new("healthWord", w));
        return problems;
    }

    private static string Plain(string word) => string.Concat(word.Normalize(NormalizationForm.FormD)
        .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)).Replace('ı', 'i').ToLowerInvariant();

    [GeneratedRegex(@"\{[^{}\s]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[\p{L}\p{Mn}]+")]
    private static partial Regex Words();
}
