using System.Globalization;
using System.Text;

namespace FollowUp;

/// <summary>GSM 03.38 7-bit alphabet: what fits one 160-character SMS segment without switching to UCS-2 (70).</summary>
public static class Gsm7
{
    private const string Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ " +
        "!\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extended = "^{}\\[~]|€\f";

    public static bool IsGsm7(string text) => text.All(c => Basic.Contains(c) || Extended.Contains(c));

    /// <summary>Septets used (extended characters take two).</summary>
    public static int Length(string text) => text.Sum(c => Extended.Contains(c) ? 2 : 1);

    /// <summary>Segments needed: 1 up to 160 septets, else 153 per segment; UCS-2 text: 70, else 67.</summary>
    public static int Segments(string text)
    {
        if (IsGsm7(text)) { var n = Length(text); return n <= 160 ? 1 : (n + 152) / 153; }
        return text.Length <= 70 ? 1 : (text.Length + 66) / 67;
    }

    /// <summary>Makes a name GSM-7: accents the alphabet lacks are dropped (ê → e, ç → c), anything else becomes a space.</summary>
    public static string Transliterate(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (Basic.Contains(c) && c is not '\n' and not '\r') { sb.Append(c); continue; }
            var plain = c.ToString().Normalize(NormalizationForm.FormD)
                .Where(x => CharUnicodeInfo.GetUnicodeCategory(x) != UnicodeCategory.NonSpacingMark).ToArray();
            sb.Append(plain.Length == 1 && Basic.Contains(plain[0]) ? plain[0] : c is '’' or '‘' ? '\'' : ' ');
        }
        return sb.ToString().Trim();
    }
}
