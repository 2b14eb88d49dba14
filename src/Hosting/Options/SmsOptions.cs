namespace FollowUp;

/// <summary>
/// <c>FollowUp:Sms</c>, read by both processes: the silo sends with the provider and the templates, the web checks
/// OVH's delivery reports and shows the development inbox. The OVH account itself is <c>FollowUp:Sms:Ovh</c>.
/// </summary>
public sealed class SmsOptions : ISectionOptions
{
    public static string Section => "FollowUp:Sms";

    /// <summary><c>Ovh</c>, or <c>Fake</c> (in-database, for tests and simulations).</summary>
    public string Provider { get; set; } = "Fake";

    /// <summary>Alphanumeric sender or virtual number at OVH; empty: the account's default.</summary>
    public string Sender { get; set; } = "";

    /// <summary>A directory of SMS templates replacing the shipped ones; empty: the shipped ones.</summary>
    public string TemplatesPath { get; set; } = "";

    /// <summary>How often a silo reads the texts edited in Admin › Éléments de langage (0: at every SMS).</summary>
    public double TemplateRefreshSeconds { get; set; } = 5;

    /// <summary>The secret path segment of OVH's delivery-report callback URL; empty: reports refused.</summary>
    public string DeliveryReportSecret { get; set; } = "";

    /// <summary>Development only: the OVH fake's record of the phones (set by run.sh).</summary>
    public string FakeInboxUrl { get; set; } = "";

    public bool IsOvh => Provider == "Ovh";

    /// <summary>The templates' directory: <see cref="TemplatesPath"/>, or the ones shipped next to the assembly.</summary>
    public string TemplatesDirectory => TemplatesPath is { Length: > 0 } p ? p : Path.Combine(AppContext.BaseDirectory, "Sms", "Templates");

    public IEnumerable<string> Problems()
    {
        if (Provider is not ("Ovh" or "Fake"))
            yield return $"FollowUp:Sms:Provider '{Provider}' is not supported (use Ovh, or Fake for tests and simulations).";
        if (TemplateRefreshSeconds < 0) yield return $"FollowUp:Sms:TemplateRefreshSeconds must not be negative (got {TemplateRefreshSeconds}).";
    }
}
