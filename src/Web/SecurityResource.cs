namespace FollowUp.Web;

/// <summary>Marker for the UI texts of staff access security (Resources/SecurityResource.resx: French; .en.resx: English).</summary>
public sealed class SecurityResource;
