namespace FollowUp.Silo.Sms;

/// <summary>
/// An SMS to hand to the operator. <see cref="Id"/> is stable (person + milestone + attempt): sending the same id twice
/// must not send twice. <see cref="MayHaveBeenSent"/> is set when an earlier hand-over may have reached the operator
/// (the process died or the call failed after it started): the gateway then asks the operator before sending again.
/// </summary>
public sealed record SmsMessage(string Id, string To, string Text, bool MayHaveBeenSent = false);

/// <summary>The operator's id for the message (delivery reports refer to it); <see cref="AlreadySent"/> when recovery found it sent.</summary>
public sealed record SmsReceipt(string? ProviderId, bool AlreadySent);

/// <summary>A reply received from a phone (E.164 sender).</summary>
public sealed record SmsReply(string ProviderId, string Sender, string Text);

/// <summary>The one way SMS leave and come back to the platform (OVH in production, a fake in development and simulation).</summary>
public interface ISmsGateway
{
    /// <summary>Hands the message over; idempotent by <see cref="SmsMessage.Id"/>. Throws when the gateway is unavailable.</summary>
    Task<SmsReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken = default);

    /// <summary>Reads the replies waiting at the operator, hands each to <paramref name="handle"/>, and deletes it once handled.</summary>
    Task<int> ProcessRepliesAsync(Func<SmsReply, Task> handle, CancellationToken cancellationToken = default);
}
