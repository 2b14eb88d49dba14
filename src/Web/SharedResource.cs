namespace FollowUp.Web;

/// <summary>Marker for the UI texts (Resources/SharedResource.resx: French; add SharedResource.en.resx for English).</summary>
public sealed class SharedResource;
