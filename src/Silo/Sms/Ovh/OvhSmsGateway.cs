using Microsoft.Extensions.Logging;

namespace FollowUp.Silo.Sms.Ovh;

/// <summary>SMS through OVHcloud: one job per SMS, tagged with our message id, so recovery can ask OVH whether it left.</summary>
public sealed class OvhSmsGateway(OvhClient client, OvhOptions options, OvhSendThrottle throttle, ILogger<OvhSmsGateway> logger) : ISmsGateway
{
    /// <summary>Waits for the throttle (parallelism, MaxPerSecond, a 429's pause), then hands the SMS over.</summary>
    public Task<SmsReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken = default) =>
        throttle.RunAsync(() => SendNowAsync(message, cancellationToken), cancellationToken);

    private async Task<SmsReceipt> SendNowAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        if (message.MayHaveBeenSent)
        {
            // An accepted job is first queued at OVH (/jobs), then sent (/outgoing). Asked in that order, a job moving
            // from one to the other between the two questions is still found.
            var existing = await client.PendingJobsByTagAsync(message.Id, cancellationToken);
            if (existing.Length == 0) existing = await client.OutgoingByTagAsync(message.Id, cancellationToken);
            if (existing.Length > 0)
            {
                logger.LogInformation("SMS {MessageId} was already accepted by OVH; not sent again", message.Id);
                return new SmsReceipt(existing[0].ToString(System.Globalization.CultureInfo.InvariantCulture), AlreadySent: true);
            }
        }
        var job = new OvhJob(message.Text, [message.To], options.Sender is { Length: > 0 } s ? s : null, NoStopClause: true,
            Tag: message.Id, Priority: options.Priority, ValidityPeriod: options.ValidityPeriodMinutes);
        var result = await client.SendJobAsync(job, cancellationToken);
        if (result.Ids.Length == 0)
            throw new SmsRejectedException($"OVH rejected SMS {message.Id}: invalid receiver");
        return new SmsReceipt(result.Ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture), AlreadySent: false);
    }

    public async Task<int> ProcessRepliesAsync(Func<SmsReply, Task> handle, CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var id in await client.IncomingIdsAsync(cancellationToken))
        {
            var sms = await client.IncomingAsync(id, cancellationToken);
            if (sms is not null)
            {
                await handle(new SmsReply(id.ToString(System.Globalization.CultureInfo.InvariantCulture), sms.Sender, sms.Message));
                count++;
            }
            await client.DeleteIncomingAsync(id, cancellationToken);
        }
        return count;
    }
}
