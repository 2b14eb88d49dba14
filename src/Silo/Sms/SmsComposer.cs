namespace FollowUp.Silo.Sms;

/// <summary>
/// Builds the milestone SMS from file templates (Sms/Templates/{language}.txt, placeholders {firstName} and {link}):
/// first name and questionnaire link only, no health words, GSM-7, one segment. Templates are checked at start.
/// </summary>
public sealed class SmsComposer
{
    public const int MaxLength = 160;
    /// <summary>Length of the link's token (128 bits, base64url).</summary>
    private const int TokenLength = 22;
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
            var empty = Fill(template, "", Link(new string('x', TokenLength)));
            if (!template.Contains("{link}") || !Gsm7.IsGsm7(empty) || Gsm7.Length(empty) > MaxLength - 10)
                throw new ConfigurationException($"SMS template {language}.txt must contain {{link}}, use only GSM-7 characters and leave room for a first name in {MaxLength} characters.");
        }
    }

    public IReadOnlyDictionary<string, string> Templates => _templates;

    public static string DefaultTemplatesDirectory => Path.Combine(AppContext.BaseDirectory, "Sms", "Templates");

    public string Compose(string firstName, string language, string token)
    {
        var template = _templates.TryGetValue(language, out var t) ? t : _templates["fr"];
        var link = Link(token);
        var name = Gsm7.Transliterate(firstName);
        var room = MaxLength - Gsm7.Length(Fill(template, "", link));
        if (name.Length > room) name = name[..room].TrimEnd();
        var text = Fill(template, name, link);
        return name.Length == 0 ? text.Replace(" ,", ",") : text;
    }

    private string Link(string token) => $"{_baseUrl}/q/{token}";

    private static string Fill(string template, string firstName, string link) =>
        template.Replace("{firstName}", firstName).Replace("{link}", link);
}
