namespace FollowUp.Web;

/// <summary>Marker for the RGPD texts (Resources/PrivacyResource.resx: French; PrivacyResource.en.resx: English).</summary>
public sealed class PrivacyResource;
