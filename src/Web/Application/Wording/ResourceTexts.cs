using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Resources;

namespace FollowUp.Web.Application.Wording;

/// <summary>
/// The texts of one resource (<typeparamref name="TResource"/> is its marker: Resources/SharedResource*.resx for
/// <c>SharedResource</c>…) for code that runs outside a view, such as validation: French by default, the request's
/// language (Accept-Language, ?culture=) when another one is available. Used through the aliases of GlobalUsings.cs:
/// <c>Texts</c> (the UI), <c>PrivacyTexts</c> (RGPD), <c>SecurityTexts</c> (staff access security).
/// </summary>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types",
    Justification = "Called through the aliases Texts, PrivacyTexts and SecurityTexts: the type argument is never written at a call site")]
public static class ResourceTexts<TResource>
{
    private static readonly ResourceManager Resources =
        new($"{typeof(TResource).Namespace}.Resources.{typeof(TResource).Name}", typeof(TResource).Assembly);

    public static string Get(string key, params object[] args)
    {
        var format = Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
        return args.Length == 0 ? format : string.Format(CultureInfo.CurrentCulture, format, args);
    }
}
