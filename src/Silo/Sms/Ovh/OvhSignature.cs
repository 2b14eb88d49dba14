using System.Security.Cryptography;
using System.Text;

namespace FollowUp.Silo.Sms.Ovh;

/// <summary>OVH API request signature: "$1$" + SHA1(AS+CK+METHOD+FULL_URL+BODY+TIMESTAMP), lowercase hex.</summary>
public static class OvhSignature
{
    public static string Compute(string applicationSecret, string consumerKey, string method, string fullUrl, string body, long timestamp)
    {
        var data = string.Join('+', applicationSecret, consumerKey, method, fullUrl, body,
            timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "$1$" + Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(data)));
    }
}
