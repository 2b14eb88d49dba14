namespace FollowUp;

/// <summary>One OVH delivery report: the provider's message id, the dlr code, and whether it says delivered (1), not delivered (2, 16) or
/// neither.</summary>
public sealed record DeliveryReport(string ProviderId, string Status, bool? Delivered);
