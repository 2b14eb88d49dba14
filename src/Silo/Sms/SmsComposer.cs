namespace FollowUp.Silo.Sms;

/// <summary>
/// Builds the milestone SMS from file templates (Sms/Templates/{language}.txt, placeholders {firstName} and {link}):
/// first name and questionnaire link only, no health words. A GSM-7 template makes one segment (160 septets); a
/// template that needs UCS-2 (Arabic) at most two (2 × 67 characters). Templates are checked at start
/// (<see cref="SmsTemplateRules"/>); the ARS's edits are read by <see cref="SmsTexts"/>.
/// </summary>
public sealed class SmsComposer
{
    public const int MaxLength = 160;
    /// <summary>Two concatenated UCS-2 segments.</summary>
    public const int MaxUcs2Length = 2 * 67;
    private readonly string _baseUrl;
    private readonly Dictionary<string, string> _templates;

    public SmsComposer(string publicBaseUrl, string templatesDirectory)
    {
        _baseUrl = publicBaseUrl.TrimEnd('/');
        if (!Directory.Exists(templatesDirectory))
            throw new ConfigurationException($"SMS templates folder not found: {templatesDirectory} (FollowUp:Sms:TemplatesPath).");
        _templates = Directory.GetFiles(templatesDirectory, "*.txt")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => File.ReadAllText(f).Trim());
        if (!_templates.ContainsKey("fr")) throw new ConfigurationException($"SMS template fr.txt missing in {templatesDirectory}.");
        foreach (var (language, template) in _templates)
        {
            var problems = SmsTemplateRules.Check(template, ucs2Allowed: !Gsm7.IsGsm7(template), _baseUrl);
            if (problems.Count > 0)
                throw new ConfigurationException($"SMS template {language}.txt must contain {{firstName}} and {{link}}, no health word, and leave " +
                    $"room for a first name in one GSM-7 segment ({MaxLength} characters) or, with characters outside GSM-7, two UCS-2 segments " +
                    $"({MaxUcs2Length}): {string.Join(", ", problems.Select(p => $"{p.Code} {p.Detail}"))}.");
        }
    }

    public IReadOnlyDictionary<string, string> Templates => _templates;

    public static string DefaultTemplatesDirectory => new SmsOptions().TemplatesDirectory;

    /// <summary>The SMS for this person; <paramref name="template"/> is the ARS's edited text of the language, when there is one.</summary>
    public string Compose(string firstName, string language, string token, string? template = null)
    {
        template ??= _templates.TryGetValue(language, out var t) ? t : _templates["fr"];
        var link = Link(token);
        var gsm = Gsm7.IsGsm7(template);
        var name = gsm ? Gsm7.Transliterate(firstName) : firstName.Trim();
        var room = gsm ? MaxLength - Gsm7.Length(Fill(template, "", link)) : MaxUcs2Length - Fill(template, "", link).Length;
        if (name.Length > room) name = name[..room].TrimEnd();
        if (name.Length > 0 && char.IsHighSurrogate(name[^1])) name = name[..^1];
        var text = Fill(template, name, link);
        return name.Length == 0 ? text.Replace(" ,", ",").Replace(" ،", "،") : text;
    }

    private string Link(string token) => $"{_baseUrl}/q/{token}";

    private static string Fill(string template, string firstName, string link) => SmsTemplateRules.Fill(template, firstName, link);
}
