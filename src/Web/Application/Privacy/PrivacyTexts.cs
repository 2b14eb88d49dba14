using System.Globalization;
using System.Resources;

namespace FollowUp.Web.Application.Privacy;

/// <summary>RGPD texts outside views (validation messages), in the request's culture.</summary>
public static class PrivacyTexts
{
    private static readonly ResourceManager Resources = new("FollowUp.Web.Resources.PrivacyResource", typeof(PrivacyTexts).Assembly);

    public static string Get(string key, params object[] args)
    {
        var format = Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
        return args.Length == 0 ? format : string.Format(CultureInfo.CurrentCulture, format, args);
    }
}
