using System.Security.Cryptography;
using System.Text;

namespace FollowUp.Silo.Sms;

/// <summary>Builds the milestone SMS: first name and questionnaire link only, no health words (GSM-7 text).</summary>
public sealed class SmsComposer(string publicBaseUrl)
{
    private static readonly Dictionary<string, string> Templates = new()
    {
        ["fr"] = "Bonjour {0}, merci de repondre a ce court questionnaire de suivi : {1}",
        ["en"] = "Hello {0}, please answer this short follow-up form: {1}",
    };

    /// <summary>A fresh 128-bit token (CSPRNG, base64url) and its SHA-256, the only form kept in the database.</summary>
    public static (string Token, byte[] Hash) NewToken()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(16));
        return (token, HashToken(token));
    }

    public static byte[] HashToken(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    public string Compose(string firstName, string language, string token)
    {
        var template = Templates.TryGetValue(language, out var t) ? t : Templates["fr"];
        return string.Format(template, firstName, $"{publicBaseUrl.TrimEnd('/')}/q/{token}");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
