using System.Globalization;
using System.Resources;

namespace FollowUp.Web.Application.Wording;

/// <summary>
/// The UI texts (Resources/SharedResource*.resx) for code that runs outside a view, such as validation: French by
/// default, the request's language (Accept-Language, ?culture=) when another one is available.
/// </summary>
public static class Texts
{
    private static readonly ResourceManager Resources = new("FollowUp.Web.Resources.SharedResource", typeof(Texts).Assembly);

    public static string Get(string key, params object[] args)
    {
        var format = Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
        return args.Length == 0 ? format : string.Format(CultureInfo.CurrentCulture, format, args);
    }
}
