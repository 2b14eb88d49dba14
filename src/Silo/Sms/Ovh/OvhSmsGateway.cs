using Microsoft.Extensions.Logging;

namespace FollowUp.Silo.Sms.Ovh;

/// <summary>SMS through OVHcloud: one job per SMS, tagged with our message id, so recovery can ask OVH whether it left.</summary>
public sealed class OvhSmsGateway(OvhClient client, OvhOptions options, OvhSendThrottle throttle, ILogger<OvhSmsGateway> logger) : ISmsGateway
{
    /// <summary>Queued jobs read at most to find one SMS in OVH's queue (see <see cref="QueuedJobAsync"/>).</summary>
    public const int MaxQueuedJobsRead = 200;

    /// <summary>Waits for the throttle (parallelism, MaxPerSecond, a 429's pause), then hands the SMS over.</summary>
    public Task<SmsReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken = default) =>
        throttle.RunAsync(() => SendNowAsync(message, cancellationToken), cancellationToken);

    private async Task<SmsReceipt> SendNowAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        if (message.MayHaveBeenSent)
        {
            // An accepted job is first queued at OVH (/jobs), then sent (/outgoing). Asked in that order, a job moving
            // from one to the other between the two questions is still found.
            var existing = await QueuedJobAsync(message, cancellationToken)
                ?? (await client.OutgoingByTagAsync(message.Id, cancellationToken)).Cast<long?>().FirstOrDefault();
            if (existing is { } id)
            {
                logger.LogInformation("SMS {MessageId} was already accepted by OVH; not sent again", message.Id);
                return new SmsReceipt(id.ToString(System.Globalization.CultureInfo.InvariantCulture), AlreadySent: true);
            }
        }
        var job = new OvhJob(message.Text, [message.To], options.Sender is { Length: > 0 } s ? s : null, NoStopClause: true,
            Tag: message.Id, Priority: options.Priority, ValidityPeriod: options.ValidityPeriodMinutes);
        var result = await client.SendJobAsync(job, cancellationToken);
        if (result.Ids.Length == 0)
            throw new SmsRejectedException($"OVH rejected SMS {message.Id}: invalid receiver");
        return new SmsReceipt(result.Ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture), AlreadySent: false);
    }

    /// <summary>
    /// The job carrying this SMS still queued at OVH, if any. OVH's queue cannot be asked by tag: GET /sms/{sn}/jobs
    /// takes no filter and a queued job (sms.Job) has no tag field, unlike sent messages (/outgoing?tag=). So each queued
    /// job is read (newest first) and compared by receiver and text — the text carries the person's own questionnaire
    /// link, so it names the SMS. At most <see cref="MaxQueuedJobsRead"/> are read; with a longer queue the
    /// question cannot be answered yet and the SMS stays "to send" (tried again at the next wake, the queue drained).
    /// </summary>
    private async Task<long?> QueuedJobAsync(SmsMessage message, CancellationToken ct)
    {
        var ids = await client.PendingJobIdsAsync(ct);
        if (ids.Length > MaxQueuedJobsRead)
            throw new OvhException(503, $"OVH holds {ids.Length} queued jobs (more than {MaxQueuedJobsRead} to read): SMS {message.Id} " +
                "may be among them; not sent now, asked again later");
        foreach (var id in ids.OrderDescending())
            if (await client.PendingJobAsync(id, ct) is { } job && SamePhone(job.Receiver, message.To) && job.Message == message.Text)
                return id;
        return null;
    }

    /// <summary>One phone written two ways (+33…, 0033…) is the same receiver.</summary>
    private static bool SamePhone(string? a, string b) => a is not null && Digits(a) == Digits(b);

    private static string Digits(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.StartsWith("00", StringComparison.Ordinal) ? digits[2..] : digits;
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
