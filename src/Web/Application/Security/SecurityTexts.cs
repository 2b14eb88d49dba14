using System.Globalization;
using System.Resources;

namespace FollowUp.Web.Application.Security;

/// <summary>The texts of staff access security (Resources/SecurityResource*.resx) for code outside a view: French, or the request's
/// language.</summary>
public static class SecurityTexts
{
    private static readonly ResourceManager Resources = new("FollowUp.Web.Resources.SecurityResource", typeof(SecurityTexts).Assembly);

    public static string Get(string key, params object[] args)
    {
        var format = Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
        return args.Length == 0 ? format : string.Format(CultureInfo.CurrentCulture, format, args);
    }
}
