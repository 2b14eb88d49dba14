namespace FollowUp.Silo.Sms;

/// <summary>An SMS to hand to the operator. <see cref="Id"/> is stable: sending the same id twice must not send twice.</summary>
public sealed record SmsMessage(string Id, string To, string Text);

/// <summary>The one way SMS leave the platform (OVH in production, a fake in development and simulation).</summary>
public interface ISmsGateway
{
    /// <summary>Hands the message over; idempotent by <see cref="SmsMessage.Id"/>. Throws when the gateway is unavailable.</summary>
    Task SendAsync(SmsMessage message, CancellationToken cancellationToken = default);
}
