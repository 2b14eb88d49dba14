namespace FollowUp.Web;

/// <summary>
/// Marker for the public questionnaire's texts (Resources/QuestionnaireResource*.resx): French, English, Arabic,
/// Spanish, Portuguese and Turkish — every key in every language.
/// </summary>
public sealed class QuestionnaireResource
{
    /// <summary>The questionnaire's languages (a person's <c>language</c>), French first (the default).</summary>
    public static readonly string[] Languages = ["fr", "en", "ar", "es", "pt", "tr"];

    /// <summary>Each language's own name, for the switcher.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["fr"] = "Français",
        ["en"] = "English",
        ["ar"] = "العربية",
        ["es"] = "Español",
        ["pt"] = "Português",
        ["tr"] = "Türkçe",
    };

    public static bool RightToLeft(string language) => language == "ar";
}
